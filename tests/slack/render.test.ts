import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION,
  decodeFeedback,
  decodeRunSpec,
  decodeSlackText,
  encodeFeedback,
  encodeRunSpec,
  escapeMrkdwn,
  type RunSpec,
  renderAnswer,
  SLACK_LIMITS,
} from '../../src/adapters/slack/render.js';
import type { Answer, Citation } from '../../src/core/answer.js';
import { createEngine } from '../../src/core/engine.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { buttonsOf, expectWithinLimits, markupIn, textsOf } from './blocks.js';

const engine = createEngine(loadKnowledge());
const topicRun = (topic: string): RunSpec => ({ command: 'topic', args: { name: topic } });

// Text a user could make the engine echo: markup, entities, astral characters, long runs.
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '<!channel>',
    '<@U123>',
    '<#C1|x>',
    '&amp;',
    '&lt;',
    '<https://x.y|z>',
    '🎉',
    '\u202e',
    '*_~`',
    '\n',
    // Cheap to type, dear in JSON: each costs 2 or 6 characters in a button value.
    '"\\'.repeat(40),
    '\u0001'.repeat(40),
  ),
);
const hostileText = (maxLength: number) => fc.array(hostile, { maxLength }).map((parts) => parts.join(''));

const citation = fc.record({
  n: fc.nat(999),
  factId: fc.string({ maxLength: 20 }),
  sourceId: fc.string({ maxLength: 20 }),
  title: hostileText(60),
  publishers: fc.array(hostileText(5), { maxLength: 4 }),
  date: fc.constantFrom('2026-04-27', '2026-02', '2030', ''),
  section: hostileText(10),
}) satisfies fc.Arbitrary<Citation>;

const answer: fc.Arbitrary<Answer> = fc.record({
  kind: fc.constantFrom('answer', 'abstain', 'info', 'error'),
  answered: fc.boolean(),
  title: fc.option(hostileText(20), { nil: null }),
  question: fc.option(hostileText(300), { nil: null }),
  text: hostileText(800),
  citations: fc.array(citation, { maxLength: 120 }),
  topic: fc.constant(null),
  suggestions: fc.array(fc.record({ topic: hostileText(20), label: hostileText(20) }), { maxLength: 30 }),
  asOf: fc.constant('2026-04-28'),
});

/** The reproduced review case: a question whose JSON escaping doubles its size. */
const PADDED_QUESTION = `when does the IP licence end? ${'"\\'.repeat(480)}`;

/** Text sections come before the Sources: the first one shows the start of the answer's text. */
function expectTextAndSources(message: ReturnType<typeof renderAnswer>, a: Answer) {
  const sections = message.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
  const squash = (t: string) => t.replace(/\s+/g, '');
  const first = squash(decodeSlackText(sections[0] ?? '').replace(/…$/, ''));
  expect(first.length).toBeGreaterThan(0);
  expect(squash(a.text).startsWith(first)).toBe(true);
  expect(sections.some((t) => t.startsWith('*Sources*\n*['))).toBe(true);
}

const spec = fc.record({
  command: fc.constantFrom('ask', 'topic'),
  args: fc.dictionary(fc.constantFrom('question', 'name'), hostileText(700)),
}) as fc.Arbitrary<RunSpec>;

describe('renderAnswer', () => {
  it('stays within every Block Kit limit and never emits markup from the text, whatever the answer', () => {
    fc.assert(
      fc.property(answer, spec, fc.boolean(), (a, rerun, shareable) => {
        const message = renderAnswer(a, { rerun, shareable, topicRun });
        expectWithinLimits(message);
        // Nothing the answer carried becomes a mention, a channel ping or a link (plain_text, such
        // as the header and button labels, is never parsed for markup).
        const shown = [...textsOf(message.blocks, 'mrkdwn'), message.text];
        expect(markupIn(shown)).toEqual([]);
        for (const t of shown) {
          expect(t).not.toMatch(/[<>]/);
          expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
        }
        // However long the question the Share button carries, a cited answer keeps its text and sources.
        if (a.kind === 'answer' && a.text.trim() !== '' && a.citations.length > 0)
          expectTextAndSources(message, a);
        // Only Share carries the arguments; feedback buttons stay short.
        for (const b of buttonsOf(message.blocks))
          if (b.action_id === ACTION.helpful || b.action_id === ACTION.notHelpful)
            expect(b.value.length).toBeLessThan(400);
      }),
      { numRuns: 150 },
    );
  });

  it('still sends something for an answer with no text, title or question (property counterexample)', () => {
    const empty: Answer = {
      kind: 'error',
      answered: false,
      title: null,
      question: null,
      text: '',
      citations: [],
      topic: null,
      suggestions: [],
      asOf: '2026-04-28',
    };
    const message = renderAnswer(empty, { rerun: { command: 'ask', args: {} }, shareable: false });
    expectWithinLimits(message);
    expect(message.text.length).toBeGreaterThan(0);
  });

  it('keeps the text and sources when the question fills the Share button (review case)', () => {
    const a = engine.ask(PADDED_QUESTION);
    expect(a.kind).toBe('answer');
    const rerun = { command: 'ask', args: { question: PADDED_QUESTION } };
    const message = renderAnswer(a, { rerun, shareable: true, topicRun });
    expectWithinLimits(message);
    expect(message.blocks.map((b) => b.type)).toEqual([
      'context',
      'section',
      'section',
      'context',
      'actions',
    ]);
    expectTextAndSources(message, a);
    const buttons = buttonsOf(message.blocks);
    // The whole question still fits Share's value; the feedback buttons say what was answered, not the question.
    expect(decodeRunSpec(buttons.find((b) => b.action_id === ACTION.share)?.value)).toEqual(rerun);
    const feedback = buttons.filter((b) => b.action_id !== ACTION.share);
    expect(feedback.map((b) => decodeFeedback(b.value))).toEqual([
      { command: 'ask', kind: 'answer', topic: a.topic },
      { command: 'ask', kind: 'answer', topic: a.topic },
    ]);
  });

  it('escapes &, < and > so they display as typed', () => {
    expect(escapeMrkdwn('a <!channel> & <@U1>')).toBe('a &lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(decodeSlackText(escapeMrkdwn('x <y> & z'))).toBe('x <y> & z');
    const message = renderAnswer(
      { ...engine.ask('hello'), text: 'a <!here> b', question: '<@U9> & co' },
      {
        rerun: null,
        shareable: false,
      },
    );
    const texts = textsOf(message.blocks);
    expect(texts).toContain('a &lt;!here&gt; b');
    expect(texts).toContain('*Q:* &lt;@U9&gt; &amp; co');
  });

  it('fits a huge text and many citations, keeping the sources numbered and saying how many are left out', () => {
    const timeline = engine.timeline();
    const many: Citation[] = Array.from({ length: 400 }, (_, i) => ({
      ...(timeline.citations[0] as Citation),
      n: i + 1,
      title: `Source number ${i + 1} with a reasonably long title about the partnership`,
    }));
    const big: Answer = { ...timeline, text: `${'A claim [1]. '.repeat(3000)}\n• item`, citations: many };
    const message = renderAnswer(big, { rerun: { command: 'timeline', args: {} }, shareable: true });
    expectWithinLimits(message);
    const texts = textsOf(message.blocks);
    expect(texts.join('\n')).toContain('*[1]* "Source number 1 ');
    expect(texts.join('\n')).toMatch(/…and \d+ more not shown/);
    expect(texts.join('\n')).toContain('Knowledge as of 28 April 2026.');
    expect(buttonsOf(message.blocks).map((b) => b.text)).toContain('Share in channel');
  });

  it('lists the source of what an abstention says the sources do say', () => {
    const a = engine.ask('What percentage of its revenue does OpenAI pay Microsoft?');
    expect(a.kind).toBe('abstain');
    const message = renderAnswer(a, { rerun: { command: 'ask', args: { question: 'q' } }, shareable: true });
    const texts = textsOf(message.blocks).join('\n');
    expect(texts).toContain("My sources don't give that figure.");
    expect(texts).toMatch(/\*Sources\*\n\*\[1\]\* /);
  });

  it('shows the engine answer with sources, knowledge date and buttons, as the issue lays out', () => {
    const a = engine.ask('when does the IP licence end?');
    const message = renderAnswer(a, { rerun: { command: 'ask', args: { question: 'q' } }, shareable: true });
    const kinds = message.blocks.map((b) => b.type);
    expect(kinds).toEqual(['context', 'section', 'section', 'context', 'actions']);
    expect(textsOf(message.blocks)[2]).toMatch(/^\*Sources\*\n\*\[1\]\* /);
  });
});

describe('button values', () => {
  it('round-trip, and are cut to 2000 characters without breaking the JSON or a character', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const value = encodeRunSpec(s);
        expect(value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
        const decoded = decodeRunSpec(value);
        expect(decoded?.command).toBe(s.command);
        for (const [k, v] of Object.entries(decoded?.args ?? {})) {
          expect(s.args[k]?.startsWith(v ?? '')).toBe(true);
          expect(v).not.toMatch(/[\ud800-\udbff]$/);
        }
        if (JSON.stringify({ c: s.command, a: s.args }).length <= SLACK_LIMITS.buttonValue)
          expect(decoded).toEqual(s);
      }),
    );
    const long = encodeRunSpec({ command: 'ask', args: { question: '"\\'.repeat(1000) } });
    expect(long.length).toBeLessThanOrEqual(2000);
    expect(decodeRunSpec(long)?.command).toBe('ask');
  });

  it('are cut by their encoded size, keeping the longest prefix of the question that fits', () => {
    const question = `when does the IP licence end? ${'\u0001'.repeat(900)}`;
    const value = encodeRunSpec({ command: 'ask', args: { question } });
    expect(value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    const kept = decodeRunSpec(value)?.args.question ?? '';
    expect(kept.startsWith('when does the IP licence end? \u0001')).toBe(true);
    expect(question.startsWith(kept)).toBe(true);
    // One more character would not have fitted.
    const longer = JSON.stringify({ c: 'ask', a: { question: question.slice(0, kept.length + 1) } });
    expect(longer.length).toBeGreaterThan(SLACK_LIMITS.buttonValue);
    expect(engine.ask(kept).kind).toBe('answer');
    // A tighter budget (the room left in a message) is honoured the same way.
    const tight = encodeRunSpec({ command: 'ask', args: { question } }, (v) => v.length <= 200);
    expect(tight.length).toBeLessThanOrEqual(200);
    expect(tight.length).toBeGreaterThan(190);
  });

  it('reject values that are not ours', () => {
    for (const v of [undefined, '', 'x', '{"c":1}', '[]', '{"c":"ask","a":{"q":3}}'])
      expect(decodeRunSpec(v)).toBeNull();
    for (const v of [undefined, '', '{"c":"ask","a":{}}', '{"c":"ask","k":"maybe","t":null}'])
      expect(decodeFeedback(v)).toBeNull();
  });

  it('feedback values round-trip and stay short whatever the topic', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ask', 'topic'),
        fc.constantFrom('answer', 'abstain', 'info', 'error'),
        fc.option(hostileText(50), { nil: null }),
        (command, kind, topic) => {
          const value = encodeFeedback({ command, kind, topic });
          expect(value.length).toBeLessThan(400);
          const decoded = decodeFeedback(value);
          expect(decoded?.command).toBe(command);
          expect(decoded?.kind).toBe(kind);
          if (topic !== null && topic.length <= 40) expect(decoded?.topic).toBe(topic);
        },
      ),
    );
  });
});
