/** One benchmark size, in its own process so peak memory is its own: prints one JSON line. */
import { stringify } from 'yaml';
import { analyze, loadModel } from '../packages/core/src/index.js';
import { syntheticModel } from './synthetic.js';

const n = Number(process.argv[2] ?? '1000');
const text = stringify(syntheticModel(n), { lineWidth: 0 });
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const c0 = process.cpuUsage();
const t0 = performance.now();
const loaded = loadModel({ file: `synthetic-${n}.yaml`, text }, { maxBytes: 1 << 30 });
const t1 = performance.now();
const c1 = process.cpuUsage();
if (!loaded.model) {
  console.error(loaded.issues.slice(0, 5));
  process.exit(1);
}
const result = analyze(loaded.model);
const t2 = performance.now();
const c2 = process.cpuUsage();
// A second analysis on the loaded model: what the editor pays on each edit.
analyze(loaded.model);
const t3 = performance.now();
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
const errors = loaded.issues.filter((i) => i.severity === 'error').length;
console.log(JSON.stringify({
  components: n,
  flows: loaded.model.flows?.length ?? 0,
  bytes: text.length,
  loadMs: t1 - t0,
  analyzeMs: t2 - t1,
  reanalyzeMs: t3 - t2,
  totalMs: t2 - t0,
  loadCpuMs: (c1.user + c1.system - c0.user - c0.system) / 1000,
  analyzeCpuMs: (c2.user + c2.system - c1.user - c1.system) / 1000,
  peakMb: peak / 1024 / 1024,
  threats: result.threats.length,
  questions: result.questions.length,
  perElement: result.counts.derivedPerElement,
  errors,
}));
