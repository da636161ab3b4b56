import { expect } from 'vitest';
import { SLACK_LIMITS } from '../../src/adapters/slack/render.js';

/** Test helpers that read Block Kit the way Slack would: texts, buttons and the limits. */

type Json = Record<string, unknown>;
const asBlocks = (blocks: unknown): Json[] => (Array.isArray(blocks) ? (blocks as Json[]) : []);

/** Every mrkdwn and plain text in the blocks, in order (`only`: just one of the two). */
export function textsOf(blocks: unknown, only?: 'mrkdwn' | 'plain_text'): string[] {
  const out: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) visit(n);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      if (
        (o.type === 'mrkdwn' || o.type === 'plain_text') &&
        typeof o.text === 'string' &&
        (!only || o.type === only)
      )
        out.push(o.text);
      for (const v of Object.values(o)) visit(v);
    }
  };
  visit(blocks);
  return out;
}

export type FoundButton = { action_id: string; value: string; text: string };
export function buttonsOf(blocks: unknown): FoundButton[] {
  return asBlocks(blocks)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Json[])
    .filter((e) => e.type === 'button')
    .map((e) => ({
      action_id: String(e.action_id),
      value: String(e.value),
      text: String((e.text as Json).text),
    }));
}

export function expectWithinLimits(message: { text?: unknown; blocks?: unknown }): void {
  const blocks = asBlocks(message.blocks);
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(13_000);
  for (const b of blocks) {
    if (b.type === 'section') expect(((b.text as Json).text as string).length).toBeLessThanOrEqual(3000);
    if (b.type === 'header') expect(((b.text as Json).text as string).length).toBeLessThanOrEqual(150);
    if (b.type === 'actions') {
      expect((b.elements as Json[]).length).toBeLessThanOrEqual(25);
      for (const e of b.elements as Json[]) {
        expect(String(e.value).length).toBeLessThanOrEqual(2000);
        expect(String(e.action_id).length).toBeLessThanOrEqual(255);
        expect(((e.text as Json).text as string).length).toBeLessThanOrEqual(75);
      }
    }
  }
}

/** Slack markup that pings or links, in mrkdwn (plain_text is never parsed for markup). */
export function markupIn(texts: string[]): string[] {
  return texts.flatMap((t) => t.match(/<[^>]*>/g) ?? []);
}
