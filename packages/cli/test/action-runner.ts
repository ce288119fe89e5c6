/**
 * Runs the steps of the repository's composite GitHub Action (action.yml) the way a GitHub runner
 * does, for tests: inputs with their defaults, `${{ … }}` expressions in `env`, `with`,
 * `working-directory` and `if`, each `run` script in bash with the runner's files
 * (GITHUB_OUTPUT per step, GITHUB_STEP_SUMMARY, GITHUB_ENV) and variables, skipped steps after a
 * failure unless `if: always()`, and the action's outputs. Steps that `uses:` another action are
 * recorded with their inputs, not run. Only the expression forms action.yml uses are understood;
 * anything else throws, so a new form in action.yml is noticed here first.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface StepSpec {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface ActionSpec {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: StepSpec[] };
}

export interface StepResult {
  name: string;
  id: string | undefined;
  /** success, failure or skipped, as `steps.<id>.outcome` reads. */
  outcome: 'success' | 'failure' | 'skipped';
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** For a `uses:` step: the action and its inputs, expressions evaluated (none when skipped). */
  uses?: { action: string; with: Record<string, string> };
}

export interface ActionRun {
  steps: StepResult[];
  outputs: Record<string, string>;
  /** What the steps appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Workflow commands (annotations) the steps printed. */
  annotations: string[];
  /** The job's result: failure when any step failed. */
  failed: boolean;
}

export function readAction(file: string): ActionSpec {
  return parse(readFileSync(file, 'utf8')) as ActionSpec;
}

/** `name=value` lines and `name<<DELIMITER … DELIMITER` blocks, as the runner reads GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/u.exec(line);
    if (heredoc?.[1] !== undefined && heredoc[2] !== undefined) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i] ?? '');
      out[heredoc[1]] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`GITHUB_OUTPUT line without a name: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string>; outcome: string }>;
  actionPath: string;
  runnerTemp: string;
}

function lookup(expr: string, ctx: Context): string {
  const e = expr.trim();
  let m = /^inputs\.([\w-]+)$/u.exec(e);
  if (m?.[1] !== undefined) {
    if (!(m[1] in ctx.inputs)) throw new Error(`action.yml reads an input it does not declare: ${m[1]}`);
    return ctx.inputs[m[1]] ?? '';
  }
  m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/u.exec(e);
  if (m?.[1] !== undefined && m[2] !== undefined) return ctx.steps[m[1]]?.outputs[m[2]] ?? '';
  m = /^steps\.([\w-]+)\.outcome$/u.exec(e);
  if (m?.[1] !== undefined) return ctx.steps[m[1]]?.outcome ?? '';
  if (e === 'github.action_path') return ctx.actionPath;
  if (e === 'runner.temp') return ctx.runnerTemp;
  m = /^'([^']*)'$/u.exec(e);
  if (m?.[1] !== undefined) return m[1];
  throw new Error(`expression the test runner does not know: ${e}`);
}

/** `${{ expr }}` inside a value. */
function substitute(text: string, ctx: Context): string {
  return text.replace(/\$\{\{(.*?)\}\}/gsu, (_m, expr: string) => lookup(expr, ctx));
}

/** `if:` conditions: `always()`, and comparisons of looked-up values joined by `&&`. */
function condition(expr: string | undefined, ctx: Context, failed: boolean): boolean {
  if (expr === undefined) return !failed;
  const e = expr.replace(/^\$\{\{(.*)\}\}$/su, '$1').trim();
  if (e === 'always()') return true;
  if (failed) return false;
  return e.split('&&').every((term) => {
    const m = /^(.+?)\s*(==|!=)\s*(.+)$/u.exec(term.trim());
    if (!m?.[1] || !m[2] || !m[3]) throw new Error(`condition the test runner does not know: ${term}`);
    const left = lookup(m[1], ctx);
    const right = lookup(m[3], ctx);
    return m[2] === '==' ? left === right : left !== right;
  });
}

export interface RunOptions {
  /** The repository holding action.yml (github.action_path). */
  actionPath: string;
  /** GITHUB_WORKSPACE: where the user's repository is checked out. */
  workspace: string;
  /** A folder for the runner's files. */
  temp: string;
  inputs?: Record<string, string>;
  /** More environment for every step (e.g. GITHUB_SHA). */
  env?: Record<string, string>;
}

export function runAction(options: RunOptions): ActionRun {
  const spec = readAction(path.join(options.actionPath, 'action.yml'));
  if (spec.runs.using !== 'composite') throw new Error(`not a composite action: ${spec.runs.using}`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(spec.inputs)) inputs[name] = input.default ?? '';
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (!(name in spec.inputs)) throw new Error(`the action has no input ${name}`);
    inputs[name] = value;
  }
  mkdirSync(options.temp, { recursive: true });
  const summaryFile = path.join(options.temp, 'step_summary.md');
  writeFileSync(summaryFile, '');
  const ctx: Context = { inputs, steps: {}, actionPath: options.actionPath, runnerTemp: options.temp };
  const results: StepResult[] = [];
  let failed = false;
  spec.runs.steps.forEach((step, index) => {
    const name = step.name ?? step.uses ?? `step ${String(index + 1)}`;
    const record = (r: Omit<StepResult, 'name' | 'id'>) => {
      results.push({ name, id: step.id, ...r });
      if (step.id !== undefined) ctx.steps[step.id] = { outputs: r.outputs, outcome: r.outcome };
    };
    if (!condition(step.if, ctx, failed)) {
      record({ outcome: 'skipped', exitCode: null, stdout: '', stderr: '', outputs: {}, ...(step.uses !== undefined ? { uses: { action: step.uses, with: {} } } : {}) });
      return;
    }
    if (step.uses !== undefined) {
      const withValues: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.with ?? {})) withValues[k] = substitute(v, ctx);
      record({ outcome: 'success', exitCode: 0, stdout: '', stderr: '', outputs: {}, uses: { action: step.uses, with: withValues } });
      return;
    }
    if (step.run === undefined) throw new Error(`step ${name} neither runs nor uses`);
    // A composite step's script text is never built from expressions (the runner would splice them in unescaped).
    if (/\$\{\{/u.test(step.run)) throw new Error(`step ${name} splices an expression into its script`);
    if (step.shell !== 'bash') throw new Error(`step ${name} must say shell: bash (composite steps have no default)`);
    const outputFile = path.join(options.temp, `output-${String(index)}`);
    writeFileSync(outputFile, '');
    const script = path.join(options.temp, `step-${String(index)}.sh`);
    writeFileSync(script, step.run);
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? options.temp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ACTION_PATH: options.actionPath,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: options.temp,
      RUNNER_OS: 'Linux',
      ...options.env,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(v, ctx);
    const cwd = path.resolve(options.workspace, substitute(step['working-directory'] ?? '.', ctx));
    // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 120_000 });
    const ok = r.status === 0;
    if (!ok) failed = true;
    record({ outcome: ok ? 'success' : 'failure', exitCode: r.status, stdout: r.stdout, stderr: r.stderr, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')) });
  });
  const outputs: Record<string, string> = {};
  for (const [name, o] of Object.entries(spec.outputs)) outputs[name] = substitute(o.value, ctx);
  const annotations = results.flatMap((s) => s.stdout.split('\n').filter((l) => /^::(error|warning|notice)\b/u.test(l)));
  return { steps: results, outputs, summary: readFileSync(summaryFile, 'utf8'), annotations, failed };
}
