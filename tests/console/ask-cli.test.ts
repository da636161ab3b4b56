import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const CLI = join(ROOT, 'src/adapters/console/ask-cli.ts');
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('npm run ask', () => {
  it('prints one cited answer as text', () => {
    const { code, out } = run(['When does the IP licence end?']);
    expect(code).toBe(0);
    expect(out).toMatch(/2032 \[1\]\./);
    expect(out).toContain(
      '[1] "Microsoft and OpenAI End Azure Exclusivity in Partnership Overhaul", Microsoft Blog, OpenAI',
    );
    expect(out).toContain('Knowledge as of 28 April 2026.');
  });

  it('prints one JSON object with --json', () => {
    const { code, out } = run(['--json', 'Was the AGI clause kept?']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['question', 'answered', 'text', 'citations', 'topic', 'suggestions']);
    expect(json.answered).toBe(true);
    expect(json.citations[0]).toEqual({
      n: 1,
      factId: 'agi-clause-removed',
      title: 'Microsoft and OpenAI End Azure Exclusivity in Partnership Overhaul',
      publishers: ['Microsoft Blog', 'OpenAI'],
      date: '2026-04-28',
      section: 'Related Articles',
    });
  });

  it('answers one question per stdin line, in order, one JSON line each, whatever the lines hold', () => {
    const lines = [
      'Is the Azure exclusivity over?',
      '',
      'How much did Nvidia invest in OpenAI?',
      'x'.repeat(200_000),
      '<!channel> \u202e\u0000 ¿qué pasa con la licencia IP? 🤖',
      'Who runs Microsoft?',
    ];
    const { code, out, err } = run(['--json'], `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    expect(err).toBe('');
    const answers = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => a.question)).toEqual(lines);
    expect(answers.map((a) => a.answered)).toEqual([true, false, false, false, false, false]);
    expect(answers[3].text).toMatch(/too long/);
  });

  it('exits 2 with one line for an empty question, and never prints a stack trace', () => {
    for (const args of [[''], ['   '], []]) {
      const { code, err } = run(args);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(args.length ? 1 : 1);
      expect(err).not.toMatch(/\bat .+:\d+:\d+/);
    }
    const bad = run(['--nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
