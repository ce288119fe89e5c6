/**
 * Every fuzz target for a short budget, its regression fixtures first. A failure prints the
 * shrunk input: save it under fuzz/regressions/<target>/ with the fix.
 */
import { describe, expect, it } from 'vitest';
import { runTarget } from './harness.js';
import { allTargets } from './targets.js';

const SECONDS = Number(process.env['FUZZ_SECONDS'] ?? '2');
const targets = await allTargets();

describe('fuzz targets (short run)', () => {
  it('has targets', () => {
    expect(targets.length).toBeGreaterThan(0);
  });
  for (const t of targets) {
    it(t.name, async () => {
      const r = await runTarget(t, { seconds: SECONDS });
      expect(r.failure ? `${r.failure}\ninput: ${JSON.stringify(r.counterexample)}` : undefined).toBeUndefined();
      expect(r.runs).toBeGreaterThan(0);
    }, 60_000 + SECONDS * 1000);
  }
});
