import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../src/core/engine.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../src/core/knowledge/load.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The article the knowledge base restates; CI lays shared/ beside the clone. */
export const SOURCE_ARTICLE = join(ROOT, '..', 'shared', 'sources', 'partnership-restructuring-2026-04.txt');

let engine: Engine | undefined;
/** One engine over the real knowledge base, shared by the tests of a file. */
export function realEngine(): Engine {
  engine ??= createEngine(loadKnowledge());
  return engine;
}

/** A scratch copy of knowledge/ that a test may break. */
export function copyKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}
