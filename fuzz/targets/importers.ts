/**
 * One target per importer, on mutated real files (the shared corpus, when present) and on the
 * repository's examples exported through the exporters. The contract is the `import` command's:
 * the importer either gives a model whose written text loads with no error issue, or it refuses
 * the input with at least one error issue (which the command shows as a user error, exit 2).
 * Anything else (a throw, a model that does not load, no model and no error) is a bug.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { formatIssue, loadModel } from '@threatwright/core';
import { exporters, importers, type FormatId, type ImportResult } from '@threatwright/formats';
import { buildDiagram, toMermaid } from '@threatwright/render';
import { headerLines, modelText } from '../../packages/cli/src/commands/import/model-text.js';
import { expect, mutatedText, ROOT, seeds, target } from '../harness.js';

/** The examples' models, loaded, for exporting as seeds. */
function exampleModels() {
  const dir = path.join(ROOT, 'examples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'threatmodel.yaml')))
    .map((d) => loadModel({ file: 'threatmodel.yaml', text: readFileSync(path.join(dir, d.name, 'threatmodel.yaml'), 'utf8') }).model)
    .filter((m) => m !== undefined);
}

const models = exampleModels();
const exported: Partial<Record<FormatId, string[]>> = {};
for (const [format, exporter] of Object.entries(exporters)) {
  const texts: string[] = [];
  for (const m of models) {
    try {
      texts.push((await exporter.export(m)).text);
    } catch {
      // A seed that cannot be made is no seed; the exporters have their own tests.
    }
  }
  exported[format as FormatId] = texts;
}
exported.mermaid = models.map((m) => toMermaid(buildDiagram(m)));

/** The contract, on one importer's answer for one input. */
export function checkImport(format: FormatId, result: ImportResult): void {
  const errors = result.issues.filter((i) => i.severity === 'error');
  for (const i of result.issues) expect(typeof i.message === 'string' && i.message.length > 0, `issue ${i.code} has no message`);
  // The last resort of the shared repair step: the importer met something it could not make loadable.
  expect(!errors.some((e) => e.code === 'import-invalid'), `the ${format} importer could not make a loadable model: ${errors[0]?.message ?? ''}`);
  if (errors.length > 0) return;
  expect(result.model !== undefined, 'no model and no error issue');
  const text = modelText(result.model, headerLines(result.report, 'input', '2026-01-01'), undefined);
  const loaded = loadModel({ file: 'threatmodel.yaml', text });
  const bad = loaded.issues.filter((i) => i.severity === 'error');
  expect(bad.length === 0, `the ${format} importer gave a model that does not load:\n${bad.slice(0, 5).map(formatIssue).join('\n')}`);
}

const FORMATS: { format: FormatId; corpus: string; ext: RegExp }[] = [
  { format: 'threat-dragon', corpus: 'threat-dragon', ext: /\.json$/ },
  { format: 'tm7', corpus: 'tm7', ext: /\.tm7$/ },
  { format: 'otm', corpus: 'otm', ext: /\.(json|ya?ml)$/ },
  { format: 'threat-composer', corpus: 'threat-composer', ext: /\.json$/ },
  { format: 'threagile', corpus: 'threagile', ext: /\.ya?ml$/ },
  { format: 'mermaid', corpus: 'mermaid', ext: /\.(mmd|md)$/ },
];

export const targets = FORMATS.map(({ format, corpus, ext }) =>
  target<string>({
    name: `import:${format}`,
    arbitrary: () => mutatedText([...seeds({ corpus: [corpus], ext }), ...(exported[format] ?? [])]),
    check: (text) => {
      const importer = importers[format];
      expect(importer !== undefined, `no importer for ${format}`);
      checkImport(format, importer.import(text, { fileName: 'input' }));
    },
  }),
);
