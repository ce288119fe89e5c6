import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadModel, type Model } from '@threatwright/core';
import { importer } from '../../importers/threat-composer/index.js';
import { escapeMarkdown, exporter, exportThreatComposer, stableUuid } from './index.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../examples');
const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/corpus/threat-composer');
const SCHEMA = resolve(CORPUS, 'threat-composer-v1.schema.json');
const HAVE_CORPUS = existsSync(SCHEMA);
const skipNote = HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus/threat-composer not found next to the repository)';

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
}

const MODEL: Model = {
  threatwright: 1,
  system: { name: 'Payments <script>', description: 'Moves money.' },
  components: [
    { id: 'C1', name: 'Web [app](javascript:alert(1))', kind: 'process', type: 'web-app', boundary: 'B1' },
    { id: 'C2', name: 'Ledger', kind: 'datastore', type: 'database', boundary: 'B1' },
  ],
  boundaries: [{ id: 'B1', name: 'Cloud', trust: 'high' }],
  flows: [{ id: 'F1', from: 'C1', to: 'C2', protocol: 'tls', encrypted: true, data: ['A1'] }],
  assets: [{ id: 'A1', name: 'ledger entries' }],
  threats: [
    { id: 'T1', title: 'An attacker can alter ledger entries', category: 'tampering', tags: ['stride:repudiation', 'ledger'], impact: 5, status: 'accepted', elements: ['C2'], assets: ['A1'], mitigations: ['R1'] },
    { id: 'T2', title: 'Linkable payment records', category: 'linking', status: 'open' },
    { fingerprint: 'unencrypted-flow@F1', status: 'false-positive' },
  ],
  mitigations: [{ id: 'R1', title: 'Append-only ledger', status: 'implemented', threats: ['T1', 'unencrypted-flow@F1'], tags: ['integrity'] }],
  assumptions: [{ id: 'AS1', text: 'The cloud provider is trusted', links: ['T1', 'R1', 'C1'], tags: ['WCGW'] }],
  attack_trees: [{ id: 'AT1', goal: 'Steal money', root: { title: 'Steal money' } }],
};

describe(`Threat Composer exporter${skipNote}`, () => {
  it.skipIf(!HAVE_CORPUS)('writes a file valid against the official Threat Composer schema', () => {
    const validate = validator();
    const { text } = exportThreatComposer(MODEL);
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('links mitigations and assumptions by stable UUIDs and maps STRIDE, priority and status', () => {
    const doc = JSON.parse(exportThreatComposer(MODEL).text) as {
      threats: { id: string; numericId: number; statement: string; status: string; metadata: { key: string; value: unknown }[]; tags?: string[]; impactedAssets?: string[] }[];
      mitigations: { id: string; status: string }[];
      mitigationLinks: { mitigationId: string; linkedId: string }[];
      assumptionLinks: { type: string; assumptionId: string; linkedId: string }[];
    };
    expect(doc.threats).toHaveLength(2);
    const t1 = doc.threats[0];
    expect(t1).toMatchObject({ numericId: 1, statement: 'An attacker can alter ledger entries', status: 'threatResolved', tags: ['ledger'], impactedAssets: ['ledger entries'] });
    expect(t1?.metadata).toEqual(expect.arrayContaining([{ key: 'STRIDE', value: ['T', 'R'] }, { key: 'Priority', value: 'High' }]));
    expect(doc.mitigations[0]?.status).toBe('mitigationResolved');
    expect(doc.mitigationLinks).toEqual([{ mitigationId: doc.mitigations[0]?.id, linkedId: t1?.id }]);
    expect(doc.assumptionLinks.map((l) => l.type)).toEqual(['Threat', 'Mitigation']);
    expect(t1?.id).toBe(stableUuid('threat:T1'));
    expect(exportThreatComposer(MODEL).text).toBe(exportThreatComposer(MODEL).text);
  });

  it('lists diagram elements as escaped Markdown and notes everything it cannot hold', () => {
    const { text, report } = exportThreatComposer(MODEL);
    const notes = [...report.dropped, ...report.adjusted];
    const doc = JSON.parse(text) as { architecture: { description: string }; dataflow: { description: string } };
    expect(doc.architecture.description).toContain('Web \\[app\\](javascript:alert(1))');
    expect(doc.dataflow.description).toContain('**Web \\[app\\]');
    const subjects = notes.map((n) => `${n.subject}: ${n.detail}`).join('\n');
    expect(subjects).toMatch(/decision\(s\) about findings the model no longer produces: unencrypted-flow@F1: not exported/);
    expect(subjects).toMatch(/LINDDUN/);
    expect(subjects).toMatch(/attack trees/);
    expect(subjects).toMatch(/status "accepted"/);
    expect(subjects).toMatch(/link R1 → unencrypted-flow@F1: points to a finding the model no longer produces/);
    expect(subjects).toMatch(/assumption AS1: links to Web/);
  });

  it('exports derived findings with their fingerprint, and imports only the decisions about them back', () => {
    const model: Model = {
      threatwright: 1,
      system: { name: 'Clear text' },
      components: [
        { id: 'C1', name: 'Shop', kind: 'process', boundary: 'B1' },
        { id: 'C2', name: 'Bank', kind: 'external-entity', boundary: 'B2' },
      ],
      boundaries: [
        { id: 'B1', name: 'Ours', trust: 'high' },
        { id: 'B2', name: 'Theirs', trust: 'low' },
      ],
      flows: [{ id: 'F1', from: 'C1', to: 'C2', encrypted: false }],
      threats: [{ fingerprint: 'unencrypted-flow@F1', status: 'accepted', justification: 'Runs inside the bank VPN', owner: 'Ops' }],
      mitigations: [{ id: 'R1', title: 'Move the link to TLS', threats: ['unencrypted-flow@F1'] }],
    };
    const { text, report } = exportThreatComposer(model);
    if (HAVE_CORPUS) expect(validator()(JSON.parse(text))).toBe(true);
    const doc = JSON.parse(text) as { threats: { id: string; statement: string; status: string; tags: string[]; metadata: { key: string; value: unknown }[] }[]; mitigationLinks: { linkedId: string }[] };
    const finding = doc.threats.find((t) => t.metadata.some((m) => m.key === 'custom:threatwright-fingerprint' && m.value === 'unencrypted-flow@F1'));
    expect(finding).toMatchObject({ status: 'threatResolved', tags: ['derived'] });
    expect(finding?.statement).toMatch(/without encryption/);
    expect(doc.mitigationLinks.map((l) => l.linkedId)).toEqual([finding?.id]);
    expect(report.adjusted.map((n) => n.detail).join('\n')).toMatch(/the decision about them in custom:threatwright-decision/);
    const back = importer.import(text, { fileName: 'clear.tc.json' }).model;
    // The whole decision comes back, owner included, and nothing else: the analysis derives the findings again.
    expect(back?.threats).toEqual([{ fingerprint: 'unencrypted-flow@F1', status: 'accepted', justification: 'Runs inside the bank VPN', owner: 'Ops' }]);
    expect(back?.mitigations?.[0]?.threats).toEqual(['unencrypted-flow@F1']);
  });

  it('is registered as the threat-composer exporter', async () => {
    expect(exporter).toMatchObject({ format: 'threat-composer', extension: '.tc.json' });
    const viaContract = await Promise.resolve(exporter.export(MODEL));
    expect(viaContract.text).toBe(exportThreatComposer(MODEL).text);
  });

  it('escapes every Markdown control character', () => {
    expect(escapeMarkdown('*a* _b_ <i> [x](y) ![i](u) `c` a|b ~~s~~ \\')).toBe('\\*a\\* \\_b\\_ \\<i\\> \\[x\\](y) !\\[i\\](u) \\`c\\` a\\|b \\~\\~s\\~\\~ \\\\');
    expect(escapeMarkdown('first-party, v1.2 (C3)\n# not a heading')).toBe('first-party, v1.2 (C3) # not a heading');
  });
});

/** Link lists are sets: their order follows the file's link list, which an export may reorder. */
function sortedLinks<T extends { threats?: string[] | undefined; mitigations?: string[] | undefined; links?: string[] | undefined }>(items: T[] | undefined): T[] | undefined {
  return items?.map((i) => ({ ...i, ...(i.threats ? { threats: [...i.threats].sort() } : {}), ...(i.mitigations ? { mitigations: [...i.mitigations].sort() } : {}), ...(i.links ? { links: [...i.links].sort() } : {}) }));
}

describe.skipIf(!HAVE_CORPUS)(`Threat Composer round trip${skipNote}`, () => {
  for (const file of ['reinforce2024-ex1.tc.json', 'builders-exercise4.tc.json']) {
    it(`export then import of ${file} preserves threats, mitigations, assumptions and links`, () => {
      const first = importer.import(readFileSync(resolve(CORPUS, file), 'utf8'), { fileName: file }).model;
      if (!first) throw new Error('no model');
      const exported = exportThreatComposer(first).text;
      const validate = validator();
      expect(validate(JSON.parse(exported)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const second = importer.import(exported, { fileName: file }).model;
      expect(second?.system).toEqual(first.system);
      expect(second?.threats).toHaveLength(first.threats?.length ?? -1);
      expect(sortedLinks(second?.threats)).toEqual(sortedLinks(first.threats));
      expect(sortedLinks(second?.mitigations)).toEqual(sortedLinks(first.mitigations));
      expect(sortedLinks(second?.assumptions)).toEqual(sortedLinks(first.assumptions));
      expect(second?.assets).toEqual(first.assets);
    });
  }
});

/** The model's manual threats, decisions, mitigations and assumptions, with links to threats and findings. */
function shareable(model: Model) {
  const threatIds = new Set((model.threats ?? []).filter((t) => t.id !== undefined && t.title !== undefined).map((t) => t.id));
  const mitigationIds = new Set((model.mitigations ?? []).map((m) => m.id));
  return {
    threats: (model.threats ?? [])
      .filter((t) => threatIds.has(t.id))
      .map((t) => ({ id: t.id, title: t.title, category: t.category, status: t.status, impact: t.impact, likelihood: t.likelihood, mitigations: [...new Set([...(t.mitigations ?? []), ...(model.mitigations ?? []).filter((m) => m.threats?.includes(t.id ?? '')).map((m) => m.id)])].sort() })),
    mitigations: (model.mitigations ?? []).map((m) => ({ id: m.id, title: m.title, status: m.status, threats: [...new Set([...(m.threats ?? []).filter((t) => threatIds.has(t) || t.includes('@')), ...(model.threats ?? []).filter((t) => threatIds.has(t.id) && t.mitigations?.includes(m.id)).map((t) => t.id ?? '')])].sort() })),
    assumptions: (model.assumptions ?? []).map((a) => ({ id: a.id, text: a.text, links: (a.links ?? []).filter((l) => threatIds.has(l) || mitigationIds.has(l)).sort() })),
    decisions: (model.threats ?? []).filter((t) => t.fingerprint !== undefined && t.status !== undefined && t.status !== 'open').map((t) => ({ fingerprint: t.fingerprint, status: t.status })),
  };
}

describe.skipIf(!HAVE_CORPUS)(`Threat Composer export of the examples${skipNote}`, () => {
  const examples = existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter((d) => existsSync(resolve(EXAMPLES, d, 'threatmodel.yaml'))) : [];

  it('has examples to export', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const name of examples) {
    it(`exports examples/${name} validly, and importing it back keeps threats, mitigations, assumptions and links`, () => {
      const file = resolve(EXAMPLES, name, 'threatmodel.yaml');
      const loaded = loadModel({ file, text: readFileSync(file, 'utf8') });
      if (!loaded.model) throw new Error(`examples/${name} does not load`);
      const { text, report } = exportThreatComposer(loaded.model);
      const validate = validator();
      expect(validate(JSON.parse(text)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      if ((loaded.model.components?.length ?? 0) > 0) expect(report.adjusted.some((n) => n.detail.includes('no diagram elements'))).toBe(true);
      const back = importer.import(text, { fileName: `${name}.tc.json` }).model;
      if (!back) throw new Error('the export does not import');
      expect(shareable(back)).toEqual(shareable(loaded.model));
    });
  }
});
