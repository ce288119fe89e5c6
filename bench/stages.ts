/**
 * One size and one text form of the stage benchmark, in its own process: prints one JSON line with
 * the time of each stage a user's run goes through, so `npm run bench` can tell whether each grows
 * linearly with the model: load (parse, schema, checks, and placing every warning at its line),
 * analysis, and the two report outputs (Markdown and JSON) over that analysis.
 *
 * `node stages.mjs <components> <yaml|json> <file> [reports|no-reports]`: the file is written by bench/write-model.ts; for
 * `json` it is turned into one line of JSON here, before the clock starts. Every other flow loses its
 * `data:`, so the model has a warning to place for about every component, as an imported model has.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { createAnalyzer, loadModel, type Model } from '../packages/core/src/index.js';
import { buildReportData, renderReport, toJson } from '../packages/render/src/index.js';

const [nText = '1000', form = 'yaml', file = '', reports = 'reports'] = process.argv.slice(2);
const model = parse(readFileSync(file, 'utf8')) as Model;
model.flows = (model.flows ?? []).map((f, i) => (i % 2 === 0 ? (({ data: _data, ...rest }) => rest)(f) : f));
const text = form === 'json' ? JSON.stringify(model) : stringify(model, { lineWidth: 0 });

const t0 = performance.now();
const loaded = loadModel({ file: `synthetic.${form}`, text }, { maxBytes: 1 << 30 });
const t1 = performance.now();
if (!loaded.model) {
  console.error(loaded.issues.slice(0, 3));
  process.exit(1);
}
const warnings = loaded.issues.filter((i) => i.severity === 'warning' && i.location !== undefined).length;
const analysis = createAnalyzer().analyze(loaded.model);
const t2 = performance.now();
// Past 10 000 components the reports are longer than the longest string V8 can hold: load and analysis only.
let outputs: { reportMdMs: number; reportJsonMs: number; mdBytes: number; jsonBytes: number } | Record<string, never> = {};
if (reports === 'reports') {
  const md = await renderReport(buildReportData(loaded.model, { analysis }), 'md');
  const t3 = performance.now();
  const json = toJson(buildReportData(loaded.model, { analysis }));
  const t4 = performance.now();
  outputs = { reportMdMs: t3 - t2, reportJsonMs: t4 - t3, mdBytes: md.length, jsonBytes: json.length };
}

console.log(JSON.stringify({ components: Number(nText), form, bytes: text.length, warnings, threats: analysis.threats.length, loadMs: t1 - t0, analyzeMs: t2 - t1, ...outputs }));
