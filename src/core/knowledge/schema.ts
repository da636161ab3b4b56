import { z } from 'zod';

// YAML reads an unquoted 2030 or 500 as a number; whoever edits the files should not have to care.
const numberAsString = (v: unknown) => (typeof v === 'number' ? String(v) : v);

/** Dates are as precise as the source is: a year, a month or a day. */
export const PartialDate = z.preprocess(
  numberAsString,
  z
    .string()
    .regex(
      /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
      'must look like 2026-04-27, 2026-04 or 2026',
    ),
);

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, like ip-licence-term');
const Text = z.string().trim().min(1, 'must not be empty');
const Word = z.preprocess(numberAsString, Text);

/** Kinds of answer: what a question may ask for and what a fact may state. */
const ANSWER_KINDS = [
  'date',
  'duration',
  'amount',
  'percentage',
  'cause',
  'condition',
  'person',
  'forecast',
  'steps',
] as const;
/** What a question asks for: a kind of answer, or how something turned out ("did AWS end up with...?"). */
export const Intent = z.enum([...ANSWER_KINDS, 'outcome']);
export type Intent = z.infer<typeof Intent>;
/** What a fact states: a kind of answer, or a demand, which says nothing of how it turned out. */
export const FactState = z.enum([...ANSWER_KINDS, 'demand']);
export type FactState = z.infer<typeof FactState>;

export const Source = z.strictObject({
  id: Id,
  title: Text,
  publishers: z.array(Text).min(1, 'must name at least one publisher'),
  date: PartialDate,
  sections: z.array(Text).min(1, 'must list at least one section'),
});
export type Source = z.infer<typeof Source>;

export const SourcesFile = z.strictObject({
  asOf: PartialDate,
  sources: z.array(Source).min(1, 'must list at least one source'),
});

export const Topic = z.strictObject({
  id: Id,
  name: Text,
  description: Text,
  names: z.array(Word).default([]),
});
export type Topic = z.infer<typeof Topic>;

export const TopicsFile = z.strictObject({ topics: z.array(Topic).min(1) });

export const EntityKind = z.enum(['company', 'cloud', 'product', 'person', 'other']);

export const Entity = z.strictObject({
  id: Id,
  names: z.array(Text).min(1, 'must give at least one name'),
  kind: EntityKind,
  class: Id.optional(),
  partOf: Id.optional(),
  leads: Id.optional(),
});
export type Entity = z.infer<typeof Entity>;

export const EntitiesFile = z.strictObject({ entities: z.array(Entity) });

export const Fact = z.strictObject({
  id: Id,
  topic: Id,
  statement: Text.max(600, 'must be at most 600 characters: keep a fact to one or two sentences'),
  date: PartialDate.optional(),
  states: z.array(FactState).default([]),
  covers: z.array(Id).default([]),
  coverage: z.enum(['actual', 'possible']).default('actual'),
  defines: z.array(Id).default([]),
  /** Entities its figures hold without: "3 to 5 sessions" was before Symphony, not with it. */
  figuresWithout: z.array(Id).default([]),
  questions: z.array(Text).min(1, 'must give at least one question variant'),
  keywords: z.array(Word).default([]),
  source: z.strictObject({ id: Id, section: Text }),
});
export type Fact = z.infer<typeof Fact>;

export const FactsFile = z.array(Fact);

export const AliasesFile = z.strictObject({
  aliases: z.record(
    z.string().regex(/^[a-z0-9]+$/, 'must be one lower-case word'),
    z.array(Text).min(1, 'must list at least one alias'),
  ),
  context: z.array(Word).default([]),
  filler: z.array(Text).default([]),
});

export type KnowledgeBase = {
  asOf: string;
  /** canonical word -> what users may write instead */
  aliases: Record<string, string[]>;
  /** Words naming the subject as a whole, which no single fact needs to repeat. */
  context: string[];
  /** Phrases that say nothing about the subject ("in effect", "back to the table"): read as no words at all. */
  filler: string[];
  sources: Source[];
  topics: Topic[];
  entities: Entity[];
  facts: Fact[];
};
