import { analyze, BAND_CHOICES, bandName, diffModels, evaluateGate, gateSince, parseBand, type GateItem, type GateResult, type UnratedPolicy } from '@threatwright/core';
import type { Colors } from 'picocolors/types.js';
import { flagOption, stringOption, stringsOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { writeJson } from '../../json-text.js';
import type { CommandSpec } from '../../types.js';
import { assessModel, loadValidModel, parseToday, readEvidence, type Assessed } from './assessment.js';
import { formatMetrics } from './risk-summary.js';
import { checkMarkdown, checkOutputs, itemBand, itemLocation, type SummaryOptions } from './summary.js';
import { annotation, appendToRunnerFile, blobLink, outputLines, workspacePath } from '../../github.js';
import { VERSION } from '../../version.js';

import { MODEL_ARGUMENT } from '../../common-options.js';
import { displayPath } from '../../files.js';
import { componentStaleness, isStale, parseStaleLimit, stalenessText } from '../../staleness.js';
import { validModel } from '../diff/index.js';
import { modelAtRevision } from '../diff/revisions.js';
import { issueText, terminalLine, plural } from '../../terminal.js';

/** Bump when the shape of `--format json` changes incompatibly. */
export const CHECK_JSON_VERSION = 2;

const KIND_LABEL: Record<GateItem['kind'], string> = { risk: 'risk', 'overdue-mitigation': 'overdue', 'expired-acceptance': 'expired', unrated: 'unrated', 'stale-component': 'stale' };



/** The text output of `check` (exported for tests). */
export function textReport(file: string, today: string, gate: GateResult, a: Assessed, evidence: string | undefined, c: Colors, quiet: boolean): string {
  const out: string[] = [];
  const at = bandName(gate.failOn);
  const unratedToo = gate.unrated.policy === 'fail' ? ', no unrated open threat' : '';
  if (gate.passed) out.push(`${c.green('✔')} ${c.bold(terminalLine(file))} passes: nothing at or above ${at}, no overdue P0/P1 mitigation, no expired acceptance${unratedToo} ${c.dim(`(today ${today})`)}`);
  else out.push(`${c.red('✖')} ${c.bold(terminalLine(file))} fails the gate at ${at}: ${plural(gate.items.length, 'item')} ${c.dim(`(today ${today})`)}`);
  if (gate.items.length > 0) out.push('');
  // Model text on one line each: a title cannot start a line of its own (a CI workflow command) or move the cursor.
  const subjects = gate.items.map((i) => terminalLine(i.subject));
  let width = 0;
  for (const s of subjects) width = Math.max(width, s.length);
  const bands = gate.items.map((i) => itemBand(i));
  let bandWidth = 0;
  for (const b of bands) bandWidth = Math.max(bandWidth, b.length);
  gate.items.forEach((item, n) => {
    const label = KIND_LABEL[item.kind].padEnd(7);
    out.push(`  ${c.red(label)} ${(bands[n] ?? '').padEnd(bandWidth)}  ${c.bold((subjects[n] ?? '').padEnd(width))}  ${terminalLine(item.title)}`);
    out.push(`  ${' '.repeat(7)} ${' '.repeat(bandWidth)}  ${' '.repeat(width)}  ${c.dim(terminalLine(item.message))}`);
  });
  const u = gate.unrated;
  if (u.open > 0 && u.policy === 'warn') {
    out.push('', `${c.yellow('!')} ${c.bold('Unrated:')} ${plural(u.open, 'open threat')} ${u.open === 1 ? 'has' : 'have'} no likelihood and impact (nor another score), so the gate cannot judge ${u.open === 1 ? 'it' : 'them'}; rate ${u.open === 1 ? 'it' : 'them'}, or run with --unrated fail to fail on ${u.open === 1 ? 'it' : 'them'}. ${c.dim('`threatwright analyze --all` lists them.')}`);
  }
  const b = gate.baseline;
  if (b.live > 0) {
    const how = b.counted
      ? `counted: ${b.atOrAbove} at or above ${at} ${b.atOrAbove === 1 ? 'is' : 'are'} listed above`
      : b.atOrAbove > 0
        ? `not gated (${b.atOrAbove} at or above ${at} would fail with --count-baseline)`
        : 'not gated';
    out.push('', `${c.bold('Baseline:')} ${plural(b.live, 'entry', 'entries')} open, STRIDE questions the model does not answer yet; ${how}. ${c.dim('`threatwright analyze` lists them per entry point.')}`);
  }
  if (!quiet) {
    out.push('');
    for (const l of formatMetrics(gate.posture, gate.metrics, c)) out.push(l);
    if (evidence !== undefined) out.push(c.dim(`Test evidence: ${terminalLine(evidence)}`));
    const notes = a.issues.filter((i) => i.severity === 'warning' && ['acceptance-incomplete', 'transfer-without-recipient', 'mitigated-without-implementation', 'mitigation-test-failed', 'risk-scoring', 'decision-expired'].includes(i.code));
    if (notes.length > 0) out.push('');
    for (const i of notes) out.push(issueText(i));
  }
  return `${out.join('\n')}\n`;
}

/** What `--since` left out of the gate, so nobody mistakes a pass for a clean model. */
export function sinceText(label: string, before: readonly GateItem[], c: Colors): string {
  if (before.length === 0) return `${c.dim(`Judged on the change since ${terminalLine(label)}: nothing failing was there already.`)}\n`;
  const ids = before.map((i) => terminalLine(i.subject));
  const shown = ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', ');
  return `\n${c.bold('Since')} ${terminalLine(label)}: ${plural(before.length, 'failing item')} ${before.length === 1 ? 'was' : 'were'} there already and ${before.length === 1 ? 'is' : 'are'} not gated (${shown}). ${c.dim('Run without --since to see them.')}\n`;
}

export const command: CommandSpec = {
  name: 'check',
  group: 'Workflow',
  summary: 'The gate: fail the build on risks at or above a band (P0 critical … P3 low), overdue P0/P1 mitigations and expired acceptances',
  description:
    'Scores every threat (inherent and residual, by the model\'s risk method), then fails (exit 1) when a live threat\'s residual risk is at or above --fail-on, when a mitigation for a P0 or P1 threat is past its due date, or when an acceptance has expired. A band is written as its word or its priority: --fail-on high and --fail-on P1 are the same. Accepted (with who, why and until when), transferred (to whom), false-positive and not-applicable threats do not count, nor do baseline entries (confidence `baseline`: questions the model does not answer yet, never above medium) unless --count-baseline: the output says how many are open. An open threat without a band (unrated: no likelihood and impact, nor another score, as threats imported with only a severity are) cannot be judged: the output counts it, and --unrated fail makes it fail the gate. Failing items come highest risk first. Residual risk counts only mitigations that are implemented or verified and whose tests did not fail: test evidence comes from --junit, or from the record `threatwright verify` saved next to the model. Prints each failing item with how its score was computed, and counts for dashboards: the same counts by band as `analyze`, the reports and the editor. With --since <revision>, only what changed since then fails: threats new, moved up a band or open again, and mitigations added since and overdue; what the revision had already is listed apart. With --stale-after, a component whose code (its `paths:`) had that many commits, or days of changes, since the model last changed its entry (or since system.reviewed_at) fails too.',
  arguments: [MODEL_ARGUMENT],
  options: {
    'fail-on': { type: 'string', choices: [...BAND_CHOICES], default: 'critical', valueName: 'band', description: 'Fail on residual risks in this band or above: critical or P0, high or P1, medium or P2, low or P3.' },
    unrated: { type: 'string', choices: ['warn', 'fail'], default: 'warn', valueName: 'policy', description: 'Open threats without a band (no likelihood and impact, nor another score): warn counts them in the output; fail makes each one fail the gate.' },
    format: {
      type: 'string',
      short: 'f',
      choices: ['text', 'json', 'markdown', 'github'],
      default: 'text',
      description:
        'text for people; json for dashboards and tools (versioned); markdown for a job summary or a merge-request note; github: the text, an annotation on the model line of each failing item, and in GitHub Actions the Markdown summary appended to $GITHUB_STEP_SUMMARY and the counts to $GITHUB_OUTPUT.',
    },
    junit: { type: 'string', multiple: true, valueName: 'file', description: 'JUnit XML results to verify mitigations with now, instead of the saved verification record (may be repeated).' },
    verification: { type: 'string', valueName: 'file', description: 'The verification record to read (default: <model>.verification.json beside the model, when present).' },
    today: { type: 'string', valueName: 'YYYY-MM-DD', description: 'Judge due dates and expiry as of this day (default: today), for reproducible builds.' },
    'count-baseline': { type: 'boolean', description: 'Let baseline entries (STRIDE questions the model does not answer yet, never rated above medium) fail the gate like threats. By default they are counted, not gated.' },
    'stale-after': { type: 'string', valueName: 'commits|days', description: 'Fail when the code of a component (its `paths:`) moved on and the model did not: this many commits (20) or days (30d) of changes under its paths since the model last changed the component, or since `system.reviewed_at` when later.' },
    since: { type: 'string', valueName: 'revision', description: 'Fail only on what changed since this git revision (e.g. main): threats new, moved up a band or open again, and mitigations added since and overdue. What the revision had already is listed apart, not gated, so a large model can adopt the gate and ratchet.' },
    quiet: { type: 'boolean', short: 'q', description: 'Text: only the verdict, the failing items and the baseline count.' },
  },
  examples: [
    { command: 'threatwright check --fail-on critical', description: 'fail the build on any P0 critical residual risk' },
    { command: 'threatwright check --fail-on P1 --unrated fail', description: 'fail on P1 high or worse, and on any open threat nobody has rated' },
    { command: 'threatwright check examples/web-login --fail-on high --junit reports/junit.xml', description: 'with fresh test evidence' },
    { command: 'threatwright check --format json > risk.json', description: 'counts for a dashboard' },
    { command: 'threatwright check --stale-after 20', description: 'also fail when 20 commits changed a component\'s code (its paths:) and not its model entry' },
    { command: 'threatwright check --fail-on high --since origin/main', description: 'adopt the gate on a large model: fail only on what the branch made worse' },
    { command: 'threatwright check --fail-on high --format github', description: 'in GitHub Actions: annotations, a job summary and step outputs' },
    { command: 'threatwright check --format markdown > gate.md', description: 'the verdict and open risks by band as Markdown, e.g. for a merge-request note' },
  ],
  exitCodes: {
    0: 'Nothing at or above the band, no overdue P0/P1 mitigation, no expired acceptance (and with --unrated fail, no unrated open threat).',
    1: 'At least one failing item (each is listed with why).',
    2: 'The model, a results file or an option is invalid.',
  },
  run: async (ctx) => {
    const failOn = parseBand(stringOption(ctx.values, 'fail-on') ?? 'critical');
    if (failOn === undefined) throw new UserError(`--fail-on must be one of ${BAND_CHOICES.join(', ')}`, ExitCode.invalid);
    const unrated = (stringOption(ctx.values, 'unrated') ?? 'warn') as UnratedPolicy;
    const format = stringOption(ctx.values, 'format') ?? 'text';
    const now = parseToday(stringOption(ctx.values, 'today'));
    const m = await loadValidModel(ctx.positionals[0], ctx.cwd);
    const evidence = await readEvidence(m, stringsOption(ctx.values, 'junit'), stringOption(ctx.values, 'verification'), ctx.cwd);
    const assessed = assessModel(m, now, evidence.verification);
    let full = evaluateGate(assessed.assessment, failOn, { countBaseline: flagOption(ctx.values, 'count-baseline'), unrated });
    const staleText = stringOption(ctx.values, 'stale-after');
    if (staleText !== undefined) {
      const limit = parseStaleLimit(staleText);
      if (limit === undefined) throw new UserError(`--stale-after must be a number of commits (20) or of days (30d), not "${staleText}"`, ExitCode.invalid);
      const stale = ((await componentStaleness(m.loaded, m.model, m.abs, ctx.cwd)) ?? []).filter((x) => isStale(x, limit));
      const items: GateItem[] = stale.map((x) => ({ kind: 'stale-component', subject: x.id, title: x.name, message: `${stalenessText(x)}; review it and update the model (or system.reviewed_at)` }));
      if (items.length > 0) full = { ...full, items: [...full.items, ...items], passed: false };
    }
    const sinceRevision = stringOption(ctx.values, 'since');
    let since: { label: string; before: readonly GateItem[] } | undefined;
    let gate = full;
    if (sinceRevision !== undefined) {
      const base = modelAtRevision(m.abs, sinceRevision, ctx.cwd, now, displayPath);
      const baseModel = validModel(base, base.label);
      const judged = gateSince(full, diffModels({ model: baseModel, analysis: analyze(baseModel, { now, ...(evidence.verification ? { verification: evidence.verification } : {}) }) }, { model: m.model, analysis: assessed.analysis }));
      gate = judged.gate;
      since = { label: base.label, before: judged.before };
    }
    const code = gate.passed ? ExitCode.ok : ExitCode.failed;

    if (format === 'json') {
      const a = assessed.assessment;
      const out = {
        version: CHECK_JSON_VERSION,
        file: m.file,
        today: a.today,
        failOn: gate.failOn,
        passed: gate.passed,
        items: gate.items,
        posture: gate.posture,
        metrics: gate.metrics,
        baseline: gate.baseline,
        unrated: gate.unrated,
        since: since ? { revision: since.label, before: since.before } : null,
        evidence: evidence.from ?? null,
        threats: a.threats.map((t) => ({
          id: t.id,
          title: t.title,
          confidence: t.confidence,
          status: t.status,
          standing: t.standing,
          response: t.response ?? null,
          disposition: t.disposition,
          reason: t.reason,
          method: t.risk.method,
          band: t.band ?? null,
          priority: t.priority ?? null,
          inherent: t.risk.inherent ?? null,
          residual: t.risk.residual ?? null,
          mitigations: t.mitigations,
          implemented: t.implemented,
        })),
        mitigations: a.mitigations,
        issues: assessed.issues,
      };
      writeJson(out, ctx.stdout);
      return code;
    }
    if (format === 'markdown' || format === 'github') {
      const summary = (where: SummaryOptions['where'], link: SummaryOptions['link']) =>
        checkMarkdown(gate, m, assessed, { file: where ? where(m.file) : m.file, today: assessed.assessment.today, version: VERSION, evidence: evidence.from, where, link });
      if (format === 'markdown') {
        ctx.stdout(summary(undefined, undefined));
        return code;
      }
      ctx.print(textReport(m.file, assessed.assessment.today, gate, assessed, evidence.from, ctx.style, flagOption(ctx.values, 'quiet')));
      const where = (file: string) => workspacePath(file, ctx.cwd, ctx.env);
      for (const item of gate.items) {
        const loc = itemLocation(m, assessed, item);
        const band = itemBand(item);
        ctx.stdout(`${annotation('error', { file: where(loc?.file ?? m.file), line: loc?.line, column: loc?.column, title: `threatwright check: ${band} ${KIND_LABEL[item.kind]} (${item.subject})` }, `${item.title}\n${item.message}`)}\n`);
      }
      await appendToRunnerFile(ctx.env, 'GITHUB_STEP_SUMMARY', summary(where, (loc) => blobLink(where(loc.file), loc.line, ctx.env)));
      await appendToRunnerFile(ctx.env, 'GITHUB_OUTPUT', outputLines(checkOutputs(gate)));
      return code;
    }
    ctx.print(textReport(m.file, assessed.assessment.today, gate, assessed, evidence.from, ctx.style, flagOption(ctx.values, 'quiet')));
    if (since !== undefined) ctx.print(sinceText(since.label, since.before, ctx.style));
    return code;
  },
};
