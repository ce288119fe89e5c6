import { exporters, FORMAT_NAMES, type Exporter } from '@threatwright/formats';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { emit, loadModelOrExplain } from '../../outputs.js';
import type { CommandSpec } from '../../types.js';
import { FORCE_OPTION, MODEL_ARGUMENT, outputOption } from '../../common-options.js';
import { terminalLine } from '../../terminal.js';

const TARGETS: Exporter['format'][] = ['otm', 'threat-dragon', 'threat-composer'];

export const command: CommandSpec = {
  name: 'export',
  group: 'Interop',
  summary: 'Write the model as Open Threat Model, Threat Dragon v2 or Threat Composer',
  description:
    'Hands the model to the tools colleagues and auditors use. OTM and Threat Composer output validates against their official schemas; Threat Dragon output opens in Threat Dragon 2 with laid-out cells. What a target cannot hold is listed on stderr. Exported files import back into an identical model.',
  arguments: [MODEL_ARGUMENT],
  options: {
    to: { type: 'string', short: 't', choices: TARGETS, valueName: 'format', description: 'The target format: otm, threat-dragon or threat-composer.' },
    output: outputOption(),
    force: FORCE_OPTION,
  },
  examples: [
    { command: 'threatwright export --to otm -o system.otm.json', description: 'for IriusRisk and other OTM tools' },
    { command: 'threatwright export --to threat-dragon -o model.json', description: 'open it in OWASP Threat Dragon' },
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
    const { model } = await loadModelOrExplain(ctx, ctx.positionals[0]);
    const { text, notes } = await exporter.export(model);
    await emit(ctx, stringOption(ctx.values, 'output'), text, flagOption(ctx.values, 'force'));
    if (notes.length > 0) ctx.stderr(`${ctx.errStyle.yellow('ℹ')} notes on the ${exporter.name} file:\n${notes.map((n) => `  • ${terminalLine(n.subject)}: ${terminalLine(n.detail)}`).join('\n')}\n`);
    return ExitCode.ok;
  },
};
