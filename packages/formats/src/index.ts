/**
 * The dispatch tables of importers and exporters, and format detection by explicit signatures.
 *
 * To add a format: write `importers/<format>/index.ts` exporting an `Importer` (and/or
 * `exporters/<format>/index.ts` exporting an `Exporter`), then add ONE line to the table below.
 * See README.md for the contract every importer follows.
 */
import type { Exporter, FormatId, ImportResult, Importer } from './types.js';
import { rejection, ReportBuilder } from './shared/report.js';
import { sniff } from './shared/sniff.js';
import { importer as threatDragon } from './importers/threat-dragon/index.js';
import { importer as otm } from './importers/otm/index.js';
import { exporter as otmExporter } from './exporters/otm/index.js';
import { exporter as threatDragonExporter } from './exporters/threat-dragon/index.js';
import { importer as tm7 } from './importers/tm7/index.js';
import { importer as threatComposer } from './importers/threat-composer/index.js';
import { importer as threagile } from './importers/threagile/index.js';
import { importer as mermaid } from './importers/mermaid/index.js';
import { exporter as threatComposerExporter } from './exporters/threat-composer/index.js';

export type * from './types.js';
export { decodeBytes, formatSize, MAX_INPUT_BYTES } from './shared/decode.js';

/** Importers by format. Order matters only for `detectFormat` (most specific signature first). */
export const importers: Partial<Record<FormatId, Importer>> = {
  'threat-dragon': threatDragon,
  otm,
  tm7,
  'threat-composer': threatComposer,
  threagile,
  // Last: a header-line signature, checked after the keyed formats.
  mermaid,
};

/** Exporters by format. */
export const exporters: Partial<Record<Exporter['format'], Exporter>> = {
  otm: otmExporter,
  'threat-dragon': threatDragonExporter,
  'threat-composer': threatComposerExporter,
};

/** Every format name, for messages. */
export const FORMAT_NAMES: Record<FormatId, string> = {
  'threat-dragon': 'OWASP Threat Dragon',
  otm: 'Open Threat Model',
  tm7: 'Microsoft Threat Modeling Tool',
  'threat-composer': 'AWS Threat Composer',
  threagile: 'Threagile',
  mermaid: 'Mermaid flowchart',
};

/**
 * The format of a file, from explicit signatures only (top-level keys, XML root, header line),
 * asking each registered importer's `detect`. Never tries to import. Undefined when none matches.
 */
export function detectFormat(text: string, fileName: string): FormatId | undefined {
  for (const importer of Object.values(importers)) {
    if (importer.detect(text, fileName)) return importer.format;
  }
  return undefined;
}

/** Describes what a file looks like, for the "unknown format" message. */
export function describeSignature(text: string): string {
  const s = sniff(text);
  if (s.syntax === 'empty') return 'the file is empty';
  if (s.syntax === 'xml') return s.root ? `XML with root element <${s.root}>` : 'text starting with "<" but no XML root element';
  const keys = [...s.keys].slice(0, 8);
  if (keys.length > 0) return `${s.syntax === 'json' ? 'JSON' : 'YAML'} with top-level keys ${keys.map((k) => `"${k}"`).join(', ')}`;
  return `text starting with "${s.firstLine.slice(0, 40)}"`;
}

/**
 * Imports text: detects the format (unless given), then runs its importer. A file no importer
 * recognises, or a format with no importer, gives one error issue and no model.
 */
export function importText(text: string, options: { fileName: string; format?: FormatId | undefined }): ImportResult {
  const format = options.format ?? detectFormat(text, options.fileName);
  const known = Object.keys(importers).join(', ');
  if (format === undefined) {
    const report = new ReportBuilder('mermaid').build();
    return {
      model: undefined,
      report,
      issues: [rejection(options.fileName, 'unknown-format', `cannot tell which tool made this file (${describeSignature(text)})`, `Supported: ${known}. If you know the format, pass --from <format>.`)],
    };
  }
  const importer = importers[format];
  if (!importer) {
    return { model: undefined, report: new ReportBuilder(format).build(), issues: [rejection(options.fileName, 'unsupported-format', `no importer for ${FORMAT_NAMES[format]} files yet`, `Supported: ${known}.`)] };
  }
  return importer.import(text, { fileName: options.fileName });
}
