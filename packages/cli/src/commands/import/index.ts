import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatIssue, hasErrors, loadModel, MAX_MODEL_BYTES } from '@threatwright/core';
import { decodeBytes, describeSignature, detectFormat, FORMAT_NAMES, formatSize, importers, importText, MAX_INPUT_BYTES, type FormatId, type ImportReport } from '@threatwright/formats';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { assertWritable, displayPath, writeFileAtomic } from '../../files.js';
import type { CommandContext, CommandSpec } from '../../types.js';
import { modelineValue, SCHEMA_DIR, writeSchemaCopies } from '../../schema-copy.js';
import { countsLine, headerLines, modelText } from './model-text.js';
import { FORCE_OPTION, outputOption } from '../../common-options.js';

const FORMATS = Object.keys(FORMAT_NAMES) as FormatId[];

export const command: CommandSpec = {
  name: 'import',
  group: 'Interop',
  summary: 'Turn a Threat Dragon, OTM, TMT, Threat Composer, Threagile or Mermaid file into a model',
  description:
    'Detects the format from the file itself (top-level keys, XML root, header line; never by trial), maps every element, flow, boundary, asset, threat and mitigation it can, and writes a commented model that validates. It prints what was mapped, what could not be and why; the model file repeats that in its header. Ids become C1, F1, B1, A1, T1, R1…; the id each element had in the source is kept in properties.source_id.',
  arguments: [{ name: 'file', description: 'The file to import.' }],
  options: {
    output: outputOption('Where to write the model (default: threatmodel.yaml; "-" for stdout).'),
    from: { type: 'string', choices: FORMATS, valueName: 'format', description: `The format, when detection is not wanted: ${FORMATS.join(', ')}.` },
    force: FORCE_OPTION,
    verbose: { type: 'boolean', short: 'v', description: 'List every mapped item, not only counts.' },
    json: { type: 'boolean', description: 'Print the import report as JSON on stdout (the model is still written to the file).' },
  },
  examples: [
    { command: 'threatwright import demo-threat-model.json', description: 'a Threat Dragon model into threatmodel.yaml' },
    { command: 'threatwright import model.tm7 -o payments.threatwright.yaml', description: 'a Microsoft Threat Modeling Tool file' },
    { command: 'threatwright import design.md.mmd --from mermaid', description: 'a Mermaid flowchart from a design document' },
    { command: 'threatwright import system.otm.yaml -o - | less', description: 'look before writing' },
  ],
  exitCodes: {
    0: 'The model was written.',
    2: 'The file is missing, malformed, too large, or in no supported format.',
    3: 'The output file exists (use --force).',
  },
  run: async (ctx) => {
    const input = ctx.positionals[0];
    if (input === undefined) throw new UserError('which file should be imported?', ExitCode.invalid, 'Usage: threatwright import <file> [-o model.yaml] [--from <format>]');
    const shown = displayPath(ctx.cwd, input);
    const out = stringOption(ctx.values, 'output') ?? 'threatmodel.yaml';
    const force = flagOption(ctx.values, 'force');
    if (out === '-' && flagOption(ctx.values, 'json')) throw new UserError('--json and -o - both write to stdout', ExitCode.invalid, 'Write the model to a file with -o <file>, or leave out --json.');
    if (out !== '-') await assertWritable(out, { force, cwd: ctx.cwd });

    const notFound = (err: unknown) => {
      const code = (err as NodeJS.ErrnoException).code;
      return new UserError(code === 'EISDIR' ? `${shown} is a folder, not a file` : `cannot read ${shown}: no such file`, ExitCode.invalid, 'Give the path of a file exported by one of: ' + Object.values(importers).map((i) => i.name).join(', ') + '.');
    };
    // Size first, so an oversized file is refused without being read.
    let size: number;
    try {
      const info = await stat(path.resolve(ctx.cwd, input));
      if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
      size = info.size;
    } catch (err) {
      throw notFound(err);
    }
    if (size > MAX_INPUT_BYTES) throw tooLarge(shown, size);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path.resolve(ctx.cwd, input));
    } catch (err) {
      throw notFound(err);
    }
    if (bytes.byteLength > MAX_INPUT_BYTES) throw tooLarge(shown, bytes.byteLength);
    const decoded = decodeBytes(bytes, shown, MAX_INPUT_BYTES);
    if (!decoded.ok) {
      const { hint, ...issue } = decoded.issue;
      throw new UserError(formatIssue(issue).replace(/^✖ /, ''), ExitCode.invalid, hint);
    }

    const given = stringOption(ctx.values, 'from') as FormatId | undefined;
    const format = given ?? detectFormat(decoded.text, shown);
    if (format === undefined) {
      throw new UserError(
        `cannot tell which tool made ${shown} (${describeSignature(decoded.text)})`,
        ExitCode.invalid,
        `Supported: ${Object.values(importers).map((i) => `${i.name} (${i.extensions.join(', ')})`).join('; ')}. If you know the format, pass --from <format>.`,
      );
    }
    const result = importText(decoded.text, { fileName: shown, format });
    const errors = result.issues.filter((i) => i.severity === 'error');
    if (!result.model || errors.length > 0) {
      const first = errors[0];
      if (!first) throw new UserError(`${shown} could not be imported`, ExitCode.invalid);
      const { hint, ...issue } = first;
      throw new UserError(formatIssue(issue).replace(/^✖ /, ''), ExitCode.invalid, hint);
    }
    for (const w of result.issues.filter((i) => i.severity !== 'error')) ctx.stderr(formatIssue(w) + '\n');

    const target = out === '-' ? path.resolve(ctx.cwd, 'threatmodel.yaml') : path.resolve(ctx.cwd, out);
    // Written to a file, the model points at this version's schema, written beside it; on stdout it has no schema line.
    const schema = out === '-' ? undefined : modelineValue(target, path.join(path.dirname(target), SCHEMA_DIR, 'threatwright.schema.json'));
    const text = modelText(result.model, headerLines(result.report, path.basename(input), today(ctx.env)), schema);
    const written = Buffer.byteLength(text);
    if (written > MAX_MODEL_BYTES) {
      throw new UserError(`the model imported from ${shown} would be ${formatSize(written)}, more than the ${formatSize(MAX_MODEL_BYTES)} a model file may be`, ExitCode.invalid, 'Import a smaller part of the system (one diagram or file at a time) and join the models with include:.');
    }
    // The written text must load cleanly: anything else is a bug in an importer, not the user's mistake.
    const check = loadModel({ file: out, text });
    if (hasErrors(check.issues)) throw new Error(`the ${FORMAT_NAMES[format]} importer produced an invalid model:\n${check.issues.map(formatIssue).join('\n')}`);

    if (out === '-') ctx.stdout(text);
    else {
      await writeFileAtomic(out, text, { cwd: ctx.cwd, force, mkdir: true });
      await writeSchemaCopies(path.join(path.dirname(target), SCHEMA_DIR), ctx.cwd);
    }
    if (flagOption(ctx.values, 'json')) ctx.stdout(JSON.stringify({ file: shown, output: out === '-' ? null : displayPath(ctx.cwd, out), report: result.report }, null, 2) + '\n');
    printReport(ctx, result.report, shown, out === '-' ? undefined : displayPath(ctx.cwd, out), flagOption(ctx.values, 'verbose'));
    return ExitCode.ok;
  },
};

function tooLarge(shown: string, size: number): UserError {
  return new UserError(`${shown} is ${formatSize(size)}, larger than the ${formatSize(MAX_INPUT_BYTES)} an import may be (the size limit of a model file)`, ExitCode.invalid, 'Check that this is the right file, or import a smaller part of the system.');
}

function printReport(ctx: CommandContext, report: ImportReport, input: string, output: string | undefined, verbose: boolean): void {
  const s = ctx.errStyle;
  const lines: string[] = [];
  lines.push(`${s.green('✔')} ${output ? `imported ${input} into ${output}` : `imported ${input}`} (${FORMAT_NAMES[report.format]}${report.version ? ` ${report.version}` : ''})`);
  lines.push(`  found:   ${countsLine(report.found)}`);
  lines.push(`  created: ${countsLine(report.created)}`);
  if (verbose) {
    lines.push('', s.bold(`Mapped (${report.mapped.length}):`));
    for (const n of report.mapped) lines.push(`  ${n.subject} → ${n.detail}`);
  } else if (report.mapped.length > 0) lines.push(s.dim(`  ${report.mapped.length} items mapped (--verbose lists them)`));
  if (report.dropped.length > 0) {
    lines.push('', s.yellow(`Not imported (${report.dropped.length}):`));
    for (const n of report.dropped) lines.push(`  ${s.yellow('⚠')} ${n.subject}: ${n.detail}`);
  }
  if (report.adjusted.length > 0) {
    lines.push('', s.bold(`Changed on import (${report.adjusted.length}):`));
    for (const n of report.adjusted) lines.push(`  • ${n.subject}: ${n.detail}`);
  }
  if (output) lines.push('', `Next: ${s.bold(`threatwright validate ${output}`)}, then ${s.bold(`threatwright analyze ${output}`)}.`);
  ctx.stderr(lines.join('\n') + '\n');
}


function today(env: NodeJS.ProcessEnv): string {
  const epoch = env['SOURCE_DATE_EPOCH'];
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}
