import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const PLATFORM_SDK =
  /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+)['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [path] : [];
  });
}

describe('architecture', () => {
  it('keeps platform SDKs inside their adapters', () => {
    const offenders: string[] = [];
    for (const top of ['src', 'commands']) {
      for (const file of sourceFiles(join(ROOT, top))) {
        const rel = relative(ROOT, file);
        const m = PLATFORM_SDK.exec(readFileSync(file, 'utf8'));
        if (!m) continue;
        const allowed =
          (m[1]?.startsWith('@slack/') && rel.startsWith('src/adapters/slack/')) ||
          ((m[1] === 'discord.js' || m[1]?.startsWith('@discordjs/')) &&
            rel.startsWith('src/adapters/discord/'));
        if (!allowed) offenders.push(`${rel} imports ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('recognises the imports it looks for', () => {
    expect(PLATFORM_SDK.test("import { Client } from 'discord.js';")).toBe(true);
    expect(PLATFORM_SDK.test("const { App } = await import('@slack/bolt');")).toBe(true);
    expect(PLATFORM_SDK.test("import { z } from 'zod';")).toBe(false);
  });

  it('reads process.env only in src/config.ts', () => {
    const offenders = sourceFiles(join(ROOT, 'src'))
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f))
      .filter((f) => f !== 'src/config.ts');
    expect(offenders).toEqual([]);
  });
});
