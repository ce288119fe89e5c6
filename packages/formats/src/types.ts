/**
 * Importers and exporters are pure functions in dispatch tables (see ./index.ts).
 * An importer turns another tool's file into a Threatwright model plus a report of what was
 * mapped and what could not be; nothing is dropped silently.
 */
import type { AnalysisResult, Issue, Model } from '@threatwright/core';

export type FormatId = 'threat-dragon' | 'otm' | 'tm7' | 'threat-composer' | 'threagile' | 'mermaid';

export interface ImportNote {
  /** What it is about, e.g. `cell 6c2a… (Browser)` or `threat "Spoofing of the user"`. */
  subject: string;
  /** What happened to it: for `mapped`, where it went (e.g. `component C3`); for `dropped`, why. */
  detail: string;
}

export interface ImportReport {
  format: FormatId;
  /** Format version as found in the file, e.g. "2.2.0", "0.2.0". */
  version?: string;
  /** Counts of what was found in the source, by kind (elements, flows, boundaries, threats, …). */
  found: Record<string, number>;
  /** Counts of what was created in the model, by section. */
  created: Record<string, number>;
  mapped: ImportNote[];
  /** Things that could not be represented, each with the reason. */
  dropped: ImportNote[];
  /** Things kept with a change (renamed ids, guessed kinds, …). */
  adjusted: ImportNote[];
}

export interface ImportResult {
  /** Undefined when the input was rejected (then `issues` has at least one error). */
  model: Model | undefined;
  report: ImportReport;
  issues: Issue[];
}

export interface Importer {
  format: FormatId;
  /** Human name, e.g. "OWASP Threat Dragon". */
  name: string;
  /** Typical file endings, for messages and `--help`. */
  extensions: string[];
  /**
   * Explicit signature check on the (already decoded) text: top-level keys, root element, header line.
   * Never implemented by trying to import.
   */
  detect: (text: string, fileName: string) => boolean;
  import: (text: string, options: { fileName: string }) => ImportResult;
}

/**
 * What an export did, in the import report's shape: `found` counts what the model and its analysis
 * hold (components, flows, threats, derived threats, baseline entries, …), `created` what the file
 * holds; `dropped` says what was not written and why, `adjusted` what was written with a change or
 * kept only in the `threatwright` extension (which other tools ignore and our importers read back),
 * `mapped` where each threat went. Its text is as the model has it: each shell escapes it for its output.
 */
export type ExportReport = ImportReport;

export interface ExportResult {
  text: string;
  report: ExportReport;
}

export interface ExportOptions {
  /**
   * The model's analysis, for its derived threats, the decisions about them and their residual
   * bands. The CLI passes the one `analyze` gives (with the test evidence saved beside the model);
   * without it an exporter runs core's `analyze(model)` itself.
   */
  analysis?: AnalysisResult | undefined;
  /**
   * Write the baseline tier's entries (confidence `baseline`) as threats too. They are questions
   * the model does not answer yet, not threats, so by default they are left out and counted in the
   * report; decisions about them travel in the extension either way.
   */
  includeBaseline?: boolean | undefined;
}

export interface Exporter {
  format: Extract<FormatId, 'otm' | 'threat-dragon' | 'threat-composer'>;
  name: string;
  /** Default file ending, e.g. ".otm.json". */
  extension: string;
  /** May be async (layout engines are). The report says what the target format cannot hold. */
  export: (model: Model, options?: ExportOptions) => ExportResult | Promise<ExportResult>;
}
