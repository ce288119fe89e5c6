/**
 * The threat-quality targets, held on the real files of other tools beside the repository: a change
 * that makes the engine find less of what their threats name, or flood a model, fails here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus');
const have = existsSync(corpus);

interface Target {
  readonly measure: string;
  readonly value?: number;
  readonly target: string;
  readonly met?: boolean;
}

describe.skipIf(!have)(`threat quality on imported models${have ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
  it('meets every target of `npm run quality`', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/quality.ts'), '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const { targets } = JSON.parse(out) as { targets: Target[] };
    expect(targets.length).toBe(5);
    const missed = targets.filter((t) => t.met !== true).map((t) => `${t.measure}: ${String(t.value)} (target ${t.target})`);
    expect(missed).toEqual([]);
  }, 120_000);
});
