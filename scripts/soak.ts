/**
 * `npm run soak -- [--sequences N] [--seed N]`: the data-loss soak (fuzz/soak.ts) at length,
 * 1 000 sequences by default. Prints the counts; exit 1 when anything was lost.
 */
import { parseArgs } from 'node:util';
import { runSoak } from '../fuzz/soak.js';

const { values } = parseArgs({ options: { sequences: { type: 'string', default: '1000' }, seed: { type: 'string', default: String(Date.now() % 100_000) } } });
const started = performance.now();
const r = await runSoak({ sequences: Number(values.sequences), seed: Number(values.seed) });
console.log(`${r.sequences} sequences, ${r.steps} steps (seed ${values.seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`${r.saves} saves, ${r.conflicts} refused and retried, ${r.externalEdits} racing external edits`);
console.log(`${r.losses.length} data-loss events`);
for (const l of r.losses) console.log(`  ${l}`);
process.exit(r.losses.length > 0 ? 1 : 0);
