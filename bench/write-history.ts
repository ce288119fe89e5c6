/**
 * Writes git repositories for the living-model benchmarks, with `git fast-import` (one process, so
 * writing 500 commits takes a second, not a minute):
 * - `history <dir> <revisions> <components>`: the synthetic model, one commit a day, each revision
 *   toggling a property of one component, now and then recording a decision on a threat or
 *   moving a mitigation, as a team's model moves;
 * - `diff <dir> <components>`: two commits of the synthetic model, the second with 2% of the
 *   components changed, a few added and a few removed, as a large pull request does.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Component, Model } from '../packages/core/src/index.js';
import { rng, syntheticModel } from './synthetic.js';

function fastImport(dir: string, commits: readonly { files: Record<string, string>; message: string; time: number }[]): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const parts: string[] = [];
  commits.forEach((c, i) => {
    parts.push('commit refs/heads/main', `mark :${String(i + 1)}`, `committer Bench <bench@example.com> ${String(c.time)} +0000`);
    parts.push(`data ${String(Buffer.byteLength(c.message))}`, c.message);
    if (i > 0) parts.push(`from :${String(i)}`);
    for (const [file, text] of Object.entries(c.files)) parts.push(`M 100644 inline ${file}`, `data ${String(Buffer.byteLength(text))}`, text);
    parts.push('');
  });
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: `${parts.join('\n')}\n`, maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
}

const yaml = (m: Model) => stringify(m, { lineWidth: 0 });
const [kind, dir = 'repo', a = '500', b = '50'] = process.argv.slice(2);
const start = Date.UTC(2025, 0, 1) / 1000;

if (kind === 'history') {
  const revisions = Number(a);
  const model = syntheticModel(Number(b));
  const r = rng(7);
  const components = [...(model.components ?? [])];
  const commits: { files: Record<string, string>; message: string; time: number }[] = [];
  const threats: NonNullable<Model['threats']> = [];
  const mitigations: NonNullable<Model['mitigations']> = [];
  for (let i = 0; i < revisions; i++) {
    const k = Math.floor(r() * components.length);
    const c = components[k] as Component;
    const props = { ...(c.properties ?? {}) };
    props['rate_limiting'] = props['rate_limiting'] !== true;
    components[k] = { ...c, properties: props };
    if (i % 10 === 5) {
      const id = `M${String(mitigations.length + 1)}`;
      mitigations.push({ id, title: `Control ${id} for ${c.name}`, status: 'planned' });
    }
    if (i % 10 === 9 && mitigations.length > 0) {
      const m = mitigations[Math.floor(r() * mitigations.length)];
      if (m) m.status = 'implemented';
    }
    if (i % 25 === 12 && !threats.some((t) => t.fingerprint === `missing-audit-log@${c.id}`)) threats.push({ fingerprint: `missing-audit-log@${c.id}`, status: 'accepted', accepted_by: 'Bench', justification: 'Benchmark decision', expires: '2025-09-01' });
    const m: Model = { ...model, components, ...(threats.length > 0 ? { threats: [...threats] } : {}), ...(mitigations.length > 0 ? { mitigations: mitigations.map((x) => ({ ...x })) } : {}) };
    commits.push({ files: { 'threatmodel.yaml': yaml(m) }, message: `revision ${String(i + 1)}`, time: start + i * 86_400 });
  }
  fastImport(dir, commits);
} else if (kind === 'diff') {
  const n = Number(a);
  const model = syntheticModel(n);
  const r = rng(11);
  const components = (model.components ?? []).map((c) => (r() < 0.02 ? { ...c, properties: { ...(c.properties ?? {}), audit_logging: c.properties?.['audit_logging'] !== true } } : c));
  const removed = new Set(components.filter(() => r() < 0.005).map((c) => c.id));
  const kept = components.filter((c) => !removed.has(c.id));
  const added: Component[] = Array.from({ length: Math.max(1, Math.round(n * 0.005)) }, (_, i) => ({ id: `NEW${String(i)}`, name: `New service ${String(i)}`, kind: 'process', type: 'api' }));
  const flows = (model.flows ?? []).filter((f) => !removed.has(f.from) && !removed.has(f.to));
  const head: Model = { ...model, components: [...kept, ...added], flows };
  fastImport(dir, [
    { files: { 'threatmodel.yaml': yaml(model) }, message: 'base', time: start },
    { files: { 'threatmodel.yaml': yaml(head) }, message: 'head', time: start + 86_400 },
  ]);
} else {
  console.error('usage: write-history history <dir> <revisions> <components> | diff <dir> <components>');
  process.exit(2);
}
