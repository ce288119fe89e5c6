/** 100 soak sequences (about 800 edits, most raced by an external change): nothing may be lost. */
import { describe, expect, it } from 'vitest';
import { runSoak } from './soak.js';

describe('data-loss soak', () => {
  it('loses nothing over 100 sequences of edits raced by external changes', async () => {
    const r = await runSoak({ sequences: Number(process.env['SOAK_SEQUENCES'] ?? '100'), seed: 7 });
    expect(r.losses).toEqual([]);
    expect(r.saves).toBe(r.steps);
    // The races must really happen: some saves are refused and retried.
    expect(r.conflicts).toBeGreaterThan(0);
    expect(r.externalEdits).toBeGreaterThan(r.steps / 2);
  }, 300_000);
});
