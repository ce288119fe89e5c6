import { BAND_PRIORITY, BANDS, bandLabel, evaluateGate, isBand, type GateItem, type GateResult } from '@threatwright/core';
import type { Colors } from 'picocolors/types.js';
import { flagOption, stringOption, stringsOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { writeJson } from '../../json-text.js';
import type { CommandSpec } from '../../types.js';
import { assessModel, loadValidModel, parseToday, readEvidence, type Assessed } from './assessment.js';
import { formatMetrics } from './risk-summary.js';
import { MODEL_ARGUMENT } from '../../common-options.js';
import { issueText, terminalLine } from '../../terminal.js';

/** Bump when the shape of `--format json` changes incompatibly. */
export const CHECK_JSON_VERSION = 1;

const KIND_LABEL: Record<GateItem['kind'], string> = { risk: 'risk', 'overdue-mitigation': 'overdue', 'expired-acceptance': 'expired' };

function plural(n: number, word: string, many = `${word}s`): string {
  return `${String(n)} ${n === 1 ? word : many}`;
}


/** The text output of `check` (exported for tests). */
export function textReport(file: string, today: string, gate: GateResult, a: Assessed, evidence: string | undefined, c: Colors, quiet: boolean): string {
  const out: string[] = [];
  const at = `${bandLabel(gate.failOn)} (${BAND_PRIORITY[gate.failOn].priority})`;
  if (gate.passed) out.push(`${c.green('✔')} ${c.bold(terminalLine(file))} passes: nothing at or above ${at}, no overdue P0/P1 mitigation, no expired acceptance ${c.dim(`(today ${today})`)}`);
  else out.push(`${c.red('✖')} ${c.bold(terminalLine(file))} fails the gate at ${at}: ${plural(gate.items.length, 'item')} ${c.dim(`(today ${today})`)}`);
  if (gate.items.length > 0) out.push('');
  // Model text on one line each: a title cannot start a line of its own (a CI workflow command) or move the cursor.
  const subjects = gate.items.map((i) => terminalLine(i.subject));
  let width = 0;
  for (const s of subjects) width = Math.max(width, s.length);
  gate.items.forEach((item, n) => {
    const label = KIND_LABEL[item.kind].padEnd(7);
    out.push(`  ${c.red(label)} ${c.bold((subjects[n] ?? '').padEnd(width))}  ${terminalLine(item.title)}`);
    out.push(`  ${' '.repeat(7)} ${' '.repeat(width)}  ${c.dim(terminalLine(item.message))}`);
  });
  const b = gate.baseline;
  if (b.live > 0) {
    const how = b.counted
      ? `counted: ${b.atOrAbove} at or above ${bandLabel(gate.failOn)} ${b.atOrAbove === 1 ? 'is' : 'are'} listed above`
      : b.atOrAbove > 0
        ? `not gated (${b.atOrAbove} at or above ${bandLabel(gate.failOn)} would fail with --count-baseline)`
        : 'not gated';
    out.push('', `${c.bold('Baseline:')} ${plural(b.live, 'entry', 'entries')} open, STRIDE questions the model does not answer yet; ${how}. ${c.dim('`threatwright analyze` lists them per entry point.')}`);
  }
  if (!quiet) {
    out.push('');
    for (const l of formatMetrics(gate.metrics, c, b.live)) out.push(l);
    if (evidence !== undefined) out.push(c.dim(`Test evidence: ${terminalLine(evidence)}`));
    const notes = a.issues.filter((i) => i.severity === 'warning' && ['acceptance-incomplete', 'transfer-without-recipient', 'mitigated-without-implementation', 'mitigation-test-failed', 'risk-scoring', 'decision-expired'].includes(i.code));
    if (notes.length > 0) out.push('');
    for (const i of notes) out.push(issueText(i));
  }
  return `${out.join('\n')}\n`;
}

export const command: CommandSpec = {
  name: 'check',
  group: 'Workflow',
  summary: 'The gate: fail the build on risks at or above a band, overdue P0/P1 mitigations and expired acceptances',
  description:
    'Scores every threat (inherent and residual, by the model\'s risk method), then fails (exit 1) when a live threat\'s residual risk is at or above --fail-on, when a mitigation for a P0 or P1 threat is past its due date, or when an acceptance has expired. Accepted (with who, why and until when), transferred (to whom), false-positive and not-applicable threats do not count, nor do baseline entries (confidence `baseline`: questions the model does not answer yet, never above medium) unless --count-baseline: the output says how many are open. Residual risk counts only mitigations that are implemented or verified and whose tests did not fail: test evidence comes from --junit, or from the record `threatwright verify` saved next to the model. Prints each failing item with how its score was computed, and counts for dashboards.',
  arguments: [MODEL_ARGUMENT],
  options: {
    'fail-on': { type: 'string', choices: ['critical', 'high', 'medium', 'low'], default: 'critical', valueName: 'band', description: 'Fail on residual risks in this band or above: critical (P0), high (P1), medium (P2) or low (P3).' },
    format: { type: 'string', short: 'f', choices: ['text', 'json'], default: 'text', description: 'text for people, json for dashboards and tools (versioned).' },
    junit: { type: 'string', multiple: true, valueName: 'file', description: 'JUnit XML results to verify mitigations with now, instead of the saved verification record (may be repeated).' },
    verification: { type: 'string', valueName: 'file', description: 'The verification record to read (default: <model>.verification.json beside the model, when present).' },
    today: { type: 'string', valueName: 'YYYY-MM-DD', description: 'Judge due dates and expiry as of this day (default: today), for reproducible builds.' },
    'count-baseline': { type: 'boolean', description: 'Let baseline entries (STRIDE questions the model does not answer yet, never rated above medium) fail the gate like threats. By default they are counted, not gated.' },
    quiet: { type: 'boolean', short: 'q', description: 'Text: only the verdict, the failing items and the baseline count.' },
  },
  examples: [
    { command: 'threatwright check --fail-on critical', description: 'fail the build on any Critical (P0) residual risk' },
    { command: 'threatwright check examples/web-login --fail-on high --junit reports/junit.xml', description: 'with fresh test evidence' },
    { command: 'threatwright check --format json > risk.json', description: 'counts for a dashboard' },
  ],
  exitCodes: {
    0: 'Nothing at or above the band, no overdue P0/P1 mitigation, no expired acceptance.',
    1: 'At least one failing item (each is listed with why).',
    2: 'The model, a results file or an option is invalid.',
  },
  run: async (ctx) => {
    const failOn = stringOption(ctx.values, 'fail-on') ?? 'critical';
    if (!isBand(failOn)) throw new UserError(`--fail-on must be one of ${BANDS.join(', ')}`, ExitCode.invalid);
    const format = stringOption(ctx.values, 'format') ?? 'text';
    const now = parseToday(stringOption(ctx.values, 'today'));
    const m = await loadValidModel(ctx.positionals[0], ctx.cwd);
    const evidence = await readEvidence(m, stringsOption(ctx.values, 'junit'), stringOption(ctx.values, 'verification'), ctx.cwd);
    const assessed = assessModel(m, now, evidence.verification);
    const baseline = new Set<string>();
    for (const t of assessed.analysis.threats) if (t.confidence === 'baseline') baseline.add(t.id);
    const gate = evaluateGate(assessed.assessment, failOn, { baseline, countBaseline: flagOption(ctx.values, 'count-baseline') });
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
        metrics: gate.metrics,
        baseline: gate.baseline,
        evidence: evidence.from ?? null,
        threats: a.threats.map((t, i) => ({
          id: t.id,
          title: t.title,
          confidence: assessed.analysis.threats[i]?.confidence ?? 'confirmed',
          status: t.status,
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
    ctx.print(textReport(m.file, assessed.assessment.today, gate, assessed, evidence.from, ctx.style, flagOption(ctx.values, 'quiet')));
    return code;
  },
};
