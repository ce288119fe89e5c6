/**
 * Access to the corpus of real files made by other tools (`../shared/corpus/` beside the
 * repository). Tests that use it skip, saying so in their name, when the folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { hasErrors, loadModel, type Issue, type Model } from '@threatwright/core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CORPUS_DIR = path.resolve(repoRoot, '../shared/corpus');
export const corpusAvailable = existsSync(CORPUS_DIR);
/** Suffix for describe() titles: tells the reader why the block was skipped. */
export const corpusNote = corpusAvailable ? '' : ' (skipped: ../shared/corpus not found beside the repository)';

export function corpusText(relative: string): string {
  return readFileSync(path.join(CORPUS_DIR, relative), 'utf8');
}

export function corpusJson(relative: string): unknown {
  return JSON.parse(corpusText(relative)) as unknown;
}

/** Loads a model through the real loader (as written to YAML), returning its error issues. */
export function loadErrors(model: Model): Issue[] {
  const result = loadModel({ file: 'imported.yaml', text: stringify(model) });
  return hasErrors(result.issues) ? result.issues.filter((i) => i.severity === 'error') : [];
}

/** The example models in the repository (examples/<name>/threatmodel.yaml). */
export function exampleModels(): { name: string; text: string }[] {
  const dir = path.join(repoRoot, 'examples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, file: path.join(dir, name, 'threatmodel.yaml') }))
    .filter((e) => existsSync(e.file))
    .map((e) => ({ name: e.name, text: readFileSync(e.file, 'utf8') }));
}
