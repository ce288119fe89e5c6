/**
 * `npm run fuzz -- [--seconds N] [--target NAME] [--seed N]`: runs every fuzz target (or one) for
 * N seconds each (default 30), prints the counts, and writes each new failure's shrunk input to
 * fuzz/regressions/<target>/new-<hash> so it can be kept as a regression fixture with its fix.
 * Exit 1 when anything failed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REGRESSIONS, runTarget } from '../fuzz/harness.js';
import { allTargets } from '../fuzz/targets.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, target: { type: 'string', multiple: true }, seed: { type: 'string' } } });
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error('--seconds takes a positive number');
  process.exit(2);
}
const wanted = values.target ?? [];
const targets = (await allTargets()).filter((t) => wanted.length === 0 || wanted.some((w) => t.name === w || t.name.startsWith(`${w}:`)));
if (targets.length === 0) {
  console.error(`no fuzz target matches ${wanted.join(', ')}`);
  process.exit(2);
}
let failed = 0;
let total = 0;
for (const t of targets) {
  const r = await runTarget(t, { seconds, ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}) });
  total += r.runs;
  const line = `${t.name.padEnd(28)} ${String(r.runs).padStart(9)} inputs  ${String(r.regressions).padStart(3)} regressions  slowest ${Math.round(r.slowestMs)} ms`;
  if (!r.failure) {
    console.log(`ok    ${line}`);
    continue;
  }
  failed++;
  console.log(`FAIL  ${line}\n      ${r.failure.split('\n').join('\n      ')}`);
  if (r.counterexample !== undefined) {
    const dir = path.join(REGRESSIONS, t.name);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `new-${createHash('sha256').update(r.counterexample).digest('hex').slice(0, 12)}`);
    writeFileSync(file, r.counterexample);
    console.log(`      input saved to ${path.relative(process.cwd(), file)}`);
  }
}
console.log(`${String(total)} inputs over ${String(targets.length)} targets, ${String(failed)} failed`);
process.exit(failed > 0 ? 1 : 0);
