/**
 * Scenarios for large-lists.test.ts, run in a worker thread whose stack is as small as the main
 * thread's (the test runner's threads have a larger one, which hides a spread that overflows).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze } from '../analyze/index.js';
import type { Model } from '../model/types.js';
import { load, model } from './test-helpers.js';

export const N = 150_000;

function list(n: number, item: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(item(i));
  return out.join('\n');
}

const counts = (codes: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of codes) out[c] = (out[c] ?? 0) + 1;
  return out;
};

const scenarios: Record<string, () => unknown> = {
  warnings: () => {
    const r = load(model(`components:\n${list(N, (i) => `  - { id: C${i}, name: C${i}, kind: process }`)}\n`));
    return { components: r.model?.components?.length, codes: counts(r.issues.map((i) => i.code)), lastLine: r.issues[N - 1]?.location?.line };
  },
  schema: () => {
    const r = load(model(`flows:\n${list(N, (i) => `  - { id: F${i}, from: C1 }`)}\n`));
    return { model: r.model !== undefined, errors: r.issues.filter((i) => i.severity === 'error').length };
  },
  cycle: () => {
    const r = load(model(`boundaries:\n${list(N, (i) => `  - { id: B${i}, name: B${i}, parent: B${(i + 1) % N} }`)}\n`));
    const cycle = r.issues.filter((i) => i.code === 'boundary-cycle');
    return { model: r.model !== undefined, cycles: cycle.length, path: cycle[0]?.path, messageLength: cycle[0]?.message.length };
  },
  chain: () => {
    const r = load(model(`boundaries:\n${list(N, (i) => `  - { id: B${i}, name: B${i}${i > 0 ? `, parent: B${i - 1}` : ''} }`)}\n`));
    return { model: r.model !== undefined, codes: counts(r.issues.map((i) => i.code)) };
  },
  analyze: () => {
    const boundaries = Array.from({ length: N }, (_, i) => ({ id: `B${i}`, name: `B${i}`, parent: `B${i}` }));
    const threats = Array.from({ length: N }, (_, i) => ({ fingerprint: `no-such-rule@C${i}`, status: 'accepted' }));
    const r = analyze({ threatwright: 1, system: { name: 'Big' }, boundaries, threats } as unknown as Model);
    return { codes: counts(r.issues.map((i) => i.code)) };
  },
  customRule: () => {
    const all = Array.from({ length: N }, () => ({ attribute: 'kind', equals: 'process' }));
    const m = {
      threatwright: 1,
      system: { name: 'Big' },
      components: [{ id: 'C1', name: 'C1', kind: 'process' }],
      rules: { custom: [{ id: 'many-conditions', title: 'Many', category: 'tampering', applies_to: 'component', message: 'many', when: { all: [{ all }] } }] },
    } as unknown as Model;
    return { fired: analyze(m).threats.some((t) => t.ruleId === 'many-conditions') };
  },
};

if (parentPort) {
  const name = workerData as string;
  let answer: unknown;
  try {
    answer = { ok: scenarios[name]?.() };
  } catch (err) {
    answer = { threw: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  parentPort.postMessage(answer);
}
