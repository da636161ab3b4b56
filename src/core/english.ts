import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let words: Set<string> | undefined;

/**
 * Whether a lower-case word is an English word (word-list, about 274,000 words). A real word is not
 * a typo, however close it is to one the knowledge base knows: "apply" is not "Apple". Loaded on
 * first use, since most questions need no typo correction at all.
 */
export function isEnglishWord(word: string): boolean {
  words ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return words.has(word);
}
