import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../index.js';
import { schemaErrors } from '../../../test/schemas.js';
import { exporter as otmExporter } from '../../exporters/otm/index.js';
import { importOtm } from '../otm/index.js';
import { stringify } from 'yaml';
import { analyze, loadModel, type Model } from '@threatwright/core';
import { composeStatement, importer, splitDescription } from './index.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/corpus/threat-composer');
const HAVE_CORPUS = existsSync(CORPUS);

interface TcFile {
  applicationInfo: { name: string };
  threats: { id: string; numericId: number; statement: string; status?: string; metadata?: { key: string; value: unknown }[] }[];
  mitigations: { id: string; content: string; status?: string }[];
  assumptions: { id: string; content: string; tags?: string[] }[];
  mitigationLinks: { mitigationId: string; linkedId: string }[];
  assumptionLinks: { assumptionId: string; linkedId: string; type: string }[];
}

/** The imported model loads and analyzes without errors. */
function loads(model: Model | undefined) {
  expect(model).toBeDefined();
  const result = loadModel({ file: 'imported.yaml', text: stringify(model) });
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  if (!result.model) throw new Error('the imported model did not load');
  expect(analyze(result.model).issues.filter((i) => i.severity === 'error')).toEqual([]);
}

/** Links in the source whose both ends exist, counted independently of the importer. */
function resolvableLinks(source: TcFile): number {
  const ids = new Set([...source.threats, ...source.mitigations, ...source.assumptions].map((x) => x.id));
  return [...source.mitigationLinks.map((l) => [l.mitigationId, l.linkedId]), ...source.assumptionLinks.map((l) => [l.assumptionId, l.linkedId])].filter(([a, b]) => ids.has(a ?? '') && ids.has(b ?? '')).length;
}

/** Links in the model: mitigation → threat, and assumption → threat/mitigation. */
function modelLinks(model: Model): number {
  return (model.mitigations ?? []).reduce((n, m) => n + (m.threats?.length ?? 0), 0) + (model.assumptions ?? []).reduce((n, a) => n + (a.links?.length ?? 0), 0);
}

describe.skipIf(!HAVE_CORPUS)(`Threat Composer corpus files${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus/threat-composer not found next to the repository)'}`, () => {
  for (const file of ['reinforce2024-ex1.tc.json', 'builders-exercise4.tc.json']) {
    it(`imports every threat, mitigation, assumption and resolvable link of ${file}`, () => {
      const text = readFileSync(resolve(CORPUS, file), 'utf8');
      const source = JSON.parse(text) as TcFile;
      const { model, report, issues } = importer.import(text, { fileName: file });
      expect(issues).toEqual([]);
      if (!model) throw new Error('no model');
      expect(model.system.name).toBe(source.applicationInfo.name);
      expect(model.threats).toHaveLength(source.threats.length);
      expect(model.mitigations).toHaveLength(source.mitigations.length);
      expect(model.assumptions).toHaveLength(source.assumptions.length);
      expect(modelLinks(model)).toBe(resolvableLinks(source));
      const dangling = source.mitigationLinks.length + source.assumptionLinks.length - resolvableLinks(source);
      expect(report.dropped.filter((n) => n.subject.includes(' link '))).toHaveLength(dangling);
      expect(report.dropped.filter((n) => n.subject.endsWith('image'))).toHaveLength(2);
      expect(model.system.description).toContain('## Architecture');
      expect(model.system.description).not.toContain('data:image');
      for (const t of source.threats) expect(model.threats?.find((x) => x.id === `T${t.numericId}`)?.title).toBe(t.statement);
      loads(model);
    });
  }

  it('keeps grammar fields, STRIDE, priority and comments of reinforce2024-ex1 threat 20', () => {
    const { model } = importer.import(readFileSync(resolve(CORPUS, 'reinforce2024-ex1.tc.json'), 'utf8'), { fileName: 'reinforce2024-ex1.tc.json' });
    const t = model?.threats?.find((x) => x.id === 'T20');
    expect(t).toMatchObject({
      category: 'information-disclosure',
      impact: 2,
      statement: {
        source: 'threat actor',
        prerequisites: 'with knowledge of a browser image render vulnerability',
        action: 'trick a user into importing a malicious JSON file containing malicious BASE64 images',
        impact: 'exfiltration the contents of local storage to and end-point controlled by the actor',
        goals: ['confidentiality'],
        assets: ['threats', 'mitigations', 'assumptions', 'application metadata'],
      },
    });
    expect(t?.assets?.map((a) => model?.assets?.find((x) => x.id === a)?.name)).toEqual(['threats', 'mitigations', 'assumptions', 'application metadata']);
  });

  it('maps statuses, several STRIDE letters and tags of builders-exercise4', () => {
    const text = readFileSync(resolve(CORPUS, 'builders-exercise4.tc.json'), 'utf8');
    const { model } = importer.import(text, { fileName: 'builders-exercise4.tc.json' });
    const t10 = model?.threats?.find((x) => x.id === 'T10');
    expect(t10).toMatchObject({ category: 'tampering', status: 'open' });
    expect(t10?.tags).toContain('stride:elevation-of-privilege');
    expect(t10?.description).toMatch(/candidate for decomposition/);
    expect(model?.mitigations?.every((m) => m.status === 'proposed')).toBe(true);
    expect(model?.assumptions?.find((a) => a.id === 'AS19')?.tags).toEqual(['WCGW']);
  });
});

const SMALL = JSON.stringify({
  schema: 1,
  applicationInfo: { name: 'Shop', description: 'Sells things.' },
  architecture: { description: '### Parts\n\nWeb and DB.', image: 'https://example.com/arch.png' },
  dataflow: { description: 'Browser to web.' },
  assumptions: [{ id: '11111111-1111-4111-8111-111111111111', numericId: 1, content: 'TLS terminates at the edge', tags: ['infra'], metadata: [{ key: 'Comments', value: 'Per ops' }] }],
  mitigations: [
    { id: '22222222-2222-4222-8222-222222222222', numericId: 3, content: 'Rate limit sign-in', status: 'mitigationInProgress' },
    { id: '33333333-3333-4333-8333-333333333333', numericId: 4, content: 'Accept the risk', status: 'mitigationResolvedWillNotAction' },
  ],
  assumptionLinks: [{ type: 'Mitigation', assumptionId: '11111111-1111-4111-8111-111111111111', linkedId: '22222222-2222-4222-8222-222222222222' }],
  mitigationLinks: [
    { mitigationId: '22222222-2222-4222-8222-222222222222', linkedId: '44444444-4444-4444-8444-444444444444' },
    { mitigationId: '22222222-2222-4222-8222-222222222222', linkedId: '99999999-9999-4999-8999-999999999999' },
  ],
  threats: [
    { id: '44444444-4444-4444-8444-444444444444', numericId: 7, threatSource: 'internet-based threat actor', threatAction: 'guess passwords', impactedGoal: ['integrity'], impactedAssets: ['user accounts'], status: 'threatResolved', metadata: [{ key: 'STRIDE', value: ['S'] }, { key: 'Priority', value: 'High' }] },
    { id: '55555555-5555-4555-8555-555555555555', numericId: 7, severity: 'x', statement: 'A duplicate-numbered threat', status: 'threatResolvedNotUseful', customTemplate: 'A [threatSource] can [threatAction]' },
  ],
  brainstorm: { ideas: [] },
});

describe('Threat Composer importer', () => {
  const { model, report, issues } = importer.import(SMALL, { fileName: 'shop.tc.json' });

  it('composes a statement when the file has none, and keeps numbers as ids', () => {
    expect(issues).toEqual([]);
    expect(model?.threats?.[0]).toMatchObject({ id: 'T7', title: 'An internet-based threat actor can guess passwords, resulting in reduced integrity of user accounts', status: 'mitigated', category: 'spoofing', impact: 4 });
    expect(model?.threats?.[1]).toMatchObject({ id: 'T1', status: 'not-applicable' });
    expect(report.adjusted.some((n) => n.detail.includes('used twice'))).toBe(true);
    loads(model);
  });

  it('links mitigations both ways and assumptions to mitigations, and reports dangling links', () => {
    expect(model?.mitigations?.find((m) => m.id === 'R3')).toMatchObject({ status: 'in-progress', threats: ['T7'] });
    expect(model?.threats?.[0]?.mitigations).toEqual(['R3']);
    expect(model?.assumptions?.[0]).toMatchObject({ id: 'AS1', links: ['R3'], tags: ['infra'], description: 'Per ops' });
    expect(report.dropped.find((n) => n.subject.startsWith('mitigation link'))?.detail).toBe('the threat or assumption it links to is not in the file');
  });

  it('keeps "will not action" as a tag and reports what it cannot keep', () => {
    expect(model?.mitigations?.find((m) => m.id === 'R4')).toMatchObject({ status: 'proposed', tags: ['will-not-action'] });
    expect(report.dropped.map((n) => n.subject)).toEqual(expect.arrayContaining(['architecture image', 'custom statement templates', 'section "brainstorm"', 'field "severity" of 1 threats']));
    expect(splitDescription(model?.system.description)).toEqual({ application: 'Sells things.', architecture: '### Parts\n\nWeb and DB.', dataflow: 'Browser to web.' });
  });

  it('rejects JSON that is not a Threat Composer file, and broken JSON, with one error each', () => {
    for (const text of ['{"otmVersion":"0.2.0","project":{}}', '[1,2,3]', '{"schema":1,"threats":[', `${'['.repeat(300)}${']'.repeat(300)}`]) {
      const r = importer.import(text, { fileName: 'x.tc.json' });
      expect(r.model).toBeUndefined();
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]?.location?.file).toBe('x.tc.json');
    }
  });

  it('detects Threat Composer files by their keys or their ending', () => {
    expect(importer.detect(SMALL, 'export.json')).toBe(true);
    expect(importer.detect('{"a":1}', 'model.tc.json')).toBe(true);
    expect(importer.detect('{"summary":{},"detail":{}}', 'model.json')).toBe(false);
    expect(importer.detect('schema: 1\nthreats: []\n', 'model.yaml')).toBe(false);
  });

  it('composes statements the way Threat Composer does', () => {
    expect(composeStatement({ source: 'actor', action: 'do x' })).toBe('An actor can do x');
    expect(composeStatement({ source: 'threat actor', prerequisites: 'with access', action: 'do x', impact: 'loss', assets: ['a', 'b'] })).toBe('A threat actor with access can do x, which leads to loss, negatively impacting a and b');
  });
});

describe.skipIf(!HAVE_CORPUS)(`threat-composer imports round-trip through Open Threat Model${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
  it.each(['reinforce2024-ex1.tc.json', 'builders-exercise4.tc.json'])('%s: export to OTM (valid against the official schema) then import gives the same model', async (file) => {
    const model = importer.import(readFileSync(resolve(CORPUS, file), 'utf8'), { fileName: file }).model;
    if (!model) throw new Error(`${file} did not import`);
    const { text } = await Promise.resolve(otmExporter.export(model));
    expect(schemaErrors('otm/otm_schema-0.2.0.json', JSON.parse(text))).toEqual([]);
    const back = importOtm(text, { fileName: 'roundtrip.otm.json' });
    expect(back.issues).toEqual([]);
    expect(back.model).toEqual(model);
  });
});

describe.skipIf(!HAVE_CORPUS)(`threat-composer detection through the dispatch table${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
  it.each(['reinforce2024-ex1.tc.json', 'builders-exercise4.tc.json'])('%s is recognised as threat-composer, also under a neutral file name', (file) => {
    const text = readFileSync(resolve(CORPUS, file), 'latin1');
    expect(detectFormat(text, file)).toBe('threat-composer');
    if (!file.startsWith('invalid')) expect(detectFormat(text, 'upload.dat')).toBe('threat-composer');
  });
});
