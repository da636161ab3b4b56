import SearchableMap from 'minisearch/SearchableMap';
import type { KnowledgeBase } from './knowledge/schema.js';
import { type Analyzer, NOT_ASCII } from './text.js';

export type Vocabulary = {
  /** Every word the knowledge base uses or accepts (aliases, entity names). */
  words: ReadonlySet<string>;
  /**
   * The same words, searchable by prefix and edit distance for typo correction. Built on first
   * use: a question with no unknown word never needs it, and start-up should not pay for it.
   */
  searchable(): SearchableMap<true>;
  /** Index terms of every known word. */
  knownTerms: Set<string>;
  /** Index terms of the words that name the subject as a whole. */
  contextTerms: Set<string>;
};

/**
 * Builds what the engine needs to tell known words, typos and unknown words apart. `factWords`
 * are the canonical words of the facts, as the index tokenized them.
 */
export function buildVocabulary(
  kb: KnowledgeBase,
  analyzer: Analyzer,
  factWords: Iterable<string>,
): Vocabulary {
  const words = new Set<string>();
  const knownTerms = new Set<string>();
  function learn(word: string, canonical: string) {
    const term = analyzer.term(canonical);
    if (!term) return;
    words.add(word);
    knownTerms.add(term);
  }
  function addWords(text: string) {
    for (const word of analyzer.canonicalWords(text)) learn(word, word);
  }
  for (const word of factWords) learn(word, word);
  for (const t of kb.topics) addWords(`${t.name} ${t.description} ${t.names.join(' ')}`);
  addWords(kb.context.join(' '));
  function singleWordVariants(canonical: string, variants: string[]) {
    // The Unicode classes only where needed: compiling them cost start-up more than the loop.
    for (const v of variants)
      if (/^[a-zA-Z0-9]+$/.test(v) || (NOT_ASCII.test(v) && /^[\p{L}\p{N}]+$/u.test(v)))
        learn(v.toLowerCase(), canonical);
  }
  for (const [canonical, variants] of Object.entries(kb.aliases)) singleWordVariants(canonical, variants);
  for (const e of kb.entities) {
    const token = e.id.replaceAll('-', '');
    learn(token, token);
    singleWordVariants(token, e.names);
  }
  const contextTerms = new Set(
    kb.context.flatMap((w) => analyzer.canonicalWords(w).flatMap((c) => analyzer.term(c) ?? [])),
  );
  let map: SearchableMap<true> | undefined;
  function searchable() {
    // Words of phrases too, so that a typo inside one ("intelectual property") is corrected.
    map ??= SearchableMap.from(
      [...new Set([...words, ...analyzer.phraseWords])].map((w) => [w, true] as const),
    );
    return map;
  }
  return { words, searchable, knownTerms, contextTerms };
}
