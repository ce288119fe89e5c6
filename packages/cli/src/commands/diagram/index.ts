import { DIAGRAM_FORMATS, DiagramError, parseView, renderDiagram, riskOverlay, VIEW_HELP, type DiagramFormat } from '@threatwright/render';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { emit, loadModelOrExplain } from '../../outputs.js';
import { reportDataFor } from '../../report-data.js';
import type { CommandSpec } from '../../types.js';
import { FORCE_OPTION, MODEL_ARGUMENT, outputOption } from '../../common-options.js';

export const command: CommandSpec = {
  name: 'diagram',
  group: 'Reports',
  summary: 'Draw the data-flow diagram (Mermaid, Graphviz DOT or SVG)',
  description: `Draws the model as a data-flow diagram: trust boundaries as nested dashed groups in their trust's colour, flows labelled with the data they carry and the protocol, and a key of the shapes, colours and lines used. SVG is laid out in-process by Graphviz compiled to WebAssembly (no system binary needed), turned left to right or top to bottom, whichever comes nearer 3:2. Views: ${VIEW_HELP}.`,
  arguments: [MODEL_ARGUMENT],
  options: {
    format: { type: 'string', short: 'f', choices: DIAGRAM_FORMATS, default: 'mermaid', description: 'mermaid (renders on GitHub), dot (Graphviz) or svg.' },
    view: { type: 'string', valueName: 'view', description: `What to draw: ${VIEW_HELP} (default: system).` },
    overlay: { type: 'string', choices: ['none', 'risk'], default: 'none', description: 'risk: colour elements and flows by their highest open risk (runs the analysis).' },
    output: outputOption(),
    force: FORCE_OPTION,
  },
  examples: [
    { command: 'threatwright diagram', description: 'the whole system as Mermaid, to paste into a README' },
    { command: 'threatwright diagram --view tag:login --format svg -o login.svg', description: 'one feature in detail' },
    { command: 'threatwright diagram --view boundary:B2 --format dot | dot -Tpng > b2.png', description: 'one boundary, through your own Graphviz' },
    { command: 'threatwright diagram --view assets', description: 'which data assets live where' },
    { command: 'threatwright diagram --overlay risk --format svg -o risk.svg', description: 'the DFD coloured by the highest open risk on each element' },
    { command: 'threatwright diagram --view attack-tree:AT1 --format svg -o at1.svg', description: 'an attack tree' },
  ],
  exitCodes: {
    0: 'The diagram was written.',
    2: 'The model has errors, or the view names a tag, boundary or attack tree that does not exist.',
    3: 'The output file exists (use --force).',
  },
  run: async (ctx) => {
    const format = (stringOption(ctx.values, 'format') ?? 'mermaid') as DiagramFormat;
    const loaded = await loadModelOrExplain(ctx, ctx.positionals[0]);
    const overlay = stringOption(ctx.values, 'overlay') === 'risk' ? riskOverlay(await reportDataFor(loaded, ctx.cwd, ctx.env)) : undefined;
    let text: string;
    try {
      text = await renderDiagram(loaded.model, format, { view: parseView(stringOption(ctx.values, 'view')), ...(overlay ? { overlay } : {}) });
    } catch (err) {
      if (err instanceof DiagramError) throw new UserError(err.message, ExitCode.invalid, err.hint);
      throw err;
    }
    await emit(ctx, stringOption(ctx.values, 'output'), text, flagOption(ctx.values, 'force'));
    return ExitCode.ok;
  },
};
