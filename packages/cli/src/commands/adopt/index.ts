import path from 'node:path';
import { adoptSuggestions, analyze, loadModel, MAX_ALIAS_COUNT, type Adopted } from '@threatwright/core';
import { applyModel } from '@threatwright/server';
import { includeReader } from '@threatwright/server/model-files';
import { parseDocument } from 'yaml';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, readForUpdate, writeFileAtomic } from '../../files.js';
import type { CommandSpec } from '../../types.js';
import { loadValidModel } from '../check/assessment.js';
import { issueText, terminalLine } from '../../terminal.js';

const STATUSES = ['proposed', 'planned', 'in-progress'] as const;

function parsePick(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const picks = value.split(',').map((p) => Number(p.trim()));
  if (picks.some((n) => !Number.isInteger(n) || n < 1)) throw new UserError(`--pick takes suggestion numbers from 1, separated by commas (got "${value}")`, ExitCode.invalid, 'See the numbered suggestions with `threatwright rules <rule-id>`.');
  return picks;
}

export const command: CommandSpec = {
  name: 'adopt',
  group: 'Workflow',
  summary: 'Copy the mitigations a rule suggests for a finding into the model, with acceptance criteria and test',
  description:
    'For each finding (named by its fingerprint, e.g. csrf@C2), adds the mitigations its rule suggests to `mitigations:` as proposed mitigations linked to the finding, with the rule\'s acceptance criteria and, under `verification.description`, the test that would prove it. A mitigation with the same title is linked instead of duplicated, so running it twice changes nothing. The model file is patched in place: comments and formatting of everything else stay as they are. Then fill in `owner`, `due`, `reduces` and `verification.test` (the test\'s name as your JUnit report shows it).',
  arguments: [{ name: 'fingerprints', description: 'Fingerprints of findings (they contain "@"); an argument without "@" is the model file or folder.', optional: true, variadic: true }],
  options: {
    all: { type: 'boolean', description: 'Adopt for every open finding that has no mitigation yet.' },
    pick: { type: 'string', valueName: 'n,…', description: 'Only these of the rule\'s suggestions, numbered from 1 (default: all).' },
    owner: { type: 'string', valueName: 'who', description: 'Owner of the new mitigations.' },
    due: { type: 'string', valueName: 'YYYY-MM-DD', description: 'Due date of the new mitigations.' },
    status: { type: 'string', choices: STATUSES, default: 'proposed', description: 'Status of the new mitigations.' },
    'dry-run': { type: 'boolean', description: 'Show what would be adopted without writing.' },
  },
  examples: [
    { command: 'threatwright adopt csrf@C2', description: 'the CSRF finding\'s suggested mitigations, into the model in this folder' },
    { command: 'threatwright adopt examples/web-login open-redirect@C2 --owner web-team --due 2027-01-31', description: 'with an owner and a due date' },
    { command: 'threatwright adopt --all --dry-run', description: 'what adopting everything would add' },
  ],
  exitCodes: {
    0: 'Adopted (or nothing left to adopt).',
    2: 'An unknown fingerprint, a bad option, or an invalid model.',
    3: 'The model file changed on disk while adopting; nothing was written.',
  },
  run: async (ctx) => {
    const fingerprints = ctx.positionals.filter((p) => p.includes('@'));
    const paths = ctx.positionals.filter((p) => !p.includes('@'));
    if (paths.length > 1) throw new UserError(`give one model (got ${paths.join(', ')})`, ExitCode.invalid, 'Fingerprints contain "@", e.g. csrf@C2.');
    const all = flagOption(ctx.values, 'all');
    if (fingerprints.length === 0 && !all) throw new UserError('name the findings to adopt mitigations for, e.g. `threatwright adopt csrf@C2`, or use --all', ExitCode.invalid, 'List the findings and their fingerprints with `threatwright analyze --all`.');
    const due = stringOption(ctx.values, 'due');
    if (due !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(due)) throw new UserError(`--due must be a date as YYYY-MM-DD (got "${due}")`, ExitCode.invalid);
    const owner = stringOption(ctx.values, 'owner');
    const status = (stringOption(ctx.values, 'status') ?? 'proposed') as (typeof STATUSES)[number];
    const pick = parsePick(stringOption(ctx.values, 'pick'));

    const m = await loadValidModel(paths[0], ctx.cwd);
    const analysis = analyze(m.model);
    const wanted = all ? analysis.threats.filter((t) => t.ruleId !== undefined && t.mitigations.length === 0 && (t.status === 'open' || t.status === 'in-progress')).map((t) => t.id) : fingerprints;

    const { text, stamp } = await readForUpdate(m.abs);
    const isJson = m.abs.toLowerCase().endsWith('.json');
    const doc = parseDocument(text);
    const fileData = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
    if (typeof fileData !== 'object' || fileData === null || Array.isArray(fileData)) throw new UserError(`${m.file} is not a mapping of model sections`, ExitCode.invalid);
    const result = adoptSuggestions(fileData as Record<string, unknown>, { threats: analysis.threats, rules: analysis.rules, mitigationIds: (m.model.mitigations ?? []).map((x) => x.id) }, wanted, {
      status,
      ...(pick ? { pick } : {}),
      ...(owner !== undefined ? { owner } : {}),
      ...(due !== undefined ? { due } : {}),
    });
    if (result.problems.length > 0 && result.adopted.length === 0) {
      throw new UserError(result.problems.join('\n'), ExitCode.invalid, 'List the findings and their fingerprints with `threatwright analyze --all`.');
    }
    const changed = result.data !== fileData;
    const next = !changed ? text : isJson ? `${JSON.stringify(result.data, null, 2)}\n` : applyModel(text, result.data);
    if (changed) {
      // Never write a file that no longer loads.
      const check = loadModel({ file: m.file, text: next }, { readFile: includeReader({ root: m.abs, folders: [path.resolve(ctx.cwd)], display: (target) => path.relative(ctx.cwd, target) }).readFile });
      const errors = check.issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) throw new Error(`adopting produced an invalid model:\n${errors.map((i) => issueText(i)).join('\n')}`);
    }
    const dryRun = flagOption(ctx.values, 'dry-run');
    if (changed && !dryRun) await writeFileAtomic(m.abs, next, { expect: stamp, cwd: ctx.cwd });

    const c = ctx.style;
    const line = (a: Adopted) =>
      a.created ? `  ${c.green('+')} ${c.bold(terminalLine(a.id))}  ${terminalLine(a.title)}  ${c.dim(`for ${terminalLine(a.fingerprint)}`)}` : `  ${a.linked ? c.green('~') : c.dim('=')} ${c.bold(terminalLine(a.id))}  ${terminalLine(a.title)}  ${c.dim(a.linked ? `now also for ${terminalLine(a.fingerprint)}` : `already for ${terminalLine(a.fingerprint)}`)}`;
    const created = result.adopted.filter((a) => a.created).length;
    const linked = result.adopted.filter((a) => !a.created && a.linked).length;
    const where = displayPath(ctx.cwd, m.abs);
    const out = [
      changed ? `${dryRun ? 'Would adopt' : 'Adopted'} into ${c.bold(where)}: ${String(created)} new mitigation${created === 1 ? '' : 's'}${linked > 0 ? `, ${String(linked)} linked` : ''}` : `Nothing to adopt in ${c.bold(where)}${wanted.length === 0 ? ': every open finding already has a mitigation' : ': already adopted'}`,
      ...result.adopted.map(line),
      ...result.problems.map((p) => `  ${c.yellow('!')} ${terminalLine(p)}`),
    ];
    if (created > 0) out.push(c.dim('Next: give each an owner, a due date, `reduces:` and the `verification.test` name your JUnit report will show; then mark it implemented when it ships.'));
    if (dryRun && changed) out.push(c.dim('Not written (--dry-run).'));
    ctx.print(`${out.join('\n')}\n`);
    return ExitCode.ok;
  },
};
