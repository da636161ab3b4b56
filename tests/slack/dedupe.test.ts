import { describe, expect, it } from 'vitest';
import { createDedupe } from '../../src/adapters/slack/dedupe.js';

describe('createDedupe', () => {
  it('reports an id seen within the TTL, and forgets it afterwards', () => {
    let t = 0;
    const dedupe = createDedupe({ ttlMs: 1000, now: () => t });
    expect(dedupe.seen('Ev1')).toBe(false);
    expect(dedupe.seen('Ev1')).toBe(true);
    expect(dedupe.seen('Ev2')).toBe(false);
    t = 999;
    expect(dedupe.seen('Ev1')).toBe(true);
    t = 1001;
    expect(dedupe.seen('Ev1')).toBe(false);
    expect(dedupe.size).toBe(1);
  });

  it('keeps at most maxEntries ids, forgetting the oldest', () => {
    const dedupe = createDedupe({ maxEntries: 3, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) dedupe.seen(id);
    expect(dedupe.size).toBe(3);
    expect(dedupe.seen('d')).toBe(true);
    expect(dedupe.seen('a')).toBe(false);
  });
});
