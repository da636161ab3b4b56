import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../src/adapters/discord/custom-id.js';
import {
  clip,
  embedLength,
  LIMITS,
  renderAnswer,
  renderComponents,
  renderEmbed,
} from '../../src/adapters/discord/render.js';
import type { Answer, AnswerKind } from '../../src/core/answer.js';
import { realEngine } from '../helpers.js';

const engine = realEngine();

function expectWithinLimits(answer: Answer, share: boolean): void {
  const reply = renderAnswer(answer, { share });
  expect(reply.allowedMentions).toEqual({ parse: [] });
  const [embed] = reply.embeds;
  expect(reply.embeds).toHaveLength(1);
  if (!embed) return;
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
  for (const f of embed.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  // Discord rejects an empty embed and empty strings.
  expect(embed.title === undefined || embed.title.length > 0).toBe(true);
  expect(embed.description === undefined || embed.description.length > 0).toBe(true);
  expect(embed.title ?? embed.description).toBeTruthy();
  // No lone surrogate: Discord would reject the JSON as invalid UTF-8.
  expect(JSON.stringify(embed)).not.toMatch(
    /(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF]))|(?:(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/,
  );

  expect(reply.components.length).toBeLessThanOrEqual(LIMITS.rows);
  for (const row of reply.components) {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const b of row.components) {
      expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(b.label?.length ?? 0).toBeGreaterThan(0);
      expect(b.label?.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonLabel);
      expect(decodeCustomId(b.custom_id)).toBeDefined();
    }
  }
  const ids = reply.components.flatMap((r) => r.components.map((b) => b.custom_id));
  expect(new Set(ids).size).toBe(ids.length);
}

const KINDS: AnswerKind[] = ['answer', 'abstain', 'info', 'error'];
/** Up to about `max` characters of any Unicode (emoji, combining marks, markdown, mentions). Long
 * strings are repeats of a short one: generating 8,000 random graphemes per run is needlessly slow. */
const text = (max: number) =>
  fc
    .tuple(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.constantFrom('@everyone ', '<@123> ', '**x** ', '> q\n'),
      ),
      fc.nat(Math.ceil(max / 10)),
    )
    .map(([s, n]) => s.repeat(n).slice(0, max + 30));

const arbitraryAnswer: fc.Arbitrary<Answer> = fc.record({
  kind: fc.constantFrom(...KINDS),
  answered: fc.boolean(),
  title: fc.option(text(400)),
  question: fc.option(text(1200)),
  text: fc.oneof(text(200), text(8000), fc.constant('x'.repeat(7000))),
  citations: fc.array(
    fc.record({
      n: fc.nat(999),
      factId: text(40),
      sourceId: text(40),
      title: fc.oneof(text(80), text(2000)),
      publishers: fc.array(text(60), { maxLength: 4 }),
      date: fc.constantFrom('2026-04-27', '2026-02', '2030'),
      section: text(200),
    }),
    { maxLength: 60 },
  ),
  topic: fc.option(fc.stringMatching(/^[a-z-]{1,120}$/)),
  suggestions: fc.array(fc.record({ topic: fc.stringMatching(/^[a-z-]{1,120}$/), label: text(200) }), {
    maxLength: 30,
  }),
  asOf: fc.constant('2026-04-28'),
});

describe('renderAnswer', () => {
  it('stays inside every Discord limit whatever the answer (property)', () => {
    fc.assert(
      fc.property(arbitraryAnswer, fc.boolean(), (answer, share) => expectWithinLimits(answer, share)),
      { numRuns: 200 },
    );
  });

  it('stays inside the limits for real answers, topics, the timeline and the sources', () => {
    const answers = [
      engine.ask('When does the IP licence end?'),
      engine.ask('What is the weather on Mars?'),
      engine.ask(''),
      engine.ask('x'.repeat(5000)),
      engine.ask(`${'why '.repeat(240)}does OpenAI pay Microsoft?`),
      engine.timeline(),
      engine.sources(),
      engine.topic('no-such-topic'),
      ...engine.kb.topics.map((t) => engine.topic(t.id)),
    ];
    for (const a of answers) for (const share of [true, false]) expectWithinLimits(a, share);
  });

  it('escapes Discord markdown in echoed text, so it shows as typed', () => {
    const answer = engine.ask('What is the weather on Mars?');
    const embed = renderEmbed({
      ...answer,
      question: '**bold** [link](https://evil.example) `code` ||spoiler||',
    });
    expect(embed.title).toBe(
      '\\*\\*bold\\*\\* [link]\\(https://evil.example) \\`code\\` \\|\\|spoiler\\|\\|',
    );
  });

  it('lists each source once, numbered, with its date', () => {
    const answer = engine.timeline();
    const embed = renderEmbed(answer);
    const sources = (embed.fields ?? []).map((f) => f.value).join('\n');
    for (const c of answer.citations) expect(sources).toContain(`**[${c.n}]**`);
    expect(sources).toMatch(/\d{1,2} [A-Z][a-z]+ 20\d\d/);
  });

  it('lists the source of what an abstention says the sources do say', () => {
    const answer = engine.ask('What percentage of its revenue does OpenAI pay Microsoft?');
    expect(answer.kind).toBe('abstain');
    const embed = renderEmbed(answer);
    expect(embed.description).toContain("My sources don't give that figure.");
    expect(embed.description).toContain('[1]');
    expect((embed.fields ?? []).map((f) => f.value).join('\n')).toContain('**[1]**');
  });

  it('keeps the cited text when there are too many sources to list', () => {
    const answer = engine.ask('When does the IP licence end?');
    const first = answer.citations[0];
    if (!first) throw new Error('expected a citation');
    const many = Array.from({ length: 80 }, (_, i) => ({ ...first, n: i + 1, title: 'T'.repeat(300) }));
    const embed = renderEmbed({ ...answer, citations: many });
    expect(embed.description?.replace(/\\/g, '')).toBe(answer.text);
    expect((embed.fields ?? []).at(-1)?.value).toMatch(/more$/);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('offers Share only on private answers, and feedback on every answer but errors', () => {
    const labels = (a: Answer, share: boolean) =>
      renderComponents(a, { share }).flatMap((r) => r.components.map((b) => b.label));
    const answer = engine.ask('When does the IP licence end?');
    expect(labels(answer, true)).toEqual(['Share', 'Helpful', 'Not helpful']);
    expect(labels(answer, false)).toEqual(['Helpful', 'Not helpful']);
    const miss = engine.ask('What is the weather on Mars?');
    expect(labels(miss, true)).toEqual([...miss.suggestions.map((s) => s.label), 'Helpful', 'Not helpful']);
    expect(labels(engine.ask(''), true)).toEqual([]);
  });
});

describe('clip', () => {
  it('never splits a surrogate pair nor leaves a dangling escape', () => {
    expect(clip('ab😀😀', 4)).toBe('ab…');
    expect(clip('abc\\*def', 5)).toBe('abc…');
    expect(clip('short', 10)).toBe('short');
  });
});

describe('custom ids', () => {
  it('round-trips every action within 100 characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ action: fc.constant('topic' as const), topic: fc.stringMatching(/^[a-z-]{1,90}$/) }),
          fc.record({
            action: fc.constant('share' as const),
            ref: fc.record({
              kind: fc.constantFrom(...KINDS),
              topic: fc.option(fc.stringMatching(/^[a-z-]{1,60}$/)),
            }),
          }),
          fc.record({
            action: fc.constant('feedback' as const),
            helpful: fc.boolean(),
            ref: fc.record({
              kind: fc.constantFrom(...KINDS),
              topic: fc.option(fc.stringMatching(/^[a-z-]{1,60}$/)),
            }),
          }),
        ),
        (action) => {
          const id = encodeCustomId(action);
          expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
          expect(decodeCustomId(id)).toEqual(action);
        },
      ),
    );
  });

  /** Any text, weighted towards the separator, "%" and what escapes are made of. */
  const anyTopic = fc.oneof(
    fc.string({
      unit: fc.constantFrom('|', '%', '7', 'C', '2', '5', 'a', '-', ' ', 'é', '😀'),
      minLength: 1,
    }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  );

  it('round-trips a topic holding the separator or "%", or leaves it out when it cannot fit', () => {
    expect(decodeCustomId(encodeCustomId({ action: 'topic', topic: 'a|b' }))).toEqual({
      action: 'topic',
      topic: 'a|b',
    });
    fc.assert(
      fc.property(anyTopic, (topic) => {
        const id = encodeCustomId({ action: 'topic', topic });
        // Over 100 characters the renderer drops the button; under it the id must round-trip.
        if (id.length <= LIMITS.customId) expect(decodeCustomId(id)).toEqual({ action: 'topic', topic });
      }),
    );
  });

  it('keeps feedback and share ids within 100 characters whatever the topic, cutting it cleanly', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), anyTopic, fc.boolean(), (kind, topic, helpful) => {
        for (const action of [
          { action: 'share' as const, ref: { kind, topic } },
          { action: 'feedback' as const, helpful, ref: { kind, topic } },
        ]) {
          const id = encodeCustomId(action);
          expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
          const decoded = decodeCustomId(id);
          expect(decoded?.action).toBe(action.action);
          const back = decoded && decoded.action !== 'topic' ? decoded.ref : undefined;
          expect(back?.kind).toBe(kind);
          // The whole topic when it fits, else a prefix of it that never splits a character.
          expect(topic.startsWith(back?.topic ?? '')).toBe(true);
          if (topic.length <= 20) expect(back?.topic).toBe(topic);
        }
      }),
    );
  });

  it('rejects ids it never made', () => {
    for (const id of [
      '',
      'share',
      'fb|x|a|t',
      'share|z|t',
      'topic|',
      'nope|a',
      // Object.prototype keys are not kinds.
      'share|constructor|t',
      'fb|y|toString|t',
      'share|__proto__|t',
      // A "%" that starts no escape the encoder makes.
      'topic|a%zz',
      'share|a|50%',
      'topic|a|b',
    ])
      expect(decodeCustomId(id)).toBeUndefined();
  });
});
