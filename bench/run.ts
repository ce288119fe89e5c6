/** One benchmark size, in its own process so peak memory is its own: prints one JSON line. */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { createAnalyzer, loadModel, type Model } from '../packages/core/src/index.js';
import { syntheticModel } from './synthetic.js';

const n = Number(process.argv[2] ?? '1000');
// `npm run bench` passes a file written by another process (bench/write-model.ts), so this process
// starts, as a user's does, with nothing but the text; without one, the model is generated here.
const file = process.argv[3];
const text = file !== undefined ? readFileSync(file, 'utf8') : stringify(syntheticModel(n), { lineWidth: 0 });
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
const model = loaded.model;
// In a function, so that the first analysis and the editor's state are let go before the analyses below.
const first = analyseAndEdit(model);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
// The same full analysis again, three times, each by a fresh analyzer on a fresh graph: the code is now
// compiled, so this is what the work itself costs. The first analysis in a process also pays for running
// rules before V8 has optimised them; the difference between the two columns is that cost. Skipped above
// 10 000 components, where three more analyses would take most of a minute.
const again: number[] = [];
if (n <= 10_000) {
  for (let i = 0; i < 3; i++) {
    const a0 = performance.now();
    createAnalyzer().analyze(model);
    again.push(performance.now() - a0);
  }
  again.sort((a, b) => a - b);
}

/** A full analysis by the editor's analyzer (its first call), then re-analysis after one edit, as the editor does on every change. */
function analyseAndEdit(model: Model) {
  const analyzer = createAnalyzer();
  const result = analyzer.analyze(model);
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  // Peak memory of loading and analysing (what the targets are about), before the edits below.
  const analysisPeak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  // A property of one component toggled: five edits to warm up (the first edits of a session compile
  // the incremental paths), then fifteen timed.
  const edits: number[] = [];
  let edited: Model = model;
  for (let i = 0; i < 20; i++) {
    const components = [...(edited.components ?? [])];
    const k = Math.floor((((i * 7919) % 1000) / 1000) * components.length);
    const c = components[k];
    if (!c) break;
    components[k] = { ...c, properties: { ...(c.properties ?? {}), rate_limiting: c.properties?.['rate_limiting'] !== true } };
    edited = { ...edited, components };
    const e0 = performance.now();
    analyzer.analyze(edited);
    if (i >= 5) edits.push(performance.now() - e0);
  }
  edits.sort((a, b) => a - b);
  return {
    t2,
    c2,
    analysisPeak,
    reanalyzeMs: edits[Math.floor(edits.length / 2)] ?? 0,
    reanalyzeMode: analyzer.last?.mode,
    counts: { threats: result.threats.length, questions: result.questions.length, perElement: result.counts.derivedPerElement },
  };
}

const errors = loaded.issues.filter((i) => i.severity === 'error').length;
console.log(JSON.stringify({
  components: n,
  flows: loaded.model.flows?.length ?? 0,
  bytes: text.length,
  loadMs: t1 - t0,
  analyzeMs: first.t2 - t1,
  againMs: again.length > 0 ? again[Math.floor(again.length / 2)] : null,
  reanalyzeMs: first.reanalyzeMs,
  reanalyzeMode: first.reanalyzeMode,
  totalMs: first.t2 - t0,
  loadCpuMs: (c1.user + c1.system - c0.user - c0.system) / 1000,
  analyzeCpuMs: (first.c2.user + first.c2.system - c1.user - c1.system) / 1000,
  peakMb: first.analysisPeak / 1024 / 1024,
  editPeakMb: peak / 1024 / 1024,
  ...first.counts,
  errors,
}));
