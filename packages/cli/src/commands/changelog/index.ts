import { changelogMarkdown } from '@threatwright/render';
import { flagOption, stringOption } from '../../args.js';
import { FORCE_OPTION, MODEL_ARGUMENT, outputOption } from '../../common-options.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { emit } from '../../outputs.js';
import type { CommandSpec } from '../../types.js';
import { parseToday } from '../check/assessment.js';
import { historyFor, WALK_OPTIONS } from '../history/index.js';

export const command: CommandSpec = {
  name: 'changelog',
  group: 'Workflow',
  summary: "The model's revision history from git as Markdown: date, commit, author and what each revision changed",
  description:
    'Reads the model\'s revisions as `threatwright history` does (the first-parent line of the branch, through renames, with the include: files each commit has) and writes, newest first, one entry per revision: its date, commit, subject and author; the elements it added, removed, renamed or changed; the threats that appeared, went away, were mitigated, decided or opened again; mitigations whose status moved; and the open threats by band after it. Revisions that fail validation, or that removed the model, are listed as skipped. Model and commit text is escaped for Markdown. The same history is the appendix of `report --history`.',
  arguments: [MODEL_ARGUMENT],
  options: {
    limit: { type: 'string', valueName: 'n', description: 'Only the newest n revisions (a line says how many older ones were left out).' },
    today: { type: 'string', valueName: 'YYYY-MM-DD', description: 'Judge decisions\' expiry as of this day (default: today).' },
    output: outputOption('Write to this file instead of stdout.'),
    force: FORCE_OPTION,
    ...WALK_OPTIONS,
  },
  examples: [
    { command: 'threatwright changelog', description: 'every revision of the model, newest first' },
    { command: 'threatwright changelog --limit 20 -o docs/threat-model-changes.md --force', description: 'the newest 20, kept beside the model' },
    { command: 'threatwright changelog --rev v1.4', description: 'up to a release tag' },
  ],
  exitCodes: {
    0: 'The changelog was written.',
    2: 'Not in a git repository, the model was never committed, an unknown revision, or a bad option.',
    3: 'The output file exists (use --force).',
  },
  run: async (ctx) => {
    const limitText = stringOption(ctx.values, 'limit');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UserError(`--limit must be a whole number of at least 1 (got "${limitText ?? ''}")`, ExitCode.invalid);
    if (ctx.positionals.length > 1) throw new UserError('give at most one model file', ExitCode.invalid);
    const run = await historyFor(ctx, ctx.positionals[0], parseToday(stringOption(ctx.values, 'today')));
    if (run.shallow) ctx.stderr('warning: this clone is shallow, so the changelog starts where the clone was cut; fetch the whole history for all of it');
    const text = changelogMarkdown(run.history, { file: run.file, ...(limit !== undefined ? { limit } : {}) });
    await emit(ctx, stringOption(ctx.values, 'output'), text.endsWith('\n') ? text : `${text}\n`, flagOption(ctx.values, 'force'));
    return ExitCode.ok;
  },
};
