import { BAND_CHOICES, BAND_PRIORITY, bandName, parseBand } from '@threatwright/core';
import { BACKLOG_PER, backlogItems, backlogJson, backlogMarkdown, isBaseline, isOpen, planBacklog, unlinkedMitigations, type BacklogAction, type BacklogItem, type BacklogPer, type ExistingIssue, type ReportData } from '@threatwright/render';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { loadModelOrExplain } from '../../outputs.js';
import { reportDataFor } from '../../report-data.js';
import type { CommandContext, CommandSpec } from '../../types.js';
import { github, gitlab, jira, type Tracker } from './trackers.js';
import { MODEL_ARGUMENT } from '../../common-options.js';
import { terminalLine } from '../../terminal.js';

const TRACKERS = ['github', 'gitlab', 'jira'] as const;
type TrackerName = (typeof TRACKERS)[number];

function need(value: string | undefined, what: string, hint: string): string {
  if (value === undefined || value === '') throw new UserError(`missing ${what}`, ExitCode.invalid, hint);
  return value;
}

/** The tracker client, or undefined when no token is set (a dry run then plans without looking). */
function trackerFor(to: TrackerName, ctx: CommandContext): Tracker | undefined {
  const env = ctx.env;
  const url = stringOption(ctx.values, 'url');
  if (to === 'github') {
    const repo = need(stringOption(ctx.values, 'repo') ?? env['GITHUB_REPOSITORY'], 'the GitHub repository', 'Add --repo owner/name (or set GITHUB_REPOSITORY).');
    if (!/^[\w.-]+\/[\w.-]+$/u.test(repo)) throw new UserError(`--repo must be owner/name (got "${repo}")`, ExitCode.invalid);
    const token = env['GITHUB_TOKEN'] ?? env['GH_TOKEN'];
    return token ? github({ api: url ?? env['GITHUB_API_URL'] ?? 'https://api.github.com', repo, token }) : undefined;
  }
  if (to === 'gitlab') {
    const project = need(stringOption(ctx.values, 'project') ?? env['CI_PROJECT_ID'], 'the GitLab project', 'Add --project group/name or a numeric id (or run in GitLab CI).');
    const token = env['GITLAB_TOKEN'];
    return token ? gitlab({ url: url ?? env['CI_SERVER_URL'] ?? 'https://gitlab.com', project, token }) : undefined;
  }
  const project = need(stringOption(ctx.values, 'project'), 'the Jira project key', 'Add --project KEY, e.g. --project SEC.');
  const base = need(url ?? env['JIRA_URL'], 'the Jira site', 'Add --url https://your-site.atlassian.net (or set JIRA_URL).');
  const email = env['JIRA_EMAIL'];
  const apiToken = env['JIRA_API_TOKEN'];
  const bearer = env['JIRA_TOKEN'];
  const auth = email && apiToken ? `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}` : bearer ? `Bearer ${bearer}` : undefined;
  return auth ? jira({ url: base, project, auth, issueType: stringOption(ctx.values, 'issue-type') ?? 'Task' }) : undefined;
}

const TOKEN_HELP: Record<TrackerName, string> = {
  github: 'Set GITHUB_TOKEN (a token that may write issues).',
  gitlab: 'Set GITLAB_TOKEN (a personal or project access token with the api scope).',
  jira: 'Set JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud), or JIRA_TOKEN (a personal access token).',
};

/** What an item is for, after its title in the plan: "mitigation R1, 3 threats", "decision on csrf@C2", "T1". */
function about(item: BacklogItem): string {
  if (item.kind === 'threat') return item.subject;
  if (item.kind === 'decision') return `decide on ${item.subject}`;
  const n = item.threats.length;
  return `mitigation ${item.subject}, ${n} threat${n === 1 ? '' : 's'}`;
}

/** One line of the plan; titles and keys come from the model and from the tracker, so each is shown on one line, literally. */
function line(a: BacklogAction): string {
  const t = terminalLine;
  switch (a.kind) {
    case 'create':
      return `+ create     ${t(a.item.title)}  (${t(about(a.item))})`;
    case 'update':
      return `~ update     ${t(a.issue.key)} ${t(a.item.title)}  (${t(about(a.item))})`;
    case 'unchanged':
      return `= unchanged  ${t(a.issue.key)} ${t(a.item.title)}`;
    case 'close':
      return `- close      ${t(a.issue.key)} ${t(a.issue.title)}: ${t(a.reason)}`;
    case 'keep':
      return `· keep       ${t(a.issue.key)} ${t(a.issue.title)}: ${t(a.reason)}`;
  }
}

/** The notes under the plan: what is not in the backlog, and why. */
function notes(data: ReportData): string {
  let out = '';
  let baseline = 0;
  for (const t of data.threats) if (isBaseline(t) && isOpen(t)) baseline++;
  if (baseline > 0) out += `${baseline} baseline ${baseline === 1 ? 'entry is' : 'entries are'} not in the backlog: ${baseline === 1 ? 'it is a question' : 'they are questions'} the model does not answer yet (\`threatwright analyze\` lists them).\n`;
  const unlinked = unlinkedMitigations(data);
  if (unlinked.length > 0) {
    const ids = unlinked.map((m) => terminalLine(m.id)).join(', ');
    out += `${unlinked.length} planned ${unlinked.length === 1 ? 'mitigation is' : 'mitigations are'} not in the backlog because ${unlinked.length === 1 ? 'it addresses' : 'they address'} no threat: ${ids} (list the threats under \`threats:\`, or the mitigation under a threat's \`mitigations:\`).\n`;
  }
  return out;
}

export const command: CommandSpec = {
  name: 'backlog',
  group: 'Workflow',
  summary: 'Turn the planned mitigations of open P0/P1 threats into tracker issues (GitHub, GitLab, Jira), idempotently',
  description:
    'Each planned mitigation (proposed, planned or in progress, or implemented but failing its tests) that addresses a threat open at P1 high or above (after the mitigations in force; --min-band changes the band) becomes one issue titled "[SEC][P0 critical] <mitigation>", listing every threat it addresses with its band and status, and with the mitigation\'s strategy, owner, due date, estimate, acceptance criteria and tests, a link to its model line and the neighbourhood in the data-flow diagram; the highest band among its open threats gives the priority and labels. Each threat at that band with no mitigation planned becomes an issue "Decide how to address: <threat>", so nothing at risk is missing. --per threat makes one issue per threat instead. A hidden marker (the mitigation id, or the threat\'s fingerprint) finds the issue on the next run: unchanged issues are left alone, changed ones are updated, and an issue we opened is closed once its mitigation is implemented, its threats are mitigated, accepted or gone, or (for a decision) a mitigation is planned. Issues of the other --per that the new ones cover are listed, and closed only with --close-superseded. Issues without the marker are never touched. Baseline entries (STRIDE questions the model does not answer yet) never become issues: the output counts them. Without --apply nothing is written: the plan is printed. --print writes the issues themselves (title, labels and Markdown body) without a tracker or token. Tokens come from the environment (GITHUB_TOKEN; GITLAB_TOKEN; JIRA_EMAIL + JIRA_API_TOKEN or JIRA_TOKEN).',
  arguments: [MODEL_ARGUMENT],
  options: {
    to: { type: 'string', choices: TRACKERS, valueName: 'tracker', description: 'github, gitlab or jira (required, except with --print).' },
    repo: { type: 'string', valueName: 'owner/name', description: 'GitHub repository (default: GITHUB_REPOSITORY).' },
    project: { type: 'string', valueName: 'project', description: 'GitLab project path or id (default: CI_PROJECT_ID), or Jira project key.' },
    url: { type: 'string', valueName: 'url', description: 'API base: GitHub API (default GITHUB_API_URL or api.github.com), GitLab instance (default CI_SERVER_URL or gitlab.com), Jira site (default JIRA_URL).' },
    'issue-type': { type: 'string', valueName: 'type', description: 'Jira issue type (default Task).' },
    'source-url': { type: 'string', valueName: 'url', description: 'Prefix for links to model lines, e.g. https://github.com/o/r/blob/<sha>/ (default on GitHub Actions: this run\'s commit).' },
    per: { type: 'string', choices: BACKLOG_PER, default: 'mitigation', description: 'One issue per planned mitigation (plus one per threat at risk with nothing planned), or one per threat.' },
    'min-band': { type: 'string', choices: BAND_CHOICES, default: 'high', valueName: 'band', description: 'Threats open at this band or above, after the mitigations in force, are in the backlog: critical (P0), high (P1), medium (P2) or low (P3).' },
    'close-superseded': { type: 'boolean', description: 'Also close our issues of the other --per whose work the new issues cover (e.g. per-threat issues once the backlog is per mitigation). Without it they are listed and left open.' },
    apply: { type: 'boolean', description: 'Create, update and close issues. Without it, only print the plan.' },
    'dry-run': { type: 'boolean', description: 'Only print the plan (the default).' },
    print: { type: 'boolean', description: 'Write the issues (title, labels, Markdown body) to stdout instead of planning against a tracker: no --to or token needed.' },
    format: { type: 'string', short: 'f', choices: ['markdown', 'json'], default: 'markdown', description: 'With --print: markdown to read, json for tools ({ version, per, threshold, issues: [...] }).' },
  },
  examples: [
    { command: 'threatwright backlog --print', description: 'the issues the backlog would open, as Markdown, offline' },
    { command: 'threatwright backlog --to github --repo acme/shop', description: 'what would be created or updated' },
    { command: 'threatwright backlog --to github --repo acme/shop --apply', description: 'do it (GITHUB_TOKEN from the environment)' },
    { command: 'threatwright backlog --to gitlab --project acme/shop --per threat --apply', description: 'one issue per threat, as before' },
    { command: 'threatwright backlog --to jira --url https://acme.atlassian.net --project SEC --min-band P0 --apply', description: 'critical risks only' },
  ],
  exitCodes: {
    0: 'The plan or the issues were printed, or every change was made.',
    1: 'At least one issue could not be created, updated or closed (the others were; each failure is listed).',
    2: 'The model has errors, or a bad or missing option or token.',
  },
  run: async (ctx) => {
    const print = flagOption(ctx.values, 'print');
    const apply = flagOption(ctx.values, 'apply');
    const to = stringOption(ctx.values, 'to') as TrackerName | undefined;
    if (print && apply) throw new UserError('--print and --apply contradict each other', ExitCode.invalid, '--print writes the issues to stdout without a tracker; leave it out to apply them.');
    if (!print && ctx.values['format'] !== undefined && ctx.values['format'] !== 'markdown') throw new UserError('--format applies to --print only', ExitCode.invalid, 'e.g. `threatwright backlog --print --format json`.');
    if (!print && to === undefined) throw new UserError('say which tracker with --to github|gitlab|jira', ExitCode.invalid, 'e.g. `threatwright backlog --to github --repo owner/name`, or `threatwright backlog --print` to see the issues without a tracker.');
    if (apply && flagOption(ctx.values, 'dry-run')) throw new UserError('--apply and --dry-run contradict each other', ExitCode.invalid, 'Leave out --dry-run to make the changes.');
    const per = (stringOption(ctx.values, 'per') ?? 'mitigation') as BacklogPer;
    const band = parseBand(stringOption(ctx.values, 'min-band') ?? 'high');
    if (band === undefined) throw new UserError('--min-band must be a band: critical, high, medium or low (or P0 to P3)', ExitCode.invalid);
    const threshold = BAND_PRIORITY[band].priority;
    const tracker = print || to === undefined ? undefined : trackerFor(to, ctx);
    if (apply && !tracker && to !== undefined) throw new UserError(`no token for ${to}`, ExitCode.invalid, TOKEN_HELP[to]);
    const loaded = await loadModelOrExplain(ctx, ctx.positionals[0]);
    const data = await reportDataFor(loaded, ctx.cwd, ctx.env);
    const env = ctx.env;
    const sourceUrl = stringOption(ctx.values, 'source-url') ?? (to === 'github' && env['GITHUB_SHA'] && env['GITHUB_REPOSITORY'] ? `${env['GITHUB_SERVER_URL'] ?? 'https://github.com'}/${env['GITHUB_REPOSITORY']}/blob/${env['GITHUB_SHA']}/` : undefined);
    const items = backlogItems(data, { per, threshold, ...(sourceUrl !== undefined ? { sourceUrl } : {}) });
    const note = notes(data);

    if (print || to === undefined) {
      const options = { per, threshold, system: data.model.system.name };
      ctx.stdout(stringOption(ctx.values, 'format') === 'json' ? backlogJson(items, options) : backlogMarkdown(items, options));
      ctx.stderr(note);
      return ExitCode.ok;
    }

    let existing: ExistingIssue[] = [];
    if (tracker) {
      try {
        existing = await tracker.list();
      } catch (err) {
        throw new UserError(`cannot list the existing issues, so nothing was changed: ${terminalLine((err as Error).message)}`, ExitCode.failed, 'Check the URL, project and token; a dry run without a token shows the plan without looking.');
      }
    } else {
      ctx.stderr(`⚠ no token for ${to}: existing issues were not looked up, so everything shows as "create". ${TOKEN_HELP[to]}\n`);
    }
    const plan = planBacklog(items, existing, data, { per, threshold, closeSuperseded: flagOption(ctx.values, 'close-superseded') });
    const where = tracker ? `${tracker.name} ${tracker.target}` : to;
    const heading = `${per === 'threat' ? 'one issue per threat' : 'one issue per planned mitigation of the threats'} open at ${bandName(band)} or above`;
    const supersededCount = plan.filter((a) => a.kind === 'keep' && a.superseded === true).length;
    const supersededNote = supersededCount > 0 ? `${supersededCount} of our issues ${supersededCount === 1 ? 'was' : 'were'} opened ${per === 'threat' ? 'per mitigation' : 'per threat'} and ${supersededCount === 1 ? 'is' : 'are'} covered by the issues above: left open; close ${supersededCount === 1 ? 'it' : 'them'} by hand, or run again with --close-superseded.\n` : '';
    if (!apply) {
      ctx.print(`Plan for ${where}: ${heading} (dry run: nothing is written; add --apply to do it)\n`);
      for (const a of plan) ctx.print(`${line(a)}\n`);
      const n = (k: BacklogAction['kind']) => plan.filter((a) => a.kind === k).length;
      ctx.print(note);
      ctx.print(supersededNote);
      ctx.print(`${n('create')} to create, ${n('update')} to update, ${n('close')} to close, ${n('unchanged')} unchanged, ${n('keep')} left as they are.\n`);
      return ExitCode.ok;
    }
    if (!tracker) throw new UserError(`no token for ${to}`, ExitCode.invalid, TOKEN_HELP[to]);
    let failed = 0;
    const done = { created: 0, updated: 0, closed: 0 };
    for (const a of plan) {
      try {
        if (a.kind === 'create') {
          const c = await tracker.create(a.item);
          done.created++;
          ctx.print(`✔ created ${terminalLine(c.key)} ${terminalLine(a.item.title)}${c.url ? `  ${terminalLine(c.url)}` : ''}\n`);
        } else if (a.kind === 'update') {
          await tracker.update(a.issue, a.item);
          done.updated++;
          ctx.print(`✔ updated ${terminalLine(a.issue.key)} ${terminalLine(a.item.title)}\n`);
        } else if (a.kind === 'close') {
          await tracker.close(a.issue, a.reason);
          done.closed++;
          ctx.print(`✔ closed  ${terminalLine(a.issue.key)}: ${terminalLine(a.reason)}\n`);
        } else ctx.print(`${line(a)}\n`);
      } catch (err) {
        failed++;
        const what = a.kind === 'create' ? a.item.title : a.issue.key;
        ctx.stderr(`✖ could not ${a.kind} ${terminalLine(what)}: ${terminalLine((err as Error).message)}\n`);
      }
    }
    const unchanged = plan.filter((a) => a.kind === 'unchanged').length;
    ctx.print(note);
    ctx.print(supersededNote);
    ctx.print(`${where}: ${done.created} created, ${done.updated} updated, ${done.closed} closed, ${unchanged} unchanged${failed ? `, ${failed} failed` : ''}.\n`);
    return failed > 0 ? ExitCode.failed : ExitCode.ok;
  },
};
