import path from 'node:path';
import { flagOption, stringOption } from '../../args.js';
import { MODEL_ARGUMENT } from '../../common-options.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, resolveModelPath } from '../../files.js';
import { writeJson } from '../../json-text.js';
import type { CommandContext, CommandSpec, OptionSpec } from '../../types.js';
import { parseToday } from '../check/assessment.js';
import { defaultCacheDir, MAX_REVISIONS, modelHistory, type HistoryRun } from '../../history/walk.js';
import { historyCsv, historyText, type HistoryBy } from './format.js';

/** The options every command that walks a model's history shares. */
export const WALK_OPTIONS: Record<string, OptionSpec> = {
  rev: { type: 'string', valueName: 'revision', description: 'Read the history up to this branch, tag or commit (default: HEAD).' },
  'max-revisions': { type: 'string', valueName: 'n', description: `Read only the newest n revisions (default and most: ${String(MAX_REVISIONS)}).` },
  'no-cache': { type: 'boolean', description: 'Analyse every revision again instead of reading records cached by content (in $XDG_CACHE_HOME/threatwright, or THREATWRIGHT_CACHE_DIR).' },
};

/** The model's history, read as the walk options say, judged up to `until`. */
export async function historyFor(ctx: CommandContext, given: string | undefined, until: Date): Promise<HistoryRun & { file: string; tip: string }> {
  const modelAbs = await resolveModelPath(ctx.cwd, given);
  const maxText = stringOption(ctx.values, 'max-revisions');
  const max = maxText === undefined ? undefined : Number(maxText);
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new UserError(`--max-revisions must be a whole number of at least 1 (got "${maxText ?? ''}")`, ExitCode.invalid);
  const tip = stringOption(ctx.values, 'rev') ?? 'HEAD';
  const cacheDir = flagOption(ctx.values, 'no-cache') ? undefined : (ctx.env['THREATWRIGHT_CACHE_DIR'] ?? defaultCacheDir(ctx.env));
  const run = modelHistory(modelAbs, {
    tip,
    until,
    cacheDir,
    ...(max !== undefined ? { maxRevisions: max } : {}),
    cwd: ctx.cwd,
  });
  return { ...run, file: displayPath(ctx.cwd, modelAbs), tip };
}

export const command: CommandSpec = {
  name: 'history',
  group: 'Workflow',
  summary: 'The model over time, from git: open threats by band per revision or per day, time to remediate and to triage',
  description:
    'Walks the git history of the model (on the first-parent line of the branch, following the file through renames, with the include: files each commit has) and analyses every revision once per distinct content (records are cached on disk by content). For each revision and each day it counts open threats by band, open baseline questions, mitigated, accepted, transferred and dismissed threats, decisions past their expiry date (counted open again from that day) and mitigations by status and overdue. From the revisions, not from hand-entered dates, it measures how long threats stayed open until a revision had them mitigated or no longer had them (MTTR per band: the highest band a threat had while open), how many got a decision (accepted, transferred, dismissed) instead, and how long threats waited for a first decision (time to triage). Revisions that fail validation, or where the model was removed, are listed and skipped in every figure. On a shallow clone the history starts where the clone was cut (a warning says so).',
  arguments: [MODEL_ARGUMENT],
  options: {
    format: { type: 'string', short: 'f', choices: ['text', 'csv', 'json'], default: 'text', description: 'text for people; csv for a spreadsheet; json for tools (versioned: every revision, day, threat lifecycle and figure).' },
    by: { type: 'string', choices: ['revision', 'day'], default: 'revision', description: 'Rows of the text and CSV output: one per revision, or one per day (the last revision of the day, judged as of that day).' },
    today: { type: 'string', valueName: 'YYYY-MM-DD', description: 'Judge up to this day: the last row, threats still open, expiry (default: today).' },
    ...WALK_OPTIONS,
  },
  examples: [
    { command: 'threatwright history', description: 'one row per revision, then time to remediate by band' },
    { command: 'threatwright history --by day --format csv > posture.csv', description: 'a day-by-day series for a spreadsheet or a dashboard' },
    { command: 'threatwright history --format json | jq .mttr', description: 'mean and median days to remediate by band' },
    { command: 'threatwright history --rev main --max-revisions 200', description: 'the newest 200 revisions of main' },
  ],
  exitCodes: {
    0: 'The history was written.',
    2: 'Not in a git repository, the model was never committed, an unknown revision, or a bad option.',
  },
  run: async (ctx) => {
    const format = stringOption(ctx.values, 'format') ?? 'text';
    const by = (stringOption(ctx.values, 'by') ?? 'revision') as HistoryBy;
    const until = parseToday(stringOption(ctx.values, 'today'));
    if (ctx.positionals.length > 1) throw new UserError('give at most one model file', ExitCode.invalid);
    const run = await historyFor(ctx, ctx.positionals[0], until);
    if (run.shallow && format !== 'text') ctx.stderr(`warning: ${path.basename(run.file)}: this clone is shallow, so the history starts where the clone was cut; fetch the whole history for true figures`);
    if (format === 'json') {
      writeJson({ ...run.history, file: run.file, path: run.path, tip: run.tip, shallow: run.shallow, truncated: run.truncated }, ctx.stdout);
      return ExitCode.ok;
    }
    if (format === 'csv') {
      ctx.stdout(historyCsv(run.history, by));
      return ExitCode.ok;
    }
    ctx.print(historyText(run.history, { file: run.file, tip: run.tip, shallow: run.shallow, truncated: run.truncated }, by, ctx.style));
    return ExitCode.ok;
  },
};
