import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine.js';
import { KnowledgeError } from '../../src/core/errors.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { deadKeywords, selfTest } from '../../src/core/knowledge/self-test.js';
import { copyKnowledge, SOURCE_ARTICLE } from '../helpers.js';

const kb = loadKnowledge();
const statements = kb.facts.map((f) => f.statement).join('\n');

describe('the knowledge base', () => {
  it('passes its self-test: every question variant retrieves its own fact first', () => {
    const { checked, failures } = selfTest(createEngine(kb));
    expect(checked).toBeGreaterThanOrEqual(kb.facts.length * 3);
    expect(failures).toEqual([]);
  });

  it('has no keyword made only of stop words or filler, and names one that is', () => {
    const kb = loadKnowledge();
    expect(deadKeywords(kb)).toEqual([]);
    const [first, ...rest] = kb.facts;
    const broken = {
      ...kb,
      facts: [{ ...(first as (typeof kb.facts)[number]), keywords: ['why', 'at all', 'cap'] }, ...rest],
    };
    expect(deadKeywords(broken)).toEqual([
      { factId: first?.id, keyword: 'why' },
      { factId: first?.id, keyword: 'at all' },
    ]);
  });

  it('gives every fact a source, a section and several question variants', () => {
    for (const fact of kb.facts) {
      expect(fact.questions.length, fact.id).toBeGreaterThanOrEqual(3);
      expect(kb.sources.map((s) => s.id)).toContain(fact.source.id);
    }
    const source = kb.sources[0];
    expect(source?.title).toBe('Microsoft and OpenAI End Azure Exclusivity in Partnership Overhaul');
    expect(source?.publishers).toEqual(['Microsoft Blog', 'OpenAI']);
  });

  // Each item of the article, as the issue lists it, must be stated by some fact.
  it.each([
    ['the announcement date', /27 April 2026/],
    ['exclusivity since 2022', /since 2022/],
    ['any cloud provider', /whichever cloud provider/],
    [
      'Microsoft as primary partner, first on Azure unless it cannot support',
      /main partner[\s\S]*unable to provide/,
    ],
    ['Microsoft stops paying its revenue share', /Microsoft no longer pays OpenAI a share/],
    ['OpenAI pays through 2030 at the same percentage', /unchanged percentage[\s\S]*2030/],
    ['the cap', /ceiling on the total/],
    ['the licence until 2032 for models and products', /models and its\s+products[\s\S]*2032/],
    ['the licence becomes non-exclusive', /non-exclusive/],
    ['Microsoft as major shareholder', /major shareholding/],
    ['Amazon up to $50 billion in February 2026', /February 2026 Amazon pledged as much as \$50 billion/],
    ['the Frontier condition', /AWS was to have exclusive rights over serving\s+Frontier/],
    ['the conflict forcing renegotiation', /clashed head-on with the Azure exclusivity/],
    ['Bedrock on 28 April, the day after', /28 April 2026, one day after/],
    ['the first multi-cloud rollout', /first time OpenAI's multi-cloud approach/],
    ['GPT models and Codex for AWS customers', /GPT models and its Codex coding agent/],
    ['general availability within weeks', /General availability[\s\S]*within a few weeks/],
    ['the AGI clause removed', /drops the contested AGI clause/],
    ['a possible 2026 IPO', /stock market\s+listing it may hold in 2026/],
    ['strategy decoupled from any one cloud', /no longer bound to a single cloud provider/],
    ['human attention as the bottleneck', /attention of the humans/],
    ['Symphony and 500% more landed pull requests', /Symphony raised[\s\S]*500%/],
    ['three to five Codex sessions', /three to five\s+Codex sessions/],
  ])('covers %s', (_label, pattern) => {
    expect(statements).toMatch(pattern);
  });

  it.skipIf(!existsSync(SOURCE_ARTICLE))(
    'restates the article in its own words: no run of 7 words copied',
    () => {
      const words = (text: string) => text.toLowerCase().match(/[a-z0-9$%]+/g) ?? [];
      const runs = (ws: string[]) =>
        new Set(ws.slice(0, Math.max(0, ws.length - 6)).map((_, i) => ws.slice(i, i + 7).join(' ')));
      const article = runs(words(readFileSync(SOURCE_ARTICLE, 'utf8')));
      for (const fact of kb.facts) {
        const copied = [...runs(words(fact.statement))].filter((r) => article.has(r));
        expect(copied, fact.id).toEqual([]);
      }
    },
  );
});

describe('a broken knowledge base', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const breakFile = (file: string, edit: (text: string) => string) => {
    dir = copyKnowledge();
    const path = join(dir, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
  };
  const loadError = () => {
    try {
      loadKnowledge(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(KnowledgeError);
      return (err as Error).message;
    }
    throw new Error('expected the load to fail');
  };

  it('names the file, the fact and the field of a malformed date', () => {
    breakFile('facts/licensing.yaml', (t) => t.replace('date: "2032"', 'date: "sometime in 2032"'));
    expect(loadError()).toBe(
      `${dir}/facts/licensing.yaml: fact "ip-licence-term": field "date" must look like 2026-04-27, 2026-04 or 2026`,
    );
  });

  it.each([
    [
      'a missing statement',
      'facts/ipo.yaml',
      (t: string) => t.replace(/ {2}statement: >-\n(?: {4}.*\n)+/, ''),
      /ipo\.yaml: fact "possible-ipo-2026": field "statement" /,
    ],
    [
      'an unknown topic',
      'facts/ipo.yaml',
      (t: string) => t.replace('topic: ipo', 'topic: stock-market'),
      /ipo\.yaml: fact "possible-ipo-2026": field "topic": "stock-market" is not a topic/,
    ],
    [
      'an unknown section',
      'facts/ipo.yaml',
      (t: string) => t.replace('section: Related Articles', 'section: Epilogue'),
      /field "source\.section": "Epilogue" is not one of/,
    ],
    [
      'an unknown field',
      'facts/ipo.yaml',
      (t: string) => t.replace('topic: ipo', 'topic: ipo\n  colour: blue'),
      /fact "possible-ipo-2026": unknown field\(s\) "colour"/,
    ],
    [
      'a duplicate id',
      'facts/ipo.yaml',
      (t: string) => t.replace('id: possible-ipo-2026', 'id: agi-clause-removed'),
      /fact "agi-clause-removed": field "id" is also used in/,
    ],
    [
      'broken YAML',
      'facts/ipo.yaml',
      (t: string) => `${t}\n- id: [unclosed\n`,
      /ipo\.yaml:\d+: not valid YAML/,
    ],
    [
      'a string where a list belongs',
      'facts/ipo.yaml',
      (t: string) => t.replace(/ {2}keywords: \[[^\]]*\]/, '  keywords: ipo'),
      /fact "possible-ipo-2026": field "keywords" /,
    ],
    ['an empty topics file', 'topics.yaml', () => 'topics: []\n', /topics\.yaml: field "topics" /],
    [
      'a phrase that is both filler and an alias',
      'aliases.yaml',
      (t: string) => t.replace(/^filler: \[/m, 'filler: [ended up, '),
      /aliases\.yaml: filler "ended up" is also listed under aliases\.end/,
    ],
    [
      'a phrase listed under two aliases',
      'aliases.yaml',
      (t: string) => t.replace(/^ {2}grow: \[/m, '  grow: [ended up, '),
      /aliases\.yaml: "ended up" is listed under aliases\.(?:end|grow) and aliases\.(?:end|grow); keep one/,
    ],
    [
      'a bad partOf',
      'entities.yaml',
      (t: string) => t.replace('partOf: microsoft', 'partOf: contoso'),
      /entity "azure": field "partOf": "contoso" is not an entity/,
    ],
    [
      'a fact defining an unknown entity',
      'facts/aws-deal.yaml',
      (t: string) => t.replace('defines: [frontier]', 'defines: [frontiers]'),
      /fact "amazon-frontier-condition": field "defines": "frontiers" is not an entity/,
    ],
    [
      'a figure said to hold without an unknown entity',
      'facts/agent-coding.yaml',
      (t: string) => t.replace('figuresWithout: [symphony]', 'figuresWithout: [symfony]'),
      /fact "codex-session-ceiling": field "figuresWithout": "symfony" is not an entity/,
    ],
    [
      'a company said to lead another',
      'entities.yaml',
      (t: string) => t.replace('partOf: microsoft', 'leads: microsoft'),
      /entity "azure": field "leads": only a person leads a company/,
    ],
  ])('fails on %s with a one-line error naming where', (_label, file, edit, message) => {
    breakFile(file, edit);
    const error = loadError();
    expect(error).toMatch(message);
    expect(error).not.toContain('\n');
  });

  it('names the line a YAML mistake is on, and says what is wrong there', () => {
    // Line 2 of the first fact, indented one space too far: a slip easy to make by hand.
    breakFile('facts/ipo.yaml', (t) => t.replace('  topic: ipo', '   topic: ipo'));
    expect(loadError()).toMatch(/ipo\.yaml:2: not valid YAML: bad indentation/);
  });

  it('names the line where a second document starts', () => {
    // A "---" pasted after the first fact, on the line after it.
    breakFile('facts/bedrock.yaml', (t) => t.replace(/\n- id: /, '\n---\n- id: '));
    const lines = readFileSync(join(dir, 'facts/bedrock.yaml'), 'utf8').split('\n');
    const line = lines.indexOf('---') + 1;
    expect(line).toBeGreaterThan(1);
    expect(loadError()).toMatch(new RegExp(`bedrock\\.yaml:${line}: not valid YAML: .*single document`));
  });

  it('says so when a file is empty', () => {
    breakFile('facts/ipo.yaml', () => '# nothing here yet\n');
    expect(loadError()).toMatch(/ipo\.yaml: not valid YAML: .*empty/);
  });

  it('fails when the facts folder is missing', () => {
    dir = copyKnowledge();
    rmSync(join(dir, 'facts'), { recursive: true });
    expect(loadError()).toMatch(/facts: the facts folder is missing/);
  });
});
