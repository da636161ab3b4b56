import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { KnowledgeError } from '../errors.js';
import {
  AliasesFile,
  EntitiesFile,
  type Fact,
  FactsFile,
  type KnowledgeBase,
  SourcesFile,
  TopicsFile,
} from './schema.js';

export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../../../knowledge/', import.meta.url));

/**
 * Reads and validates the whole knowledge base. Throws a KnowledgeError naming the file, the
 * fact and the field at the first problem: nothing should start on a broken base.
 */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  // Paths as the user would type them: relative inside the working directory, absolute elsewhere.
  const label = (file: string) => {
    const rel = relative(process.cwd(), file);
    return rel && !rel.startsWith('..') ? rel : file;
  };
  const read = <S extends z.ZodType>(file: string, schema: S, kind: string): z.infer<S> => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new KnowledgeError(`${label(file)}: cannot read the file (${code ?? String(err)})`);
    }
    let raw: unknown;
    try {
      // js-yaml, not the `yaml` package: it imports and reads these files in about a third of the
      // time, which took the local chat's start-up from about 485 to 395 ms.
      raw = load(text);
    } catch (err) {
      if (!(err instanceof YAMLException))
        throw new KnowledgeError(`${label(file)}: not valid YAML: ${String(err).split('\n')[0]}`);
      // A second document (a "---" pasted in the middle) is reported without a position: it starts
      // at the last document marker.
      const marker = err.mark ? undefined : [...text.matchAll(/^(?:---|\.\.\.)(?=\s|$)/gm)].at(-1);
      const line = err.mark ? err.mark.line + 1 : marker && text.slice(0, marker.index).split('\n').length;
      throw new KnowledgeError(`${label(file)}${line ? `:${line}` : ''}: not valid YAML: ${err.reason}`);
    }
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new KnowledgeError(`${label(file)}: ${describeIssue(raw, issue, kind)}`);
  };

  const sourcesFile = read(join(dir, 'sources.yaml'), SourcesFile, 'source');
  const { topics } = read(join(dir, 'topics.yaml'), TopicsFile, 'topic');
  const { entities } = read(join(dir, 'entities.yaml'), EntitiesFile, 'entity');
  const { aliases, context, filler } = read(join(dir, 'aliases.yaml'), AliasesFile, 'alias');
  // A phrase listed under two aliases, or both as filler and as an alias, would mean whichever was
  // read last.
  const aliasOf = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(aliases))
    for (const v of variants) {
      const other = aliasOf.get(v.toLowerCase());
      if (other !== undefined && other !== canonical)
        throw new KnowledgeError(
          `${label(join(dir, 'aliases.yaml'))}: "${v}" is listed under aliases.${other} and aliases.${canonical}; keep one`,
        );
      aliasOf.set(v.toLowerCase(), canonical);
    }
  for (const phrase of filler) {
    const canonical = aliasOf.get(phrase.toLowerCase());
    if (canonical)
      throw new KnowledgeError(
        `${label(join(dir, 'aliases.yaml'))}: filler "${phrase}" is also listed under aliases.${canonical}; keep one`,
      );
  }

  const factsDir = join(dir, 'facts');
  let factFiles: string[];
  try {
    factFiles = readdirSync(factsDir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort();
  } catch {
    throw new KnowledgeError(`${label(factsDir)}: the facts folder is missing`);
  }
  const facts: { fact: Fact; file: string }[] = [];
  for (const name of factFiles) {
    const file = join(factsDir, name);
    for (const fact of read(file, FactsFile, 'fact')) facts.push({ fact, file: label(file) });
  }
  if (facts.length === 0) throw new KnowledgeError(`${label(factsDir)}: no facts found`);

  const kb: KnowledgeBase = {
    asOf: sourcesFile.asOf,
    aliases,
    context,
    filler,
    sources: sourcesFile.sources,
    topics,
    entities,
    facts: facts.map((f) => f.fact),
  };
  checkReferences(kb, facts, {
    sources: label(join(dir, 'sources.yaml')),
    topics: label(join(dir, 'topics.yaml')),
    entities: label(join(dir, 'entities.yaml')),
  });
  return kb;
}

function describeIssue(raw: unknown, issue: z.core.$ZodIssue | undefined, kind: string): string {
  if (!issue) return 'invalid';
  const path = [...issue.path];
  let where = '';
  // Files are either a list of items or an object holding one list: find the item the issue is in.
  let container: unknown = raw;
  if (typeof path[0] === 'string' && typeof path[1] === 'number') {
    container = (raw as Record<string, unknown>)[path[0]];
    path.shift();
  }
  if (typeof path[0] === 'number') {
    const index = path.shift() as number;
    const item = Array.isArray(container) ? container[index] : undefined;
    const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    where = typeof id === 'string' ? `${kind} "${id}": ` : `${kind} #${index + 1}: `;
  }
  const field = path.length ? `field "${path.join('.')}" ` : '';
  let message = issue.message;
  if (issue.code === 'invalid_type' && /received undefined/.test(message)) message = 'is missing';
  if (issue.code === 'unrecognized_keys')
    return `${where}unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${where}${field}${message}`.trim();
}

function checkReferences(
  kb: KnowledgeBase,
  facts: { fact: Fact; file: string }[],
  files: { sources: string; topics: string; entities: string },
): void {
  const unique = (ids: string[], file: string, kind: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) throw new KnowledgeError(`${file}: ${kind} "${id}": field "id" is used twice`);
      seen.add(id);
    }
    return seen;
  };
  unique(
    kb.sources.map((s) => s.id),
    files.sources,
    'source',
  );
  const topicIds = unique(
    kb.topics.map((t) => t.id),
    files.topics,
    'topic',
  );
  const entityIds = unique(
    kb.entities.map((e) => e.id),
    files.entities,
    'entity',
  );
  for (const e of kb.entities)
    for (const field of ['partOf', 'leads'] as const) {
      const ref = e[field];
      if (ref && !entityIds.has(ref))
        throw new KnowledgeError(
          `${files.entities}: entity "${e.id}": field "${field}": "${ref}" is not an entity`,
        );
      if (field === 'leads' && ref && e.kind !== 'person')
        throw new KnowledgeError(
          `${files.entities}: entity "${e.id}": field "leads": only a person leads a company`,
        );
    }
  const classes = new Set(kb.entities.flatMap((e) => (e.class ? [e.class] : [])));
  const sources = new Map(kb.sources.map((s) => [s.id, s]));

  const seen = new Map<string, string>();
  for (const { fact, file } of facts) {
    const at = `${file}: fact "${fact.id}": field`;
    const other = seen.get(fact.id);
    if (other) throw new KnowledgeError(`${at} "id" is also used in ${other}`);
    seen.set(fact.id, file);
    if (!topicIds.has(fact.topic))
      throw new KnowledgeError(`${at} "topic": "${fact.topic}" is not a topic in ${files.topics}`);
    const source = sources.get(fact.source.id);
    if (!source)
      throw new KnowledgeError(`${at} "source.id": "${fact.source.id}" is not a source in ${files.sources}`);
    if (!source.sections.includes(fact.source.section))
      throw new KnowledgeError(
        `${at} "source.section": "${fact.source.section}" is not one of ${source.id}'s sections (${source.sections.join(', ')})`,
      );
    for (const c of fact.covers)
      if (!classes.has(c))
        throw new KnowledgeError(`${at} "covers": "${c}" is no entity class in ${files.entities}`);
    for (const [field, ids] of [
      ['defines', fact.defines],
      ['figuresWithout', fact.figuresWithout],
    ] as const)
      for (const e of ids)
        if (!entityIds.has(e))
          throw new KnowledgeError(`${at} "${field}": "${e}" is not an entity in ${files.entities}`);
  }
  for (const topic of kb.topics)
    if (!facts.some(({ fact }) => fact.topic === topic.id))
      throw new KnowledgeError(`${files.topics}: topic "${topic.id}": has no facts in facts/`);
}
