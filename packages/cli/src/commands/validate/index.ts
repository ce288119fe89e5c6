import { loadModel, MAX_MODEL_BYTES, type Issue, type LoadResult, type Severity, type SourceInput } from '@threatwright/core';
import path from 'node:path';
import { annotation, workspacePath } from '../../github.js';
import type { Colors } from 'picocolors/types.js';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, resolveModelPath } from '../../files.js';
import { loadModelFile } from '../../model-file.js';
import { schemaLineIssues } from '../../schema-copy.js';
import { componentStaleness, isStale, stalenessText, type StaleLimit } from '../../staleness.js';
import type { CommandContext, CommandSpec } from '../../types.js';
import { issueText, plural } from '../../terminal.js';

/** Bump when the shape of `--format json` changes incompatibly. */
export const VALIDATE_JSON_VERSION = 1;

/** `validate` warns once this many commits changed a component's code and not its entry. */
export const VALIDATE_STALE_AFTER: StaleLimit = { commits: 10 };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Code-unit order, the same on every machine (localeCompare depends on the locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Errors, then warnings, then notes; within each, by file, line and column. Stable, so ties keep the loader's order. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.location?.file ?? '', b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      compareText(a.code, b.code),
  );
}

interface FileReport {
  file: string;
  issues: Issue[];
  model: LoadResult['model'];
}

function countOf(issues: readonly Issue[], severity: Severity): number {
  return issues.filter((i) => i.severity === severity).length;
}

function paint(line: string, severity: Severity, c: Colors): string {
  const [first, ...more] = line.split('\n');
  const head = first ?? '';
  const symbol = head.slice(0, 1);
  const colored = severity === 'error' ? c.red(symbol) : severity === 'warning' ? c.yellow(symbol) : c.blue(symbol);
  const arrow = head.lastIndexOf('  → ');
  const body = arrow >= 0 ? `${head.slice(1, arrow)}${c.dim(head.slice(arrow))}` : head.slice(1);
  return [`${colored}${body}`, ...more.map((m) => c.dim(m))].join('\n');
}

function summaryLine(report: FileReport, strict: boolean, c: Colors): string {
  const errors = countOf(report.issues, 'error');
  const warnings = countOf(report.issues, 'warning');
  if (errors > 0) {
    const parts = [plural(errors, 'error'), ...(warnings > 0 ? [plural(warnings, 'warning')] : [])];
    return `${c.red('✖')} ${c.bold(report.file)} is invalid: ${parts.join(', ')}`;
  }
  if (strict && warnings > 0) return `${c.red('✖')} ${c.bold(report.file)} has ${plural(warnings, 'warning')} (--strict makes warnings fail)`;
  const m = report.model;
  const counts = m ? `: ${plural(m.components?.length ?? 0, 'component')}, ${plural(m.flows?.length ?? 0, 'flow')}, ${plural(m.boundaries?.length ?? 0, 'boundary', 'boundaries')}` : '';
  return `${c.green('✔')} ${c.bold(report.file)} is valid${counts}${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`;
}

/** `::error file=…,line=…,col=…,title=…::message`: shown by GitHub on the line of the pull request's diff. `where` names the file as the runner does. */
export function githubAnnotation(issue: Issue, fallbackFile: string, where: (file: string) => string = (f) => f): string {
  const level = issue.severity === 'error' ? 'error' : issue.severity === 'warning' ? 'warning' : 'notice';
  const message = issue.hint ? `${issue.message}\n${issue.hint}` : issue.message;
  return annotation(
    level,
    { file: where(issue.location?.file ?? fallbackFile), line: issue.location?.line, column: issue.location?.column, title: `threatwright ${issue.code}${issue.subject ? ` (${issue.subject})` : ''}` },
    message,
  );
}

function jsonIssue(issue: Issue, fallbackFile: string): Record<string, unknown> {
  return {
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
    path: issue.path,
    file: issue.location?.file ?? fallbackFile,
    line: issue.location?.line ?? null,
    column: issue.location?.column ?? null,
    subject: issue.subject ?? null,
    hint: issue.hint ?? null,
  };
}

/** Reads standard input up to one byte past the model size limit (the loader then refuses it by size). */
async function readStdin(stream: NodeJS.ReadableStream): Promise<SourceInput> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_MODEL_BYTES) return { file: STDIN_NAME, text: new Uint8Array(0), size };
    chunks.push(bytes);
  }
  return { file: STDIN_NAME, text: Buffer.concat(chunks) };
}

const STDIN_NAME = '<stdin>';

async function validateOne(given: string | undefined, ctx: CommandContext): Promise<FileReport> {
  const cwd = ctx.cwd;
  if (given === '-') {
    if (!ctx.stdin) throw new UserError('no standard input to read the model from', ExitCode.invalid);
    // No folder to resolve `include:` against: the loader reports includes as unsupported here.
    const result = loadModel(await readStdin(ctx.stdin()), { now: new Date() });
    return { file: STDIN_NAME, model: result.model, issues: sortIssues(result.issues) };
  }
  let abs: string;
  try {
    abs = await resolveModelPath(cwd, given);
  } catch (err) {
    if (err instanceof UserError && given !== undefined) {
      return { file: given, model: undefined, issues: [{ code: 'no-model-file', severity: 'error', message: err.message, path: [], ...(err.hint ? { hint: err.hint } : {}) }] };
    }
    throw err;
  }
  const file = displayPath(cwd, abs);
  try {
    const result = await loadModelFile(file, cwd);
    // Components whose code (their `paths:`) moved on while their entry in the model did not: git
    // reads the history while the schema lines are checked.
    const staleness = result.model ? componentStaleness(result, result.model, abs, cwd) : Promise.resolve(undefined);
    // Where each file's schema line points: a path that only resolves in one clone helps nobody.
    const issues = [...result.issues];
    for (const source of result.sources) for (const issue of await schemaLineIssues(path.resolve(cwd, source.file), source.file, source.text)) issues.push(issue);
    if (result.model) {
      for (const s of (await staleness) ?? []) {
        if (!isStale(s, VALIDATE_STALE_AFTER)) continue;
        issues.push({
          code: 'code-moved-on',
          severity: 'warning',
          message: `${stalenessText(s)}, and not its model`,
          path: ['components', (result.model.components ?? []).findIndex((c) => c.id === s.id)],
          location: { file: s.file, line: s.line, column: 1 },
          subject: s.id,
          hint: 'Check that the component, its flows and properties still say what the code does, then change its entry or set system.reviewed_at; `threatwright check --stale-after <commits|days>` gates on it.',
        });
      }
    }
    return { file, model: result.model, issues: sortIssues(issues) };
  } catch (err) {
    // A file that cannot be read is reported like any other problem, so the other files still get checked.
    if (err instanceof UserError) {
      return { file, model: undefined, issues: [{ code: 'cannot-read', severity: 'error', message: err.message, path: [], ...(err.hint ? { hint: err.hint } : {}) }] };
    }
    throw err;
  }
}

export const command: CommandSpec = {
  name: 'validate',
  group: 'Model',
  summary: 'Check model files: every problem with its file:line:column',
  description:
    'Loads each model (with its includes), checks it against the schema and the semantic rules (unknown references, duplicate ids, boundary cycles, …) and prints every error and warning with where it is. With no file, validates threatmodel.yaml (or threatmodel.yml, or the only *.threatwright.yaml) in the current folder; a folder is searched the same way.\nWith --format json the output is one object, stable for tools: { version: 1, valid, strict, errors, warnings, files: [{ file, valid, errors, warnings, counts, issues: [{ code, severity, message, path, file, line, column, subject, hint }] }] }. Issues are sorted errors first, then by file, line and column; `version` changes only when the shape changes incompatibly.',
  arguments: [{ name: 'files', description: 'Model files or folders (default: the model in the current folder); - reads one model from standard input.', optional: true, variadic: true }],
  options: {
    format: {
      type: 'string',
      choices: ['text', 'json', 'github'],
      default: 'text',
      description: 'Output: text for people, json for tools (versioned, deterministic), github for annotations on the pull request in GitHub Actions.',
    },
    strict: { type: 'boolean', description: 'Warnings fail too (exit 1).' },
    quiet: { type: 'boolean', short: 'q', description: 'Text output: print only errors and the summary lines.' },
  },
  examples: [
    { command: 'threatwright validate', description: 'the model in the current folder' },
    { command: 'threatwright validate examples/*/threatmodel.yaml', description: 'several models at once' },
    { command: 'threatwright validate --strict --format json > validation.json', description: 'in CI: fail on warnings, keep a machine-readable record' },
    { command: 'git show :threatmodel.yaml | threatwright validate -', description: 'the staged version, e.g. in a pre-commit hook' },
    { command: 'threatwright validate --format github', description: 'in GitHub Actions: each problem shown on its line of the pull request' },
  ],
  exitCodes: {
    0: 'Every model is valid (warnings allowed unless --strict).',
    1: 'With --strict: no errors, but at least one warning.',
    2: 'At least one model has errors, or a file is missing or unreadable, or a bad option.',
  },
  run: async (ctx) => {
    const strict = flagOption(ctx.values, 'strict');
    const quiet = flagOption(ctx.values, 'quiet');
    const format = stringOption(ctx.values, 'format') ?? 'text';
    const givens: (string | undefined)[] = ctx.positionals.length > 0 ? ctx.positionals : [undefined];
    const reports: FileReport[] = [];
    if (givens.filter((g) => g === '-').length > 1) throw new UserError('standard input (-) can be read only once', ExitCode.invalid);
    for (const given of givens) reports.push(await validateOne(given, ctx));

    const errors = reports.reduce((n, r) => n + countOf(r.issues, 'error'), 0);
    const warnings = reports.reduce((n, r) => n + countOf(r.issues, 'warning'), 0);
    const code = errors > 0 ? ExitCode.invalid : strict && warnings > 0 ? ExitCode.failed : ExitCode.ok;

    if (format === 'json') {
      const out = {
        version: VALIDATE_JSON_VERSION,
        valid: code === ExitCode.ok,
        strict,
        errors,
        warnings,
        files: reports.map((r) => ({
          file: r.file,
          valid: countOf(r.issues, 'error') === 0 && !(strict && countOf(r.issues, 'warning') > 0),
          errors: countOf(r.issues, 'error'),
          warnings: countOf(r.issues, 'warning'),
          counts: r.model
            ? {
                components: r.model.components?.length ?? 0,
                flows: r.model.flows?.length ?? 0,
                boundaries: r.model.boundaries?.length ?? 0,
                assets: r.model.assets?.length ?? 0,
                threats: r.model.threats?.length ?? 0,
                mitigations: r.model.mitigations?.length ?? 0,
              }
            : null,
          issues: r.issues.map((i) => jsonIssue(i, r.file)),
        })),
      };
      ctx.stdout(`${JSON.stringify(out, null, 2)}\n`);
      return code;
    }

    const c = ctx.style;
    reports.forEach((report, index) => {
      if (index > 0) ctx.print('\n');
      for (const issue of report.issues) {
        if (quiet && issue.severity !== 'error') continue;
        // Annotations are data for the runner, escaped by its own rules; the text is for people.
        if (format === 'github') ctx.stdout(`${githubAnnotation(issue, report.file, (f) => workspacePath(f, ctx.cwd, ctx.env))}\n`);
        else ctx.print(`${paint(issueText(issue), issue.severity, c)}\n`);
      }
      ctx.print(`${summaryLine(report, strict, c)}\n`);
    });
    if (reports.length > 1) {
      const bad = reports.filter((r) => countOf(r.issues, 'error') > 0 || (strict && countOf(r.issues, 'warning') > 0)).length;
      const line = `${plural(reports.length, 'file')}: ${reports.length - bad} valid, ${bad} not valid — ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
      ctx.print(`\n${bad > 0 ? c.red('✖') : c.green('✔')} ${line}\n`);
    }
    return code;
  },
};
