import { describe, expect, it } from 'vitest';
import { analyze } from '@threatwright/core';
import { corpusAvailable, corpusNote, corpusText, loadErrors } from '../test/corpus.js';
import { detectFormat, exporters, importers, importText, type FormatId } from './index.js';

/** Every model file in the corpus and the format it is in. Schemas and malformed files are listed apart. */
const CORPUS: [string, FormatId][] = [
  ['threat-dragon/demo-threat-model.v2.json', 'threat-dragon'],
  ['threat-dragon/demo-threat-model.v1.json', 'threat-dragon'],
  ['threat-dragon/three-tier-web-app.json', 'threat-dragon'],
  ['threat-dragon/test-reports-all-diagram-types.json', 'threat-dragon'],
  ['threat-dragon/new-model.v2.json', 'threat-dragon'],
  ['otm/otm-spec-example.yaml', 'otm'],
  ['otm/otm-spec-example.json', 'otm'],
  ['otm/startleft-manual.yaml', 'otm'],
  ['otm/startleft-minimal.yaml', 'otm'],
  ['tm7/MTMT_example.tm7', 'tm7'],
  ['tm7/MTMT_example.expected-otm.yaml', 'otm'],
  ['tm7/SDL_all_components.tm7', 'tm7'],
  ['threat-composer/reinforce2024-ex1.tc.json', 'threat-composer'],
  ['threat-composer/builders-exercise4.tc.json', 'threat-composer'],
  ['threagile/example.threagile.yaml', 'threagile'],
];
const SCHEMAS = ['otm/otm_schema-0.2.0.json', 'threat-composer/threat-composer-v1.schema.json'];

describe('format detection', () => {
  it('recognises each format by its signature alone', () => {
    expect(detectFormat('{"summary": {}, "detail": {"diagrams": []}}', 'x.json')).toBe('threat-dragon');
    expect(detectFormat('otmVersion: 0.2.0\nproject: {}\n', 'x.yaml')).toBe('otm');
    expect(detectFormat('flowchart LR\n  a --> b\n', 'x.mmd')).toBe('mermaid');
    expect(detectFormat('{"title": "x"}', 'x.json')).toBeUndefined();
    expect(detectFormat('', 'x.json')).toBeUndefined();
  });

  it('reports an unknown format as one error, without a model', () => {
    const result = importText('just: yaml\n', { fileName: 'x.yaml' });
    expect(result.model).toBeUndefined();
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'unknown-format', message: expect.stringMatching(/top-level keys "just"/) as unknown });
  });

  it('registers an importer for every format and the three exporters', () => {
    expect(Object.keys(importers).sort()).toEqual(['mermaid', 'otm', 'threagile', 'threat-composer', 'threat-dragon', 'tm7']);
    expect(Object.keys(exporters).sort()).toEqual(['otm', 'threat-composer', 'threat-dragon']);
    for (const [id, importer] of Object.entries(importers)) expect(importer.format).toBe(id);
  });
});

describe(`every corpus file${corpusNote}`, () => {
  it.skipIf(!corpusAvailable).each(CORPUS)('%s is detected as %s by exactly one importer', (file, format) => {
    const text = corpusText(file);
    const claims = Object.values(importers).filter((i) => i.detect(text, file)).map((i) => i.format);
    expect(claims).toEqual([format]);
    expect(detectFormat(text, file)).toBe(format);
  });

  it.skipIf(!corpusAvailable).each(SCHEMAS)('the schema %s is claimed by no importer', (file) => {
    expect(detectFormat(corpusText(file), file)).toBeUndefined();
  });

  it.skipIf(!corpusAvailable).each(CORPUS)('%s imports into a model that validates and analyzes without errors', (file) => {
    const result = importText(corpusText(file), { fileName: file });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const model = result.model;
    if (!model) throw new Error('no model');
    expect(loadErrors(model)).toEqual([]);
    const analysis = analyze(model, { now: new Date('2026-11-01') });
    expect(analysis.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe(`round trips of imported corpus files${corpusNote}`, () => {
  const withoutLayout = <T extends object | undefined>(m: T) => (m ? { ...m, layout: undefined } : m);
  it.skipIf(!corpusAvailable).each(CORPUS)('%s → OTM → model keeps everything', async (file) => {
    const model = importText(corpusText(file), { fileName: file }).model;
    const otm = exporters.otm;
    if (!model || !otm) throw new Error('no model or exporter');
    const back = importText((await otm.export(model)).text, { fileName: 'x.otm.json' });
    expect(back.model).toEqual(model);
  });

  it.skipIf(!corpusAvailable).each(CORPUS)('%s → Threat Dragon → model keeps everything', async (file) => {
    const model = importText(corpusText(file), { fileName: file }).model;
    const td = exporters['threat-dragon'];
    if (!model || !td) throw new Error('no model or exporter');
    const back = importText((await td.export(model)).text, { fileName: 'x.json' });
    expect(withoutLayout(back.model)).toEqual(withoutLayout(model));
  });
});
