/**
 * Importers and exporters are pure functions in dispatch tables (see ./index.ts).
 * An importer turns another tool's file into a Threatwright model plus a report of what was
 * mapped and what could not be; nothing is dropped silently.
 */
import type { Issue, Model } from '@threatwright/core';

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

export interface ExportResult {
  text: string;
  notes: ImportNote[];
}

export interface Exporter {
  format: Extract<FormatId, 'otm' | 'threat-dragon' | 'threat-composer'>;
  name: string;
  /** Default file ending, e.g. ".otm.json". */
  extension: string;
  /** May be async (layout engines are). Notes say what the target format cannot hold. */
  export: (model: Model) => ExportResult | Promise<ExportResult>;
}
