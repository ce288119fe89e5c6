// `npm run bench`: synthetic models of 100, 1 000, 10 000 and 100 000 components (2× flows, nested
// boundaries, realistic property mixes). Each size runs in its own process so its peak memory is its
// own; prints load, analyze, the same analysis again with the code compiled (up to 10 000 components),
// re-analysis after one edit (the editor's incremental analysis), total times and
// peak memory, then times whole `threatwright analyze` processes on the 1 000-component model: the
// text summary (what a user runs, and what the target is about) and `--format json` beside it, then
// each stage's growth from 1 000 to 100 000 components for YAML and one-line JSON, and `diff` and
// `history` on git repositories (the living model).
// Pass sizes to run only those: `npm run bench -- 1000 10000`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [100, 1000, 10000, 100000];
const TARGETS = { 1000: { editMs: 50 }, 10000: { analyzeMs: 1000 }, 100000: { totalMs: 10000, peakMb: 2048 } };
const BANNER = { js: "import { createRequire as __twCreateRequire } from 'node:module'; const require = __twCreateRequire(import.meta.url);" };
const dir = mkdtempSync(path.join(tmpdir(), 'threatwright-bench-'));

try {
  const bundle = path.join(dir, 'bench.mjs');
  await build({ entryPoints: [path.join(root, 'bench/run.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner: BANNER, logLevel: 'warning' });

  // Each model is written to a file by one process and loaded by another, as a user's process reads
  // a file: generating it in the measured process left its garbage in the heap that the peak counts.
  const gen = path.join(dir, 'gen.mjs');
  await build({ entryPoints: [path.join(root, 'bench/write-model.ts')], outfile: gen, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner: BANNER, logLevel: 'warning' });
  const rows = [];
  for (const n of SIZES) {
    const file = path.join(dir, `synthetic-${n}.yaml`);
    spawnSync(process.execPath, ['--max-old-space-size=4096', gen, String(n), file], { stdio: 'inherit' });
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', bundle, String(n), file], { encoding: 'utf8', maxBuffer: 1 << 24 });
    rmSync(file, { force: true });
    if (r.status !== 0) {
      console.error(`size ${n} failed:\n${r.stderr}`);
      process.exitCode = 1;
      continue;
    }
    rows.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }

  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const head = ['components', 'flows', 'load', 'analyze', 'analyze again', 'after an edit', 'total', 'load CPU', 'analyze CPU', 'peak RSS to analysis', 'threats', 'per element', 'questions'];
  const table = rows.map((x) => [x.components.toLocaleString('en'), x.flows.toLocaleString('en'), fmt(x.loadMs), fmt(x.analyzeMs), x.againMs === null ? '—' : fmt(x.againMs), fmt(x.reanalyzeMs), fmt(x.totalMs), fmt(x.loadCpuMs), fmt(x.analyzeCpuMs), `${x.peakMb.toFixed(0)} MB`, x.threats.toLocaleString('en'), String(x.perElement), x.questions.toLocaleString('en')]);
  const widths = head.map((h, i) => table.reduce((w, row) => Math.max(w, row[i].length), h.length));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(head));
  for (const row of table) console.log(line(row));

  const verdicts = [];
  for (const x of rows) {
    const t = TARGETS[x.components];
    if (!t) continue;
    if (t.editMs) verdicts.push(`${x.components} components re-analysed after one edit in ${fmt(x.reanalyzeMs)}, median of 15 after 5 to warm up (${x.reanalyzeMode ?? 'unknown'}; the editor's target < ${fmt(t.editMs)}): ${x.reanalyzeMs < t.editMs ? 'met' : 'MISSED'}`);
    if (t.analyzeMs) verdicts.push(`${x.components} components analysed in ${fmt(x.analyzeMs)} (target < ${fmt(t.analyzeMs)}): ${x.analyzeMs < t.analyzeMs ? 'met' : 'MISSED'}${x.againMs === null ? '' : `; analysed again in the same process, with the code compiled, in ${fmt(x.againMs)} (median of 3)`}`);
    if (t.totalMs) verdicts.push(`${x.components} components loaded and analysed in ${fmt(x.totalMs)} (target < ${fmt(t.totalMs)}): ${x.totalMs < t.totalMs ? 'met' : 'MISSED'}`);
    if (t.peakMb) verdicts.push(`${x.components} components peak memory ${x.peakMb.toFixed(0)} MB (target < ${t.peakMb} MB): ${x.peakMb < t.peakMb ? 'met' : 'MISSED'}`);
  }

  // The whole CLI process on the 1 000-component model, as a user runs it: through the bin, as
  // `npx threatwright` starts it.
  const cli = path.join(root, 'packages/cli/bin/threatwright.js');
  const cliBundle = path.join(root, 'packages/cli/dist/threatwright.js');
  // Built every time (half a second): a bundle left from before a change would time the old code.
  spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, THREATWRIGHT_SKIP_WEB: '1' } });
  if (existsSync(cliBundle)) {
    const model = path.join(dir, 'threatmodel.yaml');
    spawnSync(process.execPath, [gen, '1000', model], { stdio: 'inherit' });
    // One unmeasured run of each first (the file cache), then the two alternate, five runs each.
    const runs = { text: [cli, 'analyze', model], json: [cli, 'analyze', model, '--format', 'json'] };
    const times = { text: [], json: [] };
    let jsonBytes = 0;
    let failed;
    for (let i = 0; i <= 5 && !failed; i++) {
      for (const [name, args] of Object.entries(runs)) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
        const ms = performance.now() - t0;
        if (r.status !== 0) {
          console.error(r.stderr);
          failed = name;
          break;
        }
        if (i > 0) times[name].push(ms);
        if (name === 'json') jsonBytes = Buffer.byteLength(r.stdout);
      }
    }
    const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? NaN;
    if (failed) {
      verdicts.push(`whole-process timing failed: \`threatwright analyze${failed === 'json' ? ' --format json' : ''}\` did not succeed (see above)`);
      process.exitCode = 1;
    } else {
      const text = median(times.text);
      const json = median(times.json);
      verdicts.push(`whole \`threatwright analyze\` process on 1 000 components: ${fmt(text)} median of ${times.text.length}, fastest ${fmt(times.text[0] ?? NaN)} (target < 500 ms): ${text < 500 ? 'met' : 'MISSED'}; with --format json (${(jsonBytes / 1e6).toFixed(0)} MB): ${fmt(json)} median, fastest ${fmt(times.json[0] ?? NaN)}`);
    }
  } else verdicts.push('whole-process timing skipped: the CLI bundle could not be built');

  // Each stage as the model grows, for YAML and one line of JSON alike: its time per component at
  // 10 000 and 100 000 against 1 000 (target: within 1.5x, no quadratic path), and the two reports
  // against the analysis they render (target: at most 1.3x at 10 000).
  for (const v of await stageRows(gen)) verdicts.push(v);

  // The living model, as whole processes on git repositories written by bench/write-history.ts:
  // `diff` of two revisions of the 1 000-component model, and `history` over 500 daily revisions of
  // a 50-component model (100 flows), without the record cache (every revision analysed) and with it.
  if (existsSync(cliBundle)) for (const v of await livingModel(cli)) verdicts.push(v);

  console.log(`\n${verdicts.join('\n')}`);

  async function stageRows(gen) {
    const out = [];
    // Beside the repository's node_modules, where the packages the renderers load at run time resolve from.
    const runnerDir = mkdtempSync(path.join(root, 'node_modules', '.threatwright-bench-'));
    const runner = path.join(runnerDir, 'stages.mjs');
    await build({ entryPoints: [path.join(root, 'bench/stages.ts')], outfile: runner, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner: BANNER, logLevel: 'warning', external: ['playwright-core', '@hpcc-js/wasm-graphviz', 'elkjs'] });
    const results = [];
    for (const n of [1000, 10000, 100000]) {
      const file = path.join(dir, `stages-${n}.yaml`);
      spawnSync(process.execPath, ['--max-old-space-size=4096', gen, String(n), file], { stdio: 'inherit' });
      for (const form of ['yaml', 'json']) {
        const r = spawnSync(process.execPath, ['--max-old-space-size=6144', runner, String(n), form, file, n > 10000 ? 'no-reports' : 'reports'], { encoding: 'utf8', maxBuffer: 1 << 24 });
        if (r.status !== 0) {
          out.push(`stage timing of ${n} components (${form}) failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
          process.exitCode = 1;
          continue;
        }
        results.push(JSON.parse(r.stdout.trim().split('\n').pop()));
      }
      rmSync(file, { force: true });
    }
    rmSync(runnerDir, { recursive: true, force: true });
    const stages = [['loadMs', 'load (parse, schema, checks, warnings placed)'], ['analyzeMs', 'analysis'], ['reportMdMs', 'report --format md'], ['reportJsonMs', 'report --format json']];
    const head = ['components', 'form', 'warnings', ...stages.map(([, name]) => name.split(' (')[0])];
    const rows = results.map((x) => [x.components.toLocaleString('en'), x.form, x.warnings.toLocaleString('en'), ...stages.map(([k]) => (x[k] === undefined ? '—' : fmt(x[k])))]);
    const widths = head.map((h, i) => rows.reduce((w, row) => Math.max(w, row[i].length), h.length));
    console.log(`\n${head.map((h, i) => h.padStart(widths[i])).join('  ')}`);
    for (const row of rows) console.log(row.map((c, i) => c.padStart(widths[i])).join('  '));
    for (const form of ['yaml', 'json']) {
      const base = results.find((x) => x.form === form && x.components === 1000);
      if (!base) continue;
      for (const [k, name] of stages) {
        const growth = results.filter((x) => x.form === form && x.components > 1000 && x[k] !== undefined).map((x) => ({ n: x.components, ratio: x[k] / x.components / (base[k] / base.components) }));
        if (growth.length === 0) continue;
        const worst = growth.reduce((w, g) => Math.max(w, g.ratio), 0);
        out.push(`${name}, ${form}: time per component ${growth.map((g) => `${g.ratio.toFixed(2)}x at ${g.n.toLocaleString('en')}`).join(', ')} of that at 1 000 (target within 1.5x): ${worst <= 1.5 ? 'met' : 'MISSED'}`);
      }
      const at10k = results.find((x) => x.form === form && x.components === 10000);
      if (at10k?.reportMdMs !== undefined) {
        const md = at10k.reportMdMs / at10k.analyzeMs;
        const json = at10k.reportJsonMs / at10k.analyzeMs;
        out.push(`reports of 10 000 components (${form}) against their analysis: md ${md.toFixed(1)}x, json ${json.toFixed(1)}x (target at most 1.3x): ${md <= 1.3 && json <= 1.3 ? 'met' : 'MISSED'}`);
      }
    }
    return out;
  }

  async function livingModel(cli) {
    const out = [];
    const writer = path.join(dir, 'write-history.mjs');
    await build({ entryPoints: [path.join(root, 'bench/write-history.ts')], outfile: writer, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner: BANNER, logLevel: 'warning' });
    const timed = (args, cwd, env = {}) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
      if (r.status !== 0) throw new Error(`threatwright ${args.join(' ')} failed:\n${r.stderr}`);
      return performance.now() - t0;
    };
    const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? NaN;
    try {
      const diffRepo = path.join(dir, 'diff-repo');
      spawnSync(process.execPath, [writer, 'diff', diffRepo, '1000'], { stdio: 'inherit' });
      timed(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], diffRepo);
      const diffs = [0, 1, 2, 3, 4].map(() => timed(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], diffRepo));
      const d = median(diffs);
      out.push(`whole \`threatwright diff HEAD~1 HEAD\` of two revisions of the 1 000-component model: ${fmt(d)} median of 5 (target < 2 s): ${d < 2000 ? 'met' : 'MISSED'}`);

      const historyRepo = path.join(dir, 'history-repo');
      spawnSync(process.execPath, [writer, 'history', historyRepo, '500', '50'], { stdio: 'inherit' });
      const cacheDir = path.join(dir, 'history-cache');
      const cold = [0, 1, 2].map(() => timed(['history', '--no-cache', '--format', 'json'], historyRepo));
      timed(['history', '--format', 'json'], historyRepo, { THREATWRIGHT_CACHE_DIR: cacheDir });
      const warm = [0, 1, 2].map(() => timed(['history', '--format', 'json'], historyRepo, { THREATWRIGHT_CACHE_DIR: cacheDir }));
      const h = median(cold);
      out.push(`whole \`threatwright history\` over 500 revisions of a 50-component model: ${fmt(h)} median of 3 with every revision analysed (target < 10 s): ${h < 10000 ? 'met' : 'MISSED'}; ${fmt(median(warm))} with the records cached`);
    } catch (err) {
      out.push(`living-model timing failed: ${err.message}`);
      process.exitCode = 1;
    }
    return out;
  }
  console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} CPUs: wall-clock times include waiting for the CPU when the machine is busy; the CPU columns do not.`);
  writeFileSync(path.join(dir, 'done'), '');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
