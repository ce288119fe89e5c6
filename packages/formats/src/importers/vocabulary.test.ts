/**
 * No false warnings about the property vocabulary: every bundled example, the repository's own
 * model and every file of the corpus of real files from other tools (imported by the importer that
 * reads it) load without an error, and without a warning or a note about a property.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadModel, type Issue } from '@threatwright/core';
import { CORPUS_DIR, corpusAvailable, corpusNote, exampleModels } from '../../test/corpus.js';
import { decodeBytes } from '../shared/decode.js';
import { importText } from '../index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const PROPERTY_CODES = new Set(['unknown-property', 'unknown-property-value', 'wrong-property-type', 'property-not-applicable', 'property-is-a-field', 'property-redeclared']);

/** The issues a loaded model should not have: any error, and anything about a property. */
const unwanted = (issues: readonly Issue[]): string[] => issues.filter((i) => i.severity === 'error' || PROPERTY_CODES.has(i.code)).map((i) => `${i.code} ${i.path.join('.')}: ${i.message}`);

describe('models that come with the repository', () => {
  it.each(exampleModels().map((e) => [e.name, e.text] as const))('examples/%s loads with nothing to say about its properties', (_name, text) => {
    expect(unwanted(loadModel({ file: 'threatmodel.yaml', text }).issues)).toEqual([]);
  });

  it('the repository\'s own threat model loads with nothing to say about its properties', () => {
    const text = readFileSync(path.join(repoRoot, 'threatmodel.yaml'), 'utf8');
    expect(unwanted(loadModel({ file: 'threatmodel.yaml', text }).issues)).toEqual([]);
  });
});

/** Every file of the corpus (but its README), by folder. */
function corpusFiles(): string[] {
  if (!corpusAvailable) return [];
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join(CORPUS_DIR, d.name)).map((f) => `${d.name}/${f}`))
    .sort();
}

describe.skipIf(!corpusAvailable)(`imports of the corpus${corpusNote}`, () => {
  const files = corpusFiles();
  it('has files of every format', () => {
    expect(new Set(files.map((f) => f.split('/')[0]))).toEqual(new Set(['otm', 'threagile', 'threat-composer', 'threat-dragon', 'tm7']));
  });

  it.each(files)('%s: the import loads with nothing to say about its properties', (file) => {
    const decoded = decodeBytes(readFileSync(path.join(CORPUS_DIR, file)), file);
    if (!decoded.ok) return; // a file that is not text (invalid-not-xml.tm7): refused before any importer
    const imported = importText(decoded.text, { fileName: file });
    if (!imported.model) {
      // Files that are not models (the formats' own schemas) or are broken on purpose: refused with an error.
      expect(imported.issues.some((i) => i.severity === 'error')).toBe(true);
      return;
    }
    const loaded = loadModel({ file: 'imported.yaml', text: stringify(imported.model) });
    expect(unwanted(loaded.issues)).toEqual([]);
    expect(existsSync(CORPUS_DIR)).toBe(true);
  });
});
