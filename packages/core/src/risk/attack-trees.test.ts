import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../load/index.js';
import { ModelSchema } from '../model/schema.js';
import type { Model } from '../model/types.js';
import { mergeTriage } from '../triage/index.js';
import { assess } from './assess.js';
import { analyzeAttackTree, analyzeAttackTrees } from './attack-trees.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const EXAMPLE = fileURLToPath(new URL('../../../../examples/web-login/threatmodel.yaml', import.meta.url));

function webLogin(edit: (m: Model) => Model = (m) => m): Model {
  const loaded = loadModel({ file: 'threatmodel.yaml', text: readFileSync(EXAMPLE, 'utf8') });
  if (!loaded.model) throw new Error('the example does not load');
  return edit(loaded.model);
}

function trees(m: Model) {
  const a = assess(mergeTriage(m, [], { now: NOW }).threats, m, { now: NOW });
  return analyzeAttackTrees(m.attack_trees, a);
}

const implement = (ids: string[]) => (m: Model): Model => ({
  ...m,
  mitigations: (m.mitigations ?? []).map((x) => (ids.includes(x.id) ? { ...x, status: 'implemented' as const } : x)),
});

describe('the seed attack trees of examples/web-login', () => {
  it('finds the cheapest and the most likely way to admin access', () => {
    const [admin] = trees(webLogin());
    expect(admin?.goal).toBe('Get admin access');
    // Phishing (200) + session reuse (0) = 200 beats deserialization (1000) and SQLi + cracking (2500).
    expect(admin?.cheapest?.cost).toBe(200);
    expect(admin?.cheapest?.leaves.map((l) => l.title)).toEqual(['Capture the password with a look-alike login page', 'Reuse the session before it expires (14 days, not bound to the device)']);
    expect(admin?.cheapest?.skill).toBe('low');
    // 0.3 × 0.9 = 0.27 beats 0.15 and 0.2 × 0.1 = 0.02.
    expect(admin?.mostLikely?.probability).toBe(0.27);
  });

  it('lists the leaves no implemented mitigation covers and says the goal is open', () => {
    const [admin, pii] = trees(webLogin());
    // The password-cracking and session-reuse leaves have no mitigation at all, but each sits in an AND with one that has.
    expect(admin?.status).toBe('planned');
    expect(admin?.uncovered.length).toBe(5);
    // R5 (implemented) covers the public bucket; SQLi and the admin account are still open.
    expect(pii?.uncovered.map((l) => l.title)).not.toContain('Find a database export in a public object-store bucket');
    expect(pii?.leaves.find((l) => l.title.startsWith('Find a database export'))?.coveredBy).toEqual(['R5']);
    expect(pii?.status).toBe('planned');
    expect(pii?.cheapest?.cost).toBe(200);
  });

  it('moves the cheapest path and closes the goal as mitigations are implemented', () => {
    const [admin] = trees(webLogin(implement(['R2'])));
    expect(admin?.cheapest?.cost).toBe(1000);
    expect(admin?.cheapest?.leaves.map((l) => l.threats)).toEqual([['T4']]);
    const [closed] = trees(webLogin(implement(['R2', 'R3', 'R4'])));
    expect(closed).toMatchObject({ status: 'mitigated', reason: 'every way to the goal meets an implemented mitigation' });
    expect(closed?.cheapest).toBeUndefined();
  });
});

describe('attack tree rules', () => {
  const base = (root: unknown) => ModelSchema.parse({ threatwright: 1, system: { name: 'x' }, attack_trees: [{ id: 'AT1', goal: 'g', root }] });

  it('calls a goal open when some way to it has no mitigation at all', () => {
    const m = base({ title: 'g', or: [{ title: 'a', cost: 5 }, { title: 'b', cost: 1, mitigations: ['R1'] }] });
    const [r] = trees({ ...m, mitigations: [{ id: 'R1', title: 'm', status: 'planned' }] });
    expect(r).toMatchObject({ status: 'open', reason: '1 way to the goal have no mitigation at all' });
    expect(r?.cheapest?.cost).toBe(1);
  });

  it('lets a mitigation on an inner node cover every leaf below it', () => {
    const m = { ...base({ title: 'g', and: [{ title: 'a', cost: 1 }, { title: 'b', mitigations: ['R1'], or: [{ title: 'c' }, { title: 'd' }] }] }), mitigations: [{ id: 'R1', title: 'm', status: 'implemented' as const }] };
    const a = assess([], m, { now: NOW });
    const r = analyzeAttackTree(m.attack_trees?.[0] ?? { id: 'x', goal: 'x', root: { title: 'x' } }, a);
    expect(r.leaves.map((l) => [l.title, l.coveredBy])).toEqual([['a', []], ['c', ['R1']], ['d', ['R1']]]);
    expect(r.status).toBe('mitigated');
  });

  it('leaves the cost out of a path with a leaf of unknown cost', () => {
    const m = base({ title: 'g', or: [{ title: 'a' }, { title: 'b', cost: 9, probability: 0.5 }] });
    const [r] = trees(m);
    expect(r?.cheapest?.leaves.map((l) => l.title)).toEqual(['b']);
    expect(r?.mostLikely?.probability).toBe(0.5);
  });
});
