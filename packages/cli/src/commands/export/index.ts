import path from 'node:path';
import { analyze } from '@threatwright/core';
import { exporters, FORMAT_NAMES, type Exporter, type ExportReport } from '@threatwright/formats';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { emit, loadModelOrExplain } from '../../outputs.js';
import type { CommandContext, CommandSpec } from '../../types.js';
import { FORCE_OPTION, MODEL_ARGUMENT, outputOption } from '../../common-options.js';
import { terminalLine } from '../../terminal.js';
import { readEvidence } from '../check/assessment.js';
import { countsLine } from '../import/model-text.js';

const TARGETS: Exporter['format'][] = ['otm', 'threat-dragon', 'threat-composer'];

export const command: CommandSpec = {
  name: 'export',
  group: 'Interop',
  summary: 'Write the model as Open Threat Model, Threat Dragon v2 or Threat Composer',
  description:
    'Hands the model to the tools colleagues and auditors use, with its threats: the manual ones and every finding the analysis derives, each with the decision recorded about it and its residual band (as Threat Dragon severity, Threat Composer priority), on the element or flow it is about. Baseline entries are questions, not threats, and are left out unless --include-baseline (or a decision or a mitigation is recorded on them). OTM and Threat Composer output validates against their official schemas; Threat Dragon output opens in Threat Dragon 2 with laid-out cells. What a target cannot hold is listed on stderr. Exported files import back into an identical model: a derived threat comes back as the decision about its finding (with a status, severity or reason changed in the other tool), never as a manual threat.',
  arguments: [MODEL_ARGUMENT],
  options: {
    to: { type: 'string', short: 't', choices: TARGETS, valueName: 'format', description: 'The target format: otm, threat-dragon or threat-composer.' },
    'include-baseline': { type: 'boolean', description: 'Also write the baseline entries (what the model does not say yet) as threats.' },
    output: outputOption(),
    force: FORCE_OPTION,
    verbose: { type: 'boolean', short: 'v', description: 'List where every threat went, not only what the target cannot hold.' },
  },
  examples: [
    { command: 'threatwright export --to otm -o system.otm.json', description: 'for IriusRisk and other OTM tools' },
    { command: 'threatwright export --to threat-dragon -o model.json', description: 'open it in OWASP Threat Dragon, derived threats on their cells' },
    { command: 'threatwright import model.json -o threatmodel.yaml --force', description: 'bring back what was decided in Threat Dragon' },
    { command: 'threatwright export payments/threatmodel.yaml --to threat-composer -o payments.tc.json' },
  ],
  exitCodes: {
    0: 'The file was written.',
    2: 'The model has errors, or --to is missing.',
    3: 'The output file exists (use --force).',
  },
  run: async (ctx) => {
    const to = stringOption(ctx.values, 'to') as Exporter['format'] | undefined;
    if (to === undefined) throw new UserError('which format? --to is required', ExitCode.invalid, `Use --to ${TARGETS.join('|')}.`);
    const exporter = exporters[to];
    if (!exporter) throw new Error(`no exporter registered for ${FORMAT_NAMES[to]}`);
    const loaded = await loadModelOrExplain(ctx, ctx.positionals[0]);
    // The analysis `analyze` shows, with the test evidence saved beside the model, for derived threats and residual bands.
    const abs = path.resolve(ctx.cwd, loaded.file);
    const evidence = await readEvidence({ file: loaded.file, abs, loaded, model: loaded.model }, [], undefined, ctx.cwd);
    const analysis = analyze(loaded.model, evidence.verification ? { verification: evidence.verification } : {});
    const { text, report } = await exporter.export(loaded.model, { analysis, includeBaseline: flagOption(ctx.values, 'include-baseline') });
    await emit(ctx, stringOption(ctx.values, 'output'), text, flagOption(ctx.values, 'force'));
    printReport(ctx, exporter.name, report, flagOption(ctx.values, 'verbose'));
    return ExitCode.ok;
  },
};

/** What was exported and what the target could not hold, on stderr, like the import report. */
function printReport(ctx: CommandContext, name: string, report: ExportReport, verbose: boolean): void {
  const s = ctx.errStyle;
  const note = (n: { subject: string; detail: string }) => `${terminalLine(n.subject)}: ${terminalLine(n.detail)}`;
  const lines = [`${s.yellow('ℹ')} ${name}`, `  from the model: ${countsLine(report.found)}`, `  in the file:    ${countsLine(report.created)}`];
  if (verbose && report.mapped.length > 0) {
    lines.push(s.bold(`  Mapped (${report.mapped.length}):`));
    for (const n of report.mapped) lines.push(`    ${terminalLine(n.subject)} → ${terminalLine(n.detail)}`);
  }
  if (report.dropped.length > 0) {
    lines.push(s.yellow(`  Not exported (${report.dropped.length}):`));
    for (const n of report.dropped) lines.push(`    ${s.yellow('⚠')} ${note(n)}`);
  }
  if (report.adjusted.length > 0) {
    lines.push(s.bold(`  Written with a change (${report.adjusted.length}):`));
    for (const n of report.adjusted) lines.push(`    • ${note(n)}`);
  }
  ctx.stderr(`${lines.join('\n')}\n`);
}
