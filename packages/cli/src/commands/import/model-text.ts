/**
 * The text of an imported model: a header saying where it came from, what was left out and what
 * to review, the schema line for editors, and a short comment above each section.
 */
import { Document, isMap, isScalar } from 'yaml';
import type { Model } from '@threatwright/core';
import { FORMAT_NAMES, type ImportReport } from '@threatwright/formats';

const SECTION_NOTES: Partial<Record<keyof Model, string>> = {
  components: 'DFD elements. properties.source_id is the id in the source file. Check each kind and add a `type` (web-app, api, database, …) so the analysis knows what it is.',
  assets: 'What is worth protecting, with its confidentiality, integrity and availability.',
  flows: 'Data flows. Unstated facts (encrypted, authenticated, …) become questions in `threatwright analyze`.',
  boundaries: 'Trust boundaries. Set `trust` (0–100 or untrusted…trusted) where the source did not.',
  threats: 'Threats as recorded in the source tool, with their status.',
  mitigations: 'Mitigations, linked to the threats they address.',
  layout: 'Diagram positions from the source file (used by the editor).',
  taxonomy: 'Property keys kept from the source file that the property catalogue does not have, with what they meant there. No rule reads them; declared, they are known, so a misspelt key is still warned about.',
};

/** `3 components, 2 flows` (zero counts left out), or `nothing`. */
/** "1 diagram", "1 boundary": the plural nouns the reports count by, for a count of one. */
function one(kind: string): string {
  if (kind.endsWith('ies')) return `${kind.slice(0, -3)}y`;
  if (kind.endsWith('s') && !kind.endsWith('ss')) return kind.slice(0, -1);
  return kind;
}

export function countsLine(counts: Record<string, number>): string {
  return (
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${n === 1 ? one(k) : k}`)
      .join(', ') || 'nothing'
  );
}

/** Comment lines (without `#`) for the header. Long lists are cut, with the count of what was left out. */
export function headerLines(report: ImportReport, source: string, date: string, max = 40): string[] {
  const lines = [`Imported from ${source} (${FORMAT_NAMES[report.format]}${report.version ? ` ${report.version}` : ''}) by \`threatwright import\` on ${date}.`];
  lines.push('A starting point: review it, then run `threatwright validate` and `threatwright analyze`.');
  lines.push(`Found ${countsLine(report.found)}; created ${countsLine(report.created)}.`);
  const list = (title: string, notes: { subject: string; detail: string }[]) => {
    if (notes.length === 0) return;
    lines.push('', `${title} (${notes.length}):`);
    for (const n of notes.slice(0, max)) lines.push(`  - ${n.subject}: ${n.detail}`);
    if (notes.length > max) lines.push(`  … and ${notes.length - max} more (run the import again with --verbose to list them)`);
  };
  list('Not imported', report.dropped);
  list('Changed on import', report.adjusted);
  // Every line break YAML knows ends a comment: split on all of them so no text escapes the header.
  return lines.flatMap((l) => l.split(/\r\n|\r|\n/));
}

export function modelText(model: Model, header: string[], schema: string | undefined): string {
  const doc = new Document(model);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const note = SECTION_NOTES[key as keyof Model];
      if (note && isScalar(pair.key)) pair.key.commentBefore = ` ${note}`;
    }
  }
  const top = [...(schema ? [`# yaml-language-server: $schema=${schema}`] : []), ...header.map((l) => (l === '' ? '#' : `# ${l}`))].join('\n');
  return `${top}\n\n${doc.toString({ lineWidth: 0 })}`;
}
