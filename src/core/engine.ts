import MiniSearch, { type Query, type SearchOptions, type SearchResult } from 'minisearch';
import { type Answer, type Citation, makeAnswer, type Suggestion } from './answer.js';
import { createChecks, type IndexedFact, type Precision } from './checks.js';
import { dateSortKey, formatDate } from './dates.js';
import type { Fact, KnowledgeBase, Topic } from './knowledge/schema.js';
import { createQueryReader, type QueryAnalysis, topicWords, YEAR } from './query.js';
import {
  asksOpinion,
  cleanQuestion,
  createAnalyzer,
  detectIntents,
  FUTURE,
  IN_RETURN,
  KIND_WORDS,
} from './text.js';
import { buildVocabulary } from './vocabulary.js';

/** Longest question accepted; longer input gets a short message instead of an answer. */
export const MAX_QUESTION_CHARS = 1000;

/** Every knob of the answer engine; the defaults are what `npm run tune` chose on the tuning questions. */
export type EngineOptions = {
  /** Field weights in the index. */
  boost: { statement: number; questions: number; keywords: number; topic: number };
  /**
   * Weight of word pairs: adjacent content words ("openai pay", "pay microsoft"), which tell who
   * pays whom where single words cannot. 0 turns them off.
   */
  pairBoost: number;
  /** Score factor for facts that state what the question asks for (a date for "when"...). */
  intentBoost: number;
  /** The same for an amount or a percentage ("how much"): smaller, see ask(). */
  quantityBoost: number;
  /**
   * Abstain when more than this share of the question's content words is left unexplained by the
   * answer: unknown to the knowledge base, or absent from the facts chosen.
   */
  maxMissingShare: number;
  /** Leading candidates tried in turn against the entity guard and the term coverage check. */
  candidates: number;
  /** ...as long as they score at least this share of the best: a weak match is no answer. */
  minLeadShare: number;
  /** A further fact joins the answer when it scores at least this share of the leading fact. */
  supportRatio: number;
  /** ...and, when it is from another topic, at least this share. */
  crossTopicRatio: number;
  /**
   * A fact that states what the question asks for (a date, a cause) leads the answer when it
   * scores at least this share of the strongest.
   */
  fitLeadShare: number;
  /** At most this many facts in one answer. */
  maxFacts: number;
  /** How much more an unknown word counts than a known word the answer leaves unmatched. */
  unknownWeight: number;
  /** ...divided by 1 + this for each question word the answer explains beyond two. */
  unknownRelief: number;
  /**
   * Score factor for a fact that names two entities in the order a question puts them ("Microsoft
   * to OpenAI"); its inverse for the reverse order.
   */
  flowBoost: number;
  /** Score factor for a fact about what the question sets aside ("besides the end date"). */
  exceptFactor: number;
  /** Weight of a figure the question names but does not ask for ("the $50B"). */
  referentFigureBoost: number;
};

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  boost: { statement: 1, questions: 1.5, keywords: 1.2, topic: 0.5 },
  pairBoost: 1,
  intentBoost: 1.6,
  quantityBoost: 1.2,
  maxMissingShare: 0.5,
  candidates: 4,
  minLeadShare: 0.5,
  supportRatio: 0.6,
  crossTopicRatio: 0.85,
  fitLeadShare: 0.7,
  maxFacts: 3,
  unknownWeight: 1.5,
  unknownRelief: 0.5,
  flowBoost: 2,
  exceptFactor: 0.5,
  referentFigureBoost: 0.4,
};
// A sum: a unit, or a number too large for a day of the month and no year.
const FIGURE_TERM = /^(?:billion|million|trillion|(?!(?:19|20)\d\d$)(?:3[2-9]|[4-9]\d|\d{3,})(?:\.\d+)?)$/;

/** Side `s` of a choice names what the facts could explain: known topic words, no unknown one. */
const settlable = (a: QueryAnalysis, s: 0 | 1) =>
  (a.choice?.terms[s].size ?? 0) > 0 &&
  (a.choice?.unknown[s].length ?? 0) === 0 &&
  (s === 0 || a.choice?.secondSettles === true);
const unknownOf = (a: QueryAnalysis, s: number) => a.choice?.unknown[s]?.length ?? 0;
const SIDES = [0, 1] as const;

/** A model named with its version: "GPT-5", "gpt 4o", "o3", "Codex-1". */
// Codex only with a hyphen: "Codex 5 sessions" counts sessions. "GPT 2x faster" is no version.
const VERSIONED = /\bgpt[- ]?\d|\bcodex-\d|\bo\d\b/i;
const VERSIONED_ALL = /\bgpt[- ]?\d+(?:\.\d+)?(?:o|mini|turbo)?\b|\bcodex-\d+(?:\.\d+)?\b|\bo\d\b/gi;
/** "that 500% jump": a percentage pointed back to. */
const POINTED_PERCENT = /\b(?:that|the|this|those|these)\s+(\d+(?:\.\d+)?)\s?%/g;
const QUANTITIES: ReadonlySet<string> = new Set(['amount', 'percentage']);
const SUPPLEMENTED: ReadonlySet<string> = new Set(['cause']);
/** How much weaker than minLeadShare a fact that names what "which X?" asks for may be. */
const NAMING_SHARE = 0.6;
export type Engine = {
  readonly kb: KnowledgeBase;
  ask(question: string): Answer;
  /** All facts of one topic, cited. `name` may be the id, the name or one of the topic's names. */
  topic(name: string): Answer;
  /** The dated facts in date order, cited. */
  timeline(): Answer;
  /** What the bot knows and where it comes from. */
  sources(): Answer;
  resolveTopic(name: string): Topic | undefined;
  /** Question variants the knowledge base answers well, matching what a user has typed so far. */
  suggestQuestions(partial: string, limit?: number): string[];
  /** How the engine read a question and what it found: for whoever edits the knowledge base. */
  explain(question: string): {
    analysis: QueryAnalysis;
    results: { id: string; score: number; terms: string[] }[];
  };
};

export function createEngine(kb: KnowledgeBase, options: Partial<EngineOptions> = {}): Engine {
  // The helpers here, and in the other builders start-up runs (createQueryReader, createAnalyzer,
  // createChecks, buildVocabulary), are function declarations, not arrow functions: when V8
  // compiles a function it parses again every arrow function nested in it, but skips nested
  // declarations. With arrows, start-up parsed these helpers twice, 1.7 ms of the build.
  const opts: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const analyzer = createAnalyzer(kb);
  // Versions the facts name, written as one word: "gpt-5", "gpt 5" and "GPT5" are "gpt5".
  function oneWord(v: string) {
    return v.toLowerCase().replace(/[\s-]+/g, '');
  }
  const statedVersions = new Set(
    kb.facts.flatMap((f) => [...f.statement.matchAll(VERSIONED_ALL)].map((m) => oneWord(m[0]))),
  );
  function namedVersion(v: string) {
    return statedVersions.has(oneWord(v));
  }
  const statedPercents = new Set(
    kb.facts.flatMap((f) => [...f.statement.matchAll(/(\d+(?:\.\d+)?)\s?%/g)].map((m) => m[1] ?? '')),
  );
  /** An entity's display name, for replies. */
  function nameOf(e: string) {
    return kb.entities.find((x) => x.id === e)?.names[0] ?? e;
  }
  const { namesNone, missingDetail } = createChecks(analyzer, nameOf);
  const facts = new Map<string, IndexedFact>();
  const topics = new Map(kb.topics.map((t) => [t.id, t]));
  const sources = new Map(kb.sources.map((s) => [s.id, s]));
  const entityClass = new Map(kb.entities.map((e) => [e.id, e.class]));
  /** The words for a kind of statement, as index terms, and the kind. */
  const kindWords = new Map(
    Object.entries(KIND_WORDS).flatMap(([word, kind]) => {
      const t = analyzer.term(analyzer.canonicalWords(word)[0] ?? word);
      return t ? [[t, kind] as const] : [];
    }),
  );

  const partOf = new Map(kb.entities.map((e) => [e.id, e.partOf]));
  /** Entities with what they are part of: Azure speaks of Microsoft, its owner, too. */
  function withOwners(ids: Iterable<string>) {
    const found = new Set<string>();
    for (const id of ids)
      for (let e: string | undefined = id; e && !found.has(e); e = partOf.get(e)) found.add(e);
    return found;
  }
  function entitiesIn(words: string[]) {
    return withOwners(words.flatMap((w) => analyzer.entityOf(w) ?? []));
  }

  function firstMentions(words: string[]) {
    const order = new Map<string, number>();
    words.forEach((w, i) => {
      const e = analyzer.entityOf(w);
      if (e && !order.has(e)) order.set(e, i);
    });
    return order;
  }

  function kindsOf(entities: Set<string>) {
    const kinds = new Map<string, Set<string>>();
    for (const e of entities)
      for (const w of (entityClass.get(e) ?? '').split('-')) {
        const t = analyzer.entityOf(w) ? null : analyzer.term(w);
        if (t) kinds.set(t, (kinds.get(t) ?? new Set()).add(e));
      }
    return kinds;
  }
  /**
   * Whether a fact names a thing of the kind asked for that the question does not name already:
   * "which cloud did Amazon want for Frontier?" is answered by a fact naming AWS; "which GPT models
   * are on Bedrock?" is not answered by one naming only GPT again.
   */
  function namesKind(f: IndexedFact, kind: string, named: Set<string>) {
    return [...(f.kinds.get(kind) ?? [])].some((e) => !named.has(e));
  }

  // Each fact's text is tokenized once, here; the index receives the words ready-made.
  const tokenized = new Map<string, { statement: string[][]; questions: string[]; keywords: string[][] }>();
  for (const fact of kb.facts) {
    const t = {
      // By sentence, so that word pairs do not run across a full stop.
      statement: fact.statement.split(/[\n.;:?!]/).map((part) => analyzer.canonicalWords(part)),
      questions: fact.questions.flatMap((q) => analyzer.canonicalWords(q)),
      keywords: fact.keywords.map((k) => analyzer.canonicalWords(k)),
    };
    tokenized.set(fact.id, t);
    // What the fact says and is described by, without its question variants.
    const described = [...t.statement.flat(), ...t.keywords.flat()];
    const entities = entitiesIn(described);
    facts.set(fact.id, {
      fact,
      entities,
      covers: new Set(fact.covers),
      states: new Set(fact.states),
      years: new Set(`${fact.statement} ${fact.date ?? ''}`.match(YEAR) ?? []),
      stated: new Set(described.flatMap((w) => analyzer.term(w) ?? [])),
      datePrecision: (fact.date ? fact.date.split('-').length : 0) as Precision,
      dateMonth: Number(fact.date?.split('-')[1]) || undefined,
      dateYear: fact.date?.split('-')[0],
      order: firstMentions(t.statement.flat()),
      kinds: kindsOf(entities),
    });
  }

  /** Adjacent content-word pairs of a run of words: "OpenAI keeps paying Microsoft" -> openai_pai, pai_microsoft. */
  function pairsOf(words: string[]): string[] {
    const pairs: string[] = [];
    let previous: string | null = null;
    for (const word of words) {
      const term = analyzer.term(word);
      if (term === null) continue;
      if (previous !== null && previous !== term) pairs.push(`${previous}_${term}`);
      previous = term;
    }
    return pairs;
  }

  const FIELDS = ['statement', 'questions', 'keywords', 'topic'];
  const factWords = new Set<string>();
  /**
   * Every word pair the index holds. A question's other pairs cannot match, and each costs
   * MiniSearch a lookup and its per-term set-up: they are not searched.
   */
  const indexedPairs = new Set<string>();
  const documents = kb.facts.map((f) => {
    const t = tokenized.get(f.id) as { statement: string[][]; questions: string[]; keywords: string[][] };
    const topic = topics.get(f.topic);
    const topicWords = topic ? analyzer.canonicalWords(`${topic.name} ${topic.names.join(' ')}`) : [];
    for (const w of [...t.statement.flat(), ...t.questions, ...t.keywords.flat(), ...topicWords])
      factWords.add(w);
    // Pairs from the statement and keywords only: variants are many and loosely worded, and
    // their pairs would pull questions toward whichever fact has the most of them.
    const pairs = [...t.statement, ...t.keywords].flatMap(pairsOf);
    for (const p of pairs) indexedPairs.add(p);
    return {
      id: f.id,
      statement: t.statement.flat().join(' '),
      questions: t.questions.join(' '),
      keywords: t.keywords.flat().join(' '),
      topic: topicWords.join(' '),
      pairs: pairs.join(' '),
    };
  });

  const {
    words: vocabulary,
    searchable,
    knownTerms,
    contextTerms,
  } = buildVocabulary(kb, analyzer, factWords);
  /** Each source's publishers that the knowledge base knows as entities: OpenAI, Microsoft. */
  const publishers = new Map(
    kb.sources.map((src) => [
      src.id,
      new Set(
        src.publishers.flatMap((p) => analyzer.canonicalWords(p).flatMap((w) => analyzer.entityOf(w) ?? [])),
      ),
    ]),
  );
  const parties = new Set([...facts.values()].flatMap((f) => [...f.entities]));
  const leaders = new Map(kb.entities.flatMap((e) => (e.leads ? [[e.id, e.leads] as const] : [])));
  const analyze = createQueryReader({
    analyzer,
    vocabulary,
    searchable,
    knownTerms,
    contextTerms,
    parties,
    leaders,
  });

  const searchOptions = completeSearchOptions({
    boost: opts.boost,
    combineWith: 'OR',
    // Terms arrive already processed by analyze().
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term,
    // Guarded: only a word the index does not hold as it is ("licen") is worth expanding, and a
    // prefix match for short words mostly finds noise. Skipping known words also saves most of the
    // search time.
    prefix: (term) => term.length > 3 && !knownTerms.has(term),
    fuzzy: false,
  });
  const index = new MiniSearch<(typeof documents)[number]>({
    fields: [...FIELDS, 'pairs'],
    // Fields hold canonical words (or word pairs) joined by spaces, prepared above.
    tokenize: (text) => text.split(' '),
    processTerm: (word, field) => (field === 'pairs' ? word : analyzer.term(word)),
    searchOptions,
  });
  index.addAll(documents);

  function queryFor(a: QueryAnalysis, referent = false): Query {
    // Context words ("the deal") would only favour whichever facts repeat them, unless the
    // question is about the subject as a whole ("why did they restructure?").
    // Background is no topic either: it only adds to a question that has one.
    const topicalTerms = a.terms.filter((t) => !a.contextTerms.has(t));
    // "Was the Microsoft-OpenAI overhaul this spring?": the parties' names alone are no topic
    // either, unless the question asks for a kind of thing ("why did they change the deal?"). One
    // name is: "the big change to the Azure arrangement" is about Azure.
    const partiesOnly = a.intents.length === 0 && a.entities.length >= 2;
    const topical = topicalTerms.some((t) => !a.asideTerms.has(t) && !(partiesOnly && a.entityTerms.has(t)));
    const terms = topical ? topicalTerms : a.terms;
    const words = { queries: [terms.join(' ')], fields: FIELDS };
    if (opts.pairBoost <= 0 || terms.length < 2) return words;
    const pairs = terms.slice(1).flatMap((t, i) => {
      const before = terms[i] as string;
      const pair = `${before}_${t}`;
      return !indexedPairs.has(pair) || (referent && (FIGURE_TERM.test(before) || FIGURE_TERM.test(t)))
        ? []
        : [pair];
    });
    if (pairs.length === 0) return words;
    return {
      combineWith: 'OR',
      queries: [
        words,
        { queries: [pairs.join(' ')], fields: ['pairs'], prefix: false, boost: { pairs: opts.pairBoost } },
      ],
    };
  }

  /**
   * A fact speaks of an entity it names, or of any member of a class it covers ("any cloud
   * provider" covers Google Cloud), but only as what may be: whether Google Cloud already hosts
   * OpenAI is more than "OpenAI may use any cloud" says.
   */
  function speaksOf(f: IndexedFact, e: string, actual = false) {
    if (f.entities.has(e)) return true;
    const cls = entityClass.get(e);
    return cls !== undefined && f.covers.has(cls) && !(actual && f.fact.coverage === 'possible');
  }
  /** Every entity the question names is spoken of, or one it offers as an alternative ("Amazon or Microsoft"). */
  function entityOk(
    f: IndexedFact,
    a: Pick<QueryAnalysis, 'entities' | 'alternatives' | 'speaker' | 'asksActual' | 'attributed'>,
  ) {
    return (
      (a.speaker === null || f.entities.has(a.speaker)) &&
      a.entities.every(
        (e) =>
          speaksOf(f, e, a.asksActual) ||
          (a.attributed.includes(e) && (publishers.get(f.fact.source.id)?.has(e) ?? false)) ||
          (a.alternatives.get(e) ?? []).some((other) => speaksOf(f, other, a.asksActual)),
      )
    );
  }

  function citationFor(fact: Fact, n: number): Citation {
    const source = sources.get(fact.source.id);
    return {
      n,
      factId: fact.id,
      sourceId: fact.source.id,
      title: source?.title ?? fact.source.id,
      publishers: source?.publishers ?? [],
      date: source?.date ?? '',
      section: fact.source.section,
    };
  }

  function base(kind: Answer['kind'], text: string, extra: Partial<Answer> = {}): Answer {
    return makeAnswer(kind, text, kb.asOf, extra);
  }

  function cited<F extends Fact>(list: F[], line: (fact: F, n: number) => string) {
    return {
      lines: list.map((f, i) => line(f, i + 1)),
      citations: list.map((f, i) => citationFor(f, i + 1)),
    };
  }

  function suggestionFor(t: Topic): Suggestion {
    return { topic: t.id, label: t.name };
  }
  const coverageLine = `I answer questions about the April 2026 restructuring of the Microsoft–OpenAI partnership: ${kb.topics
    .map((t) => t.name)
    .join(', ')}.`;

  /**
   * `related`: the fact the question is about when the sources lack only the detail asked for (a
   * figure, a date): the reply says what they do say about it, cited, after saying what is missing.
   */
  function abstain(question: string, reason: string, results: SearchResult[], related?: Fact): Answer {
    const suggested: Topic[] = [];
    for (const r of results) {
      const t = topics.get(facts.get(r.id)?.fact.topic ?? '');
      if (t && !suggested.includes(t)) suggested.push(t);
      if (suggested.length === 3) break;
    }
    if (suggested.length === 0) suggested.push(...kb.topics.slice(0, 3));
    const suggestions = suggested.map(suggestionFor);
    const closest = `Closest topics: ${suggestions.map((s) => s.label).join(', ')}.`;
    if (related)
      return base('abstain', `${reason} What they do say: ${withMarker(related.statement, 1)}\n${closest}`, {
        question,
        suggestions,
        citations: [citationFor(related, 1)],
        topic: related.topic,
      });
    return base('abstain', `${reason}\n${coverageLine}\n${closest}`, { question, suggestions });
  }

  /**
   * A document boost worked out once per fact: MiniSearch asks for it for every term and field a
   * fact matches, many times per question.
   */
  function factorOf(factor: (f: IndexedFact) => number) {
    const factors = new Map<string, number>();
    for (const [id, f] of facts) factors.set(id, factor(f));
    return (id: string) => factors.get(id) ?? 1;
  }

  function ask(raw: string): Answer {
    const question = cleanQuestion(raw);
    if (!/[\p{L}\p{N}]/u.test(question))
      return base('error', 'Please ask a question, for example: "When does the IP licence end?"');
    if (question.length > MAX_QUESTION_CHARS)
      return base(
        'error',
        `That question is too long (${question.length.toLocaleString('en')} characters). Please keep it under ${MAX_QUESTION_CHARS.toLocaleString('en')}.`,
      );

    const a = analyze(question);
    const lower = question.toLowerCase();
    // "Before that 500% jump, what limit...": a percentage the facts state, pointed back to, says
    // which event is meant; it is not asked for. One they do not state ("is the 27% stake still
    // there?") is put forward to be confirmed, and is.
    if (a.intents.includes('percentage') && lower.includes('%')) {
      const pointed = lower.replace(POINTED_PERCENT, (m, n: string) => (statedPercents.has(n) ? ' ' : m));
      if (pointed !== lower && !detectIntents(pointed).includes('percentage'))
        a.intents = a.intents.filter((i) => i !== 'percentage');
    }
    if (a.contentWords === 0)
      return abstain(question, "I couldn't find a question about the partnership in that.", []);
    // "Is GPT-5 on Bedrock?": a version the facts never name is no more covered than an unknown name.
    const versions = VERSIONED.test(question)
      ? [...question.matchAll(VERSIONED_ALL)].map((m) => m[0]).filter((v) => !namedVersion(v))
      : [];
    // "...humans or GPUs?": a name on one side of a choice the other side may settle waits for it.
    const moot = (n: string) =>
      SIDES.some((s) => settlable(a, s) && (a.choice?.unknown[1 - s] ?? []).includes(n));
    const unnamed = [...a.unknownNames.filter((n) => !moot(n)), ...versions];
    // The closest topics to "GPT-5 on Bedrock" are Bedrock's; to an unknown company, none in particular.
    if (unnamed.length > 0)
      return abstain(
        question,
        `My sources don't mention ${unnamed.join(', ')}.`,
        versions.length > 0 && a.terms.length > 0 ? index.search(queryFor(a)) : [],
      );
    // The unknown words of one side of a choice count only once the facts are found: the other side
    // may settle it.
    const unsettled =
      a.unknown.length - Math.max(...SIDES.map((s) => (settlable(a, s) ? unknownOf(a, 1 - s) : 0)));
    if (a.askedForUnknown || unsettled / topicWords(a) > opts.maxMissingShare || a.terms.length === 0)
      return abstain(question, "My sources don't cover that.", []);

    // Boost facts that state a date, a duration, a cause or a condition when the question asks for
    // one; amounts less, since "how much" is checked against the most relevant fact and a strong
    // boost would put any fact with a number in front of the one the question is about.
    const intents: ReadonlySet<string> = new Set(a.intents);
    const flow = a.flow;
    const excepted = a.excepted.intents.size > 0 || a.excepted.terms.size > 0;
    const months = a.months;
    // "What strings came with Amazon's $50B?": a figure the question names to say which money it
    // means is not what it asks for, and should not outweigh what it does ask for.
    const asksFigure = intents.has('amount') || intents.has('percentage');
    const referent =
      !asksFigure && a.terms.some((t) => FIGURE_TERM.test(t)) && a.terms.some((t) => !FIGURE_TERM.test(t));
    const results = index.search(queryFor(a, referent), {
      boostTerm: referent ? (term) => (FIGURE_TERM.test(term) ? opts.referentFigureBoost : 1) : undefined,
      boostDocument:
        intents.size || flow || excepted || months.length
          ? factorOf((f) => {
              let factor = 1;
              for (const s of f.states)
                if (intents.has(s))
                  factor = Math.max(factor, QUANTITIES.has(s) ? opts.quantityBoost : opts.intentBoost);
              // "Microsoft to OpenAI": a fact that names them the other way round tells of the
              // opposite flow ("OpenAI pays Microsoft").
              const from = flow ? f.order.get(flow[0]) : undefined;
              const to = flow ? f.order.get(flow[1]) : undefined;
              if (from !== undefined && to !== undefined)
                factor *= from < to ? opts.flowBoost : 1 / opts.flowBoost;
              // "Besides the end date, what changed?": the fact about the end date is not asked for.
              if (excepted && (meets(f.states, a.excepted.intents) || meets(f.stated, a.excepted.terms)))
                factor *= opts.exceptFactor;
              // "Which day in February...": the fact dated in February.
              if (f.dateMonth !== undefined && months.includes(f.dateMonth)) factor *= opts.intentBoost;
              return factor;
            })
          : undefined,
    });
    if (results.length === 0) return abstain(question, "My sources don't cover that.", []);
    // "Who came out ahead?": a judgement, which sources that report do not make; what they do
    // report may still help.
    if (asksOpinion(lower)) {
      const related = results.map((r) => facts.get(r.id)).find((f) => f && entityOk(f, a));
      return abstain(
        question,
        'I only report what my sources say, and they give no opinion on that.',
        results,
        related?.fact,
      );
    }

    const { group, unsaid } = chooseFacts(a, results);
    // "Can Microsoft sublicense the IP?": the fact it is about, which does not say what is asked.
    if (!group && unsaid) return abstain(question, "My sources don't say that.", results, unsaid.fact);
    if (!group) {
      const top = results.slice(0, opts.candidates);
      const named = a.entities.filter((e) => !top.some((r) => facts.get(r.id)?.entities.has(e)));
      const entityNames = named.map(nameOf);
      // "Is OpenAI on Google Cloud yet?": what may be is all the sources say, so say that.
      const possible = a.asksActual
        ? top
            .map((r) => facts.get(r.id))
            .find(
              (f) =>
                f?.fact.coverage === 'possible' &&
                entityOk(f, { ...a, asksActual: false }) &&
                a.entities.some((e) => !f.entities.has(e)),
            )
        : undefined;
      if (possible)
        return abstain(
          question,
          `My sources don't say whether that ${FUTURE.test(lower) ? 'will happen' : 'has happened'}${entityNames.length ? ` with ${entityNames.join(', ')}` : ''}.`,
          results,
          possible.fact,
        );
      const reason = entityNames.length
        ? `My sources don't cover that about ${entityNames.join(', ')}.`
        : "My sources don't cover that.";
      return abstain(question, reason, results);
    }
    // A question about a reason, a date, a duration or a condition that the chosen facts do not
    // state takes in the strongest fact that does, if it is a strong enough match in its own right.
    const states = (r: SearchResult): ReadonlySet<string> => facts.get(r.id)?.states ?? new Set();
    const supplied = new Set<string>();
    for (const intent of intents) {
      // "What did Amazon want in return?" asks for a condition as "why" asks for a cause.
      const supplemented = SUPPLEMENTED.has(intent) || (intent === 'condition' && IN_RETURN.test(lower));
      if (!supplemented || group.some((r) => states(r).has(intent))) continue;
      const extra = results.find(
        (r) =>
          states(r).has(intent) &&
          r.score >= (results[0]?.score ?? 0) * opts.minLeadShare &&
          entityOk(facts.get(r.id) as IndexedFact, a),
      );
      if (extra && group.length < opts.maxFacts + 1) {
        group.push(extra);
        supplied.add(extra.id);
      }
    }
    const chosen = group.map((r) => facts.get(r.id) as IndexedFact);
    // The facts strong enough to lead the answer: the strongest, one taken in for stating what is
    // asked, and any nearly as strong.
    const leadScore = group[0]?.score ?? 0;
    const leading = chosen.filter(
      (f, i) => i === 0 || supplied.has(f.fact.id) || (group[i]?.score ?? 0) >= leadScore * opts.fitLeadShare,
    );
    // Facts as much about what is asked as the lead: every word the lead matched, they match too.
    // In "how long does Microsoft's first call last?", the date Azure exclusivity began is not.
    // Words, not the word pairs that only rank facts ("openai_pai").
    const leadTerms = (group[0]?.queryTerms ?? []).filter((t) => !a.entityTerms.has(t) && !t.includes('_'));
    const peers = chosen.filter((_, i) => leadTerms.every((t) => group[i]?.queryTerms.includes(t)));
    const missing = missingDetail(lower, a, chosen, peers);
    if (missing)
      return abstain(question, missing.reason, results, missing.context ? chosen[0]?.fact : undefined);
    // The fact that states what the question asks for ("why": a cause; "what is Frontier?": what
    // Frontier is) leads; then the strongest.
    // Not a neighbour that only joined on the lead's words: "when does Microsoft's first call end?"
    // is not answered by the date Azure exclusivity began.
    const fits = (f: IndexedFact) =>
      leading.includes(f) &&
      (meets(f.states, intents) || (a.defines !== null && f.fact.defines.includes(a.defines)));
    const ordered = chosen
      .map((f, i) => ({ f, score: group[i]?.score ?? 0 }))
      .sort((x, y) => Number(fits(y.f)) - Number(fits(x.f)) || y.score - x.score)
      .map(({ f }) => f.fact);
    const { lines, citations } = cited(ordered, (f, n) => withMarker(f.statement, n));
    return base('answer', lines.join(' '), { question, citations, topic: ordered[0]?.topic ?? null });
  }

  /**
   * The facts that answer a question: the first strong candidate that names every entity the
   * question names and explains enough of its words, with the close runners-up that do too.
   * Null when no candidate does: the sources do not cover the question.
   */
  function chooseFacts(
    a: QueryAnalysis,
    results: SearchResult[],
  ): { group: SearchResult[] | null; unsaid?: IndexedFact } {
    // The first fact that answers all but what a yes-or-no question asks was got or done.
    let unsaid: IndexedFact | undefined;
    const best = results[0]?.score ?? 0;
    // Bedrock in the question names Amazon, its owner, too.
    const named = withOwners(a.entities);
    // A fact must share a word of substance with the question, not only its names: sharing
    // "Frontier" does not make a fact about Amazon's condition an answer to when Frontier launches.
    const substantive = a.terms.filter(
      (t) => !a.entityTerms.has(t) && !a.contextTerms.has(t) && !a.asideTerms.has(t),
    );
    const topical = (r: SearchResult) =>
      substantive.length === 0 ||
      r.queryTerms.some((t) => substantive.includes(t)) ||
      substantive.some((t) => facts.get(r.id)?.states.has(kindWords.get(t) ?? '') === true);
    let leads = results.slice(0, opts.candidates).filter((r) => r.score >= best * opts.minLeadShare);
    // "Which models?": a fact that names models (GPT, Codex) before one that only says "models",
    // even if it matches the question's words less strongly.
    const asked = a.askedFor;
    if (a.asksToName && asked) {
      const names = (r: SearchResult) => {
        const f = facts.get(r.id);
        return f !== undefined && namesKind(f, asked, named);
      };
      const naming = results
        .slice(0, opts.candidates)
        .filter((r) => names(r) && r.score >= best * opts.minLeadShare * NAMING_SHARE);
      leads = [...naming, ...leads.filter((r) => !names(r))];
    }
    for (const lead of leads) {
      const leadFact = facts.get(lead.id);
      if (!leadFact || !entityOk(leadFact, a) || !topical(lead)) continue;
      const group: SearchResult[] = [lead];
      // Only facts ranked below the lead may support it: one ranked above was already found not to
      // answer the question on its own, and must not come back leading.
      for (const r of results.slice(results.indexOf(lead) + 1)) {
        if (group.length >= opts.maxFacts) break;
        const f = facts.get(r.id);
        if (!f || !entityOk(f, a) || !topical(r)) continue;
        const ratio = f.fact.topic === leadFact.fact.topic ? opts.supportRatio : opts.crossTopicRatio;
        if (r.score >= lead.score * ratio) group.push(r);
      }
      // Words the answer leaves unexplained: unknown to the knowledge base, or known but not in
      // these facts. Entities were settled by the guard above.
      // Facts of another topic may join the answer but not vouch for it: a patchwork of unrelated
      // facts that between them share the question's words is no answer.
      const matched = new Set(
        group.filter((r) => facts.get(r.id)?.fact.topic === leadFact.fact.topic).flatMap((r) => r.queryTerms),
      );
      // "Is it GA already, or still pre-GA?": a fact that explains one side of a choice answers it,
      // and the other side is only the alternative it rules out.
      const settled = SIDES.find(
        (s) => settlable(a, s) && [...(a.choice?.terms[s] ?? [])].every((t) => matched.has(t)),
      );
      const alternative = settled === undefined ? undefined : a.choice?.terms[1 - settled];
      let missing = 0;
      let explained = 0;
      // "What's the number?": the word for the kind of thing asked is explained by a fact that
      // states one, in whatever words.
      const kindsStated = new Set(group.flatMap((r) => [...(facts.get(r.id)?.states ?? [])]));
      for (const t of a.terms)
        if (!a.entityTerms.has(t) && !a.contextTerms.has(t) && !a.asideTerms.has(t))
          if (matched.has(t) || kindsStated.has(kindWords.get(t) ?? '')) explained++;
          else if (!alternative?.has(t)) missing++;
      // The more of the question these facts explain, the less an unknown word weighs against
      // them: "married to a single hyperscaler strategy-wise" is still about the cloud strategy.
      const relieved = opts.unknownWeight / (1 + opts.unknownRelief * Math.max(0, explained - 2));
      missing += (a.unknown.length - (settled === undefined ? 0 : unknownOf(a, 1 - settled))) * relieved;
      // Background the facts do explain vouches for them; background they do not is no matter.
      let asidesMatched = 0;
      for (const t of a.asideTerms) if (matched.has(t)) asidesMatched++;
      if (missing / (topicWords(a) + asidesMatched) > opts.maxMissingShare) continue;
      // The thing asked for must be in what the leading fact states or is described by (its
      // keywords), not only in a question variant or a neighbour: "which stock exchange?" is not
      // answered by "will OpenAI be listed on the stock exchange?".
      if (asked && !namesKind(leadFact, asked, named) && !leadFact.stated.has(asked)) continue;
      // "Did Amazon get equity for the $50B?": a fact about the $50B that says nothing of equity
      // does not answer it. Nor does any for a detail no fact states (the query reader marks those
      // only among words the facts never use): how often ("is it paid quarterly?"), or the action
      // asked about ("can Microsoft sublicense it?").
      const gotten = a.gotten;
      const got = !a.yesNo || gotten === null || group.some((r) => facts.get(r.id)?.stated.has(gotten));
      if (!got || a.details.length > 0) {
        unsaid ??= leadFact;
        continue;
      }
      // "Which teams?" wants teams named: a fact that speaks only of "some teams" names none.
      if (asked && a.asksToName && !namesKind(leadFact, asked, named) && namesNone(leadFact, asked)) continue;
      // "What capabilities... any examples?": only a fact that names some (GPT and Codex are
      // models) gives examples.
      if (asked && a.asksExamples && !namesKind(leadFact, asked, named)) continue;
      return { group };
    }
    return { group: null, unsaid };
  }

  function resolveTopic(name: string): Topic | undefined {
    const wanted = cleanQuestion(name).toLowerCase();
    if (!wanted) return undefined;
    const words = analyzer.canonicalWords(wanted).join(' ');
    const names = (t: Topic) => [t.id, t.name, ...t.names].map((n) => n.toLowerCase());
    return (
      kb.topics.find((t) => names(t).includes(wanted)) ??
      kb.topics.find((t) => names(t).some((n) => analyzer.canonicalWords(n).join(' ') === words)) ??
      kb.topics.find((t) => wanted.length >= 3 && names(t).some((n) => n.startsWith(wanted)))
    );
  }

  function topicList() {
    return kb.topics.map((t) => `• ${t.name} (${t.id}): ${t.description}`).join('\n');
  }

  function topic(name: string): Answer {
    const t = resolveTopic(name);
    if (!t) {
      const label = cleanQuestion(name);
      return base(
        'error',
        `${label ? `I have no topic called "${label.slice(0, 100)}".` : 'Which topic?'} Topics:\n${topicList()}`,
        { suggestions: kb.topics.map(suggestionFor) },
      );
    }
    const { lines, citations } = cited(
      kb.facts.filter((f) => f.topic === t.id),
      (f, n) => `• ${withMarker(f.statement, n)}`,
    );
    return base('answer', lines.join('\n'), { title: `Topic: ${t.name}`, citations, topic: t.id });
  }

  const dated = kb.facts
    .filter((f): f is Fact & { date: string } => f.date !== undefined)
    // Keys are ASCII digits and dashes: a plain comparison sorts them, and unlike localeCompare it
    // does not load the locale's collation, which cost start-up about 5 ms.
    .map((f) => ({ f, key: dateSortKey(f.date) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map(({ f }) => f);
  function timeline(): Answer {
    const { lines, citations } = cited(
      dated,
      (f, n) => `• ${formatDate(f.date)}: ${withMarker(f.statement, n)}`,
    );
    return base('answer', lines.join('\n'), { title: 'Timeline', citations });
  }

  function sourcesAnswer(): Answer {
    const list = kb.sources
      .map(
        (s) =>
          `• "${s.title}", ${s.publishers.join(', ')}, ${formatDate(s.date)} (sections: ${s.sections.join(', ')})`,
      )
      .join('\n');
    return base(
      'info',
      `I answer only from these sources, restated in my own words:\n${list}\n` +
        `${kb.facts.length} facts in ${kb.topics.length} topics, current as of ${formatDate(kb.asOf)}.\n` +
        `Topics:\n${topicList()}`,
      { title: 'Sources', suggestions: kb.topics.map(suggestionFor) },
    );
  }

  // Built on first use: only Discord's autocomplete needs it, and start-up should not pay for it.
  let questionIndex: MiniSearch<{ id: number; q: string }> | undefined;
  function getQuestionIndex() {
    if (questionIndex) return questionIndex;
    const tokenize = (text: string) => analyzer.canonicalWords(text);
    const processTerm = (word: string) => analyzer.term(word);
    questionIndex = new MiniSearch<{ id: number; q: string }>({
      fields: ['q'],
      storeFields: ['q'],
      tokenize,
      processTerm,
      // Beside the answer index's: answering slowed by a tenth beside autocomplete otherwise.
      searchOptions: completeSearchOptions({
        boost: {},
        combineWith: 'OR',
        tokenize,
        processTerm,
        prefix: (term, i, terms) => i === terms.length - 1 || term.length > 3,
        fuzzy: (term) => (term.length > 5 ? 0.2 : false),
      }),
    });
    const all = kb.facts.flatMap((f) => f.questions).filter((q) => q.length <= 100);
    questionIndex.addAll(all.map((q, id) => ({ id, q })));
    return questionIndex;
  }
  const firstQuestions = kb.facts
    .map((f) => f.questions[0])
    .filter((q): q is string => !!q && q.length <= 100);

  function suggestQuestions(partial: string, limit = 25): string[] {
    const text = cleanQuestion(partial).slice(0, 200);
    if (!text) return firstQuestions.slice(0, limit);
    const hits = getQuestionIndex().search(text);
    return hits.slice(0, limit).map((h) => h.q as string);
  }

  function explain(question: string) {
    const analysis = analyze(cleanQuestion(question));
    const results = index
      .search(queryFor(analysis))
      .slice(0, 6)
      .map((r) => ({ id: r.id as string, score: Math.round(r.score * 100) / 100, terms: r.queryTerms }));
    return { analysis, results };
  }

  return { kb, ask, topic, timeline, sources: sourcesAnswer, resolveTopic, suggestQuestions, explain };
}

/**
 * Search options with every key a search may pass, in one order, even where undefined. MiniSearch
 * merges a search's options into an index's once per query term, and a key the index's lack makes
 * that merge slow (V8 adds a property far more slowly than it overwrites one): with all keys
 * present, answers took a quarter less time. Two indexes whose options differ in keys or their
 * order make MiniSearch's code, which they share, meet objects of more shapes, slower for both.
 */
function completeSearchOptions(
  options: Required<
    Pick<SearchOptions, 'boost' | 'combineWith' | 'tokenize' | 'processTerm' | 'prefix' | 'fuzzy'>
  >,
): SearchOptions {
  const { boost, combineWith, tokenize, processTerm, prefix, fuzzy } = options;
  // Through a variable: `queries` is no SearchOptions key, and a literal returned as one is refused.
  const complete = {
    boost,
    combineWith,
    tokenize,
    processTerm,
    prefix,
    fuzzy,
    fields: undefined,
    filter: undefined,
    boostTerm: undefined,
    boostDocument: undefined,
    // Set by MiniSearch itself on the options of a query's parts.
    queries: undefined,
  };
  return complete;
}

/** Whether two sets share a member; without copying either, as it runs for every fact searched. */
function meets<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const x of b) if (a.has(x)) return true;
  return false;
}

/** Puts [n] at the end of every sentence of a statement, before its closing punctuation. */
function withMarker(statement: string, n: number): string {
  return statement
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=\p{Lu})/u)
    .map((sentence) => {
      const end = /[.!?]$/.test(sentence) ? sentence.slice(-1) : '.';
      const body = /[.!?]$/.test(sentence) ? sentence.slice(0, -1) : sentence;
      return `${body} [${n}]${end}`;
    })
    .join(' ');
}
