import { backlogItems, isBaseline, isOpen, planBacklog, type BacklogAction, type ExistingIssue } from '@threatwright/render';
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

/** One line of the plan; titles and keys come from the model and from the tracker, so each is shown on one line, literally. */
function line(a: BacklogAction): string {
  const t = terminalLine;
  switch (a.kind) {
    case 'create':
      return `+ create     ${t(a.item.title)}  (${t(a.item.fingerprint)})`;
    case 'update':
      return `~ update     ${t(a.issue.key)} ${t(a.item.title)}  (${t(a.item.fingerprint)})`;
    case 'unchanged':
      return `= unchanged  ${t(a.issue.key)} ${t(a.item.title)}`;
    case 'close':
      return `- close      ${t(a.issue.key)} ${t(a.issue.title)}: ${t(a.reason)}`;
    case 'keep':
      return `· keep       ${t(a.issue.key)} ${t(a.issue.title)}: ${t(a.reason)}`;
  }
}

export const command: CommandSpec = {
  name: 'backlog',
  group: 'Workflow',
  summary: 'Turn open P0/P1 threats into tracker issues (GitHub, GitLab, Jira), idempotently',
  description:
    'Each open P0 or P1 threat becomes one issue titled "[SEC][P0] <mitigation>", with the threat and a link to its model line, its neighbourhood in the data-flow diagram, acceptance criteria, test cases, owner and due date. A hidden marker with the threat\'s fingerprint finds the issue on the next run: unchanged issues are left alone, changed ones are updated, and an issue we opened is closed once its threat is mitigated, accepted or gone. Issues without the marker are never touched. Baseline entries (STRIDE questions the model does not answer yet) never become issues: the output counts them. Without --apply nothing is written: the plan is printed. Tokens come from the environment (GITHUB_TOKEN; GITLAB_TOKEN; JIRA_EMAIL + JIRA_API_TOKEN or JIRA_TOKEN).',
  arguments: [MODEL_ARGUMENT],
  options: {
    to: { type: 'string', choices: TRACKERS, valueName: 'tracker', description: 'github, gitlab or jira (required).' },
    repo: { type: 'string', valueName: 'owner/name', description: 'GitHub repository (default: GITHUB_REPOSITORY).' },
    project: { type: 'string', valueName: 'project', description: 'GitLab project path or id (default: CI_PROJECT_ID), or Jira project key.' },
    url: { type: 'string', valueName: 'url', description: 'API base: GitHub API (default GITHUB_API_URL or api.github.com), GitLab instance (default CI_SERVER_URL or gitlab.com), Jira site (default JIRA_URL).' },
    'issue-type': { type: 'string', valueName: 'type', description: 'Jira issue type (default Task).' },
    'source-url': { type: 'string', valueName: 'url', description: 'Prefix for links to model lines, e.g. https://github.com/o/r/blob/<sha>/ (default on GitHub Actions: this run\'s commit).' },
    apply: { type: 'boolean', description: 'Create, update and close issues. Without it, only print the plan.' },
    'dry-run': { type: 'boolean', description: 'Only print the plan (the default).' },
  },
  examples: [
    { command: 'threatwright backlog --to github --repo acme/shop', description: 'what would be created or updated' },
    { command: 'threatwright backlog --to github --repo acme/shop --apply', description: 'do it (GITHUB_TOKEN from the environment)' },
    { command: 'threatwright backlog --to gitlab --project acme/shop --apply' },
    { command: 'threatwright backlog --to jira --url https://acme.atlassian.net --project SEC --apply' },
  ],
  exitCodes: {
    0: 'The plan was printed, or every change was made.',
    1: 'At least one issue could not be created, updated or closed (the others were; each failure is listed).',
    2: 'The model has errors, or a bad or missing option or token.',
  },
  run: async (ctx) => {
    const to = stringOption(ctx.values, 'to') as TrackerName | undefined;
    if (to === undefined) throw new UserError('say which tracker with --to github|gitlab|jira', ExitCode.invalid, 'e.g. `threatwright backlog --to github --repo owner/name`.');
    const apply = flagOption(ctx.values, 'apply');
    if (apply && flagOption(ctx.values, 'dry-run')) throw new UserError('--apply and --dry-run contradict each other', ExitCode.invalid, 'Leave out --dry-run to make the changes.');
    const tracker = trackerFor(to, ctx);
    if (apply && !tracker) throw new UserError(`no token for ${to}`, ExitCode.invalid, TOKEN_HELP[to]);
    const loaded = await loadModelOrExplain(ctx, ctx.positionals[0]);
    const data = await reportDataFor(loaded, ctx.cwd, ctx.env);
    const env = ctx.env;
    const sourceUrl = stringOption(ctx.values, 'source-url') ?? (to === 'github' && env['GITHUB_SHA'] && env['GITHUB_REPOSITORY'] ? `${env['GITHUB_SERVER_URL'] ?? 'https://github.com'}/${env['GITHUB_REPOSITORY']}/blob/${env['GITHUB_SHA']}/` : undefined);
    const items = backlogItems(data, sourceUrl !== undefined ? { sourceUrl } : {});

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
    const plan = planBacklog(items, existing, data);
    const where = tracker ? `${tracker.name} ${tracker.target}` : to;
    let baseline = 0;
    for (const t of data.threats) if (isBaseline(t) && isOpen(t)) baseline++;
    const baselineNote = baseline > 0 ? `${baseline} baseline ${baseline === 1 ? 'entry is' : 'entries are'} not in the backlog: ${baseline === 1 ? 'it is a question' : 'they are questions'} the model does not answer yet (\`threatwright analyze\` lists them).\n` : '';
    if (!apply) {
      ctx.print(`Plan for ${where} (dry run: nothing is written; add --apply to do it)\n`);
      for (const a of plan) ctx.print(`${line(a)}\n`);
      const n = (k: BacklogAction['kind']) => plan.filter((a) => a.kind === k).length;
      ctx.print(baselineNote);
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
    ctx.print(baselineNote);
    ctx.print(`${where}: ${done.created} created, ${done.updated} updated, ${done.closed} closed, ${unchanged} unchanged${failed ? `, ${failed} failed` : ''}.\n`);
    return failed > 0 ? ExitCode.failed : ExitCode.ok;
  },
};
