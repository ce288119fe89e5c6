import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exporter as threatDragonExporter } from '../../exporters/threat-dragon/index.js';
import { importer as threatDragonImporter } from '../threat-dragon/index.js';
import { detectFormat } from '../../index.js';
import { schemaErrors } from '../../../test/schemas.js';
import { exporter as otmExporter } from '../../exporters/otm/index.js';
import { importOtm } from '../otm/index.js';
import { parse, stringify } from 'yaml';
import { analyze, loadModel, type Model } from '@threatwright/core';
import { mapProtocol, normalizeEnum } from './enums.js';
import { importer, resolveMergeKeys } from './index.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/corpus/threagile');
const HAVE_CORPUS = existsSync(CORPUS);

/** The imported model loads and analyzes without errors. */
function loads(model: Model | undefined) {
  expect(model).toBeDefined();
  const result = loadModel({ file: 'imported.yaml', text: stringify(model) });
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  if (!result.model) throw new Error('the imported model did not load');
  expect(analyze(result.model).issues.filter((i) => i.severity === 'error')).toEqual([]);
}

type Section = Record<string, Record<string, unknown>>;

describe.skipIf(!HAVE_CORPUS)(`Threagile corpus file${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus/threagile not found next to the repository)'}`, () => {
  const text = HAVE_CORPUS ? readFileSync(resolve(CORPUS, 'example.threagile.yaml'), 'utf8') : '';
  const source = (HAVE_CORPUS ? parse(text, { merge: true }) : {}) as Record<string, Section>;
  const result = importer.import(text, { fileName: 'example.threagile.yaml' });
  const model = result.model as Model;

  it('imports every technical asset, link, data asset, boundary, runtime and risk of example.threagile.yaml', () => {
    expect(result.issues).toEqual([]);
    const tech = Object.values(source.technical_assets ?? {});
    const links = tech.reduce((n, t) => n + Object.keys((t.communication_links as object | null) ?? {}).length, 0);
    const risks = Object.values(source.individual_risk_categories ?? {}).reduce((n, c) => n + Object.keys((c.risks_identified as object | null) ?? {}).length, 0);
    const tracking = Object.keys(source.risk_tracking ?? {}).length;
    expect([tech.length, links, Object.keys(source.data_assets ?? {}).length, Object.keys(source.trust_boundaries ?? {}).length, risks, tracking]).toEqual([14, 20, 12, 5, 2, 6]);
    expect(model.components).toHaveLength(tech.length);
    expect(model.flows).toHaveLength(links);
    expect(model.assets).toHaveLength(12);
    expect(model.boundaries).toHaveLength(5);
    expect(model.dependencies).toHaveLength(Object.keys(source.shared_runtimes ?? {}).length);
    // Each individual risk is a threat; each tracking entry matches none of them here, so each is kept as a decision.
    expect(model.threats).toHaveLength(risks + tracking);
    expect(model.attack_trees).toHaveLength(Object.keys(source.abuse_cases ?? {}).length);
    expect(result.report.found).toMatchObject({ elements: 14, flows: 20, assets: 12, boundaries: 5, threats: 2, 'risk tracking': 6 });
    loads(model);
  });

  it('keeps Threagile ids, nesting and boundary membership', () => {
    expect(model.components?.find((c) => c.id === 'erp-system')).toMatchObject({ name: 'Backoffice ERP System', kind: 'process', boundary: 'erp-dmz' });
    expect(model.boundaries?.find((b) => b.id === 'web-dmz')).toMatchObject({ name: 'Web DMZ', parent: 'application-network', type: 'network-cloud-security-group' });
    expect(model.boundaries?.find((b) => b.id === 'auth-env')?.parent).toBe('application-network');
    expect(model.components?.find((c) => c.id === 'sql-database')).toMatchObject({ kind: 'datastore', type: 'database', boundary: 'erp-dmz', properties: { encrypted_at_rest: true, shared_runtime: 'webapp-virtualization' } });
    expect(model.dependencies?.[0]).toMatchObject({ id: 'webapp-virtualization', type: 'shared-runtime' });
  });

  it('maps communication links with protocol, authentication, authorization and data both ways', () => {
    const traffic = model.flows?.find((f) => f.from === 'customer-client' && f.label === 'Customer Traffic');
    expect(traffic).toMatchObject({ to: 'load-balancer', protocol: 'https', encrypted: true, authenticated: true, authentication: 'session-cookie', bidirectional: true });
    expect(traffic?.properties).toMatchObject({ authorization: 'end-user-identity-propagation', data_sent: 'customer-accounts, customer-operational-data' });
    expect(traffic?.data).toEqual(['customer-accounts', 'customer-operational-data', 'customer-contracts', 'client-application-code', 'marketing-material']);
    expect(model.flows?.filter((f) => f.protocol === 'http').every((f) => f.encrypted === false)).toBe(true);
  });

  it('maps data assets with CIA ratings, including ones that inherit through YAML merge keys', () => {
    expect(model.assets?.find((a) => a.id === 'customer-accounts')).toMatchObject({ classification: 'secret', confidentiality: 'high', integrity: 'high', availability: 'high', owner: 'Company XYZ' });
    expect(model.assets?.find((a) => a.id === 'contract-summaries')).toMatchObject({ name: 'Customer Contract Summaries', classification: 'confidential', confidentiality: 'medium', integrity: 'low', owner: 'Company XYZ' });
  });

  it('keeps risk tracking decisions with status, justification, ticket and who checked them', () => {
    const accepted = model.threats?.find((t) => t.tags?.includes('threagile:untrusted-deserialization'));
    expect(accepted).toMatchObject({ status: 'accepted', ticket: 'XYZ-1234', accepted_by: 'John Doe', elements: ['erp-system'] });
    expect(accepted?.justification).toBe('Risk accepted as tolerable (checked by John Doe on 2020-01-04)');
    expect(model.threats?.find((t) => t.tags?.includes('threagile:dos-risky-access-across-trust-boundary'))?.status).toBe('in-progress');
    const individual = model.threats?.find((t) => t.title === 'Example Individual Risk at Database');
    expect(individual).toMatchObject({ category: 'repudiation', likelihood: 3, impact: 3, elements: ['sql-database'], references: ['CWE-693', 'ASVS V0 - Something Strange', 'https://example.com'] });
    expect(model.mitigations?.find((m) => m.id === individual?.mitigations?.[0])?.threats).toHaveLength(2);
  });
});

const NEWER = `
threagile_version: 2.0.0
title: Shop
data_assets:
  Orders:
    id: orders
    confidentiality: strictly-confidential
    integrity: mission-critical
    availability: important
technical_assets:
  Web Shop:
    id: shop
    type: process
    technologies: [web-application]
    internet: true
    data_formats_accepted: [json, xml]
    communication_links:
      Save orders:
        target: db
        protocol: jdbc-encrypted
        authentication: credentials
        authorization: enduser-identity-propagation
        data_assets_sent: [orders, ghost]
      Call nowhere:
        target: missing
        protocol: https
  Admin:
    id: admin
    type: external-entity
    colour: blue
    technology: browser
    communication_links:
      Administer:
        target: shop
        protocol: https
        authentication: two-factor
  Order DB:
    id: db
    type: datastore
    technology: database
    encryption: data-with-enduser-individual-key
trust_boundaries:
  Zone:
    id: zone
    type: network-virtual-lan
    technical_assets_inside: [shop, db, nobody]
custom_risk_categories:
  Weak reports:
    id: weak-reports
    stride: information-disclosure
    mitigation: Sign the reports
    risks_identified:
      Weak report at shop:
        exploitation_likelihood: very-likely
        exploitation_impact: high
        most_relevant_technical_asset: shop
risk_tracking:
  weak-reports@shop:
    status: false-positive
    justification: Reports are public anyway
    checked_by: Kim
`;

describe('Threagile importer', () => {
  const { model, report, issues } = importer.import(NEWER, { fileName: 'shop.yaml' });

  it('reads newer files: technologies lists, custom risk categories, both enum spellings', () => {
    expect(issues).toEqual([]);
    expect(model?.components?.find((c) => c.id === 'shop')).toMatchObject({ type: 'web-app', properties: { internet_facing: true, parses_xml: true, mfa: true } });
    expect(model?.flows?.find((f) => f.label === 'Administer')).toMatchObject({ from: 'admin', to: 'shop', authenticated: true, authentication: 'mfa' });
    expect(model?.components?.find((c) => c.id === 'db')?.properties).toMatchObject({ encryption: 'data-with-end-user-individual-key', encrypted_at_rest: true });
    const flow = model?.flows?.[0];
    expect(flow).toMatchObject({ from: 'shop', to: 'db', protocol: 'jdbc', encrypted: true, authentication: 'password', data: ['orders'], properties: { authorization: 'end-user-identity-propagation' } });
    loads(model);
  });

  it('applies a risk-tracking entry to the individual risk it names', () => {
    expect(model?.threats).toHaveLength(1);
    expect(model?.threats?.[0]).toMatchObject({ title: 'Weak report at shop', category: 'information-disclosure', likelihood: 4, impact: 4, status: 'false-positive', justification: 'Reports are public anyway (checked by Kim)' });
  });

  it('reports references to things that are not in the file instead of dropping them silently', () => {
    const dropped = report.dropped.map((n) => `${n.subject}: ${n.detail}`);
    expect(dropped).toEqual(
      expect.arrayContaining([
        'communication link shop → missing (Call nowhere): its target is not a technical asset in the file',
        'flow F1 sends ghost: the data asset is not in the file',
        'Zone → nobody: the technical asset listed inside this trust boundary is not in the file',
        'field "colour" of 1 technical asset(s): not a Threagile field this importer knows; check the spelling, or map it by hand',
      ]),
    );
  });

  it('rejects YAML that is not a Threagile model, broken YAML and alias bombs with one error each', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ntechnical_assets: *d\n`;
    for (const text of ['otmVersion: 0.2.0\nproject: {}\n', 'technical_assets: [\n', bomb]) {
      const r = importer.import(text, { fileName: 'x.yaml' });
      expect(r.model).toBeUndefined();
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]?.location?.file).toBe('x.yaml');
    }
  });

  it('detects Threagile files by their top-level keys only', () => {
    expect(importer.detect(NEWER, 'anything.yaml')).toBe(true);
    expect(importer.detect('technical_assets:\n  A: {}\ntrust_boundaries: {}\n', 'm.yml')).toBe(true);
    expect(importer.detect('threatwright: 1\nsystem: {name: x}\n', 'threatmodel.yaml')).toBe(false);
  });
});

describe('Threagile helpers', () => {
  it('resolves merge keys with local keys winning', () => {
    expect(resolveMergeKeys({ base: { a: 1, b: 2 }, x: { '<<': { a: 1, b: 2 }, b: 3 } })).toEqual({ base: { a: 1, b: 2 }, x: { a: 1, b: 3 } });
  });

  it('folds the older enduser spelling and knows which protocols encrypt', () => {
    expect(normalizeEnum('EndUser-Identity-Propagation')).toBe('end-user-identity-propagation');
    expect(mapProtocol('ldaps')).toEqual({ protocol: 'ldaps', encrypted: true, local: false });
    expect(mapProtocol('nosql-access-protocol-encrypted')).toEqual({ protocol: 'nosql', encrypted: true, local: false });
    expect(mapProtocol('local-file-access')).toEqual({ protocol: 'in-process', encrypted: undefined, local: true });
  });
});

describe.skipIf(!HAVE_CORPUS)(`threagile imports round-trip through Open Threat Model${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
  it.each(['example.threagile.yaml'])('%s: export to OTM (valid against the official schema) then import gives the same model', async (file) => {
    const model = importer.import(readFileSync(resolve(CORPUS, file), 'utf8'), { fileName: file }).model;
    if (!model) throw new Error(`${file} did not import`);
    const { text } = await Promise.resolve(otmExporter.export(model));
    expect(schemaErrors('otm/otm_schema-0.2.0.json', JSON.parse(text))).toEqual([]);
    const back = importOtm(text, { fileName: 'roundtrip.otm.json' });
    expect(back.issues).toEqual([]);
    expect(back.model).toEqual(model);
  });
});

describe.skipIf(!HAVE_CORPUS)(`threagile detection through the dispatch table${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
  it.each(['example.threagile.yaml'])('%s is recognised as threagile, also under a neutral file name', (file) => {
    const text = readFileSync(resolve(CORPUS, file), 'latin1');
    expect(detectFormat(text, file)).toBe('threagile');
    if (!file.startsWith('invalid')) expect(detectFormat(text, 'upload.dat')).toBe('threagile');
  });
});

describe.skipIf(!HAVE_CORPUS)(`threagile imports through Threat Dragon${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
  it.each(['example.threagile.yaml'])('%s: export to Threat Dragon then import keeps every element, flow, boundary (with its members) and threat', async (file) => {
    const model = importer.import(readFileSync(resolve(CORPUS, file), 'utf8'), { fileName: file }).model;
    if (!model) throw new Error(`${file} did not import`);
    const { text } = await Promise.resolve(threatDragonExporter.export(model));
    const back = threatDragonImporter.import(text, { fileName: 'roundtrip.json' });
    expect(back.issues).toEqual([]);
    const summary = (m: Model | undefined) => ({
      components: (m?.components ?? []).map((c) => `${c.name} (${c.kind}) in ${m?.boundaries?.find((b) => b.id === c.boundary)?.name ?? '-'}`).sort(),
      flows: (m?.flows ?? []).map((f) => `${m?.components?.find((c) => c.id === f.from)?.name ?? ''} -> ${m?.components?.find((c) => c.id === f.to)?.name ?? ''}: ${f.label ?? ''}`).sort(),
      boundaries: (m?.boundaries ?? []).map((b) => b.name).sort(),
      threats: (m?.threats ?? []).map((t) => `${t.title ?? t.fingerprint ?? ''} [${t.status ?? ''}]`).sort(),
      mitigations: (m?.mitigations ?? []).length,
    });
    expect(summary(back.model)).toEqual(summary(model));
  });
});
