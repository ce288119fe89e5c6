import { describe, expect, it } from 'vitest';
import { checkRuleMeta } from '../engine/meta-check.js';
import { builtinRules, renamedRules } from './index.js';

describe('the rule registry', () => {
  it('lists rules sorted by id, without duplicates', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });
  it('has complete metadata for every rule', () => {
    const problems = builtinRules.flatMap((r) => checkRuleMeta(r).map((p) => `${r.id}: ${p}`));
    expect(problems).toEqual([]);
  });
  it('maps renamed ids only to rules that exist', () => {
    const ids = new Set(builtinRules.map((r) => r.id));
    for (const [from, to] of Object.entries(renamedRules)) {
      expect(ids.has(from), `${from} is renamed but still registered`).toBe(false);
      expect(ids.has(to), `${from} is renamed to unknown ${to}`).toBe(true);
    }
  });
});
