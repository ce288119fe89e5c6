/**
 * What the imported model means compared with what the .tm7 file says: boundary crossings drawn as
 * lines, trust, fixed and chosen attributes, and which stencils are clients. The real files are
 * changed only as the tool would change them (a line drawn, an option chosen), in memory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, type Model } from '@threatwright/core';
import { importer } from './index.js';
import { readAttribute } from './attributes.js';
import { componentType, stencilRole, type KnowledgeBaseElement } from './stencils.js';
import { statedTrust, trustInText } from './trust.js';
import { child, children, parseXml, textOf } from './xml.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/corpus/tm7');
const HAVE_CORPUS = existsSync(CORPUS);
const corpus = (name: string) => readFileSync(resolve(CORPUS, name), 'utf8');
const SKIP_NOTE = HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus/tm7 not found next to the repository)';

const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const KB_NS = 'http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase';
const NO_GUID = '00000000-0000-0000-0000-000000000000';

/** The file with one list attribute (the first one of that name) set to one of its options, as choosing it in the tool does. */
function choose(text: string, displayName: string, option: string): string {
  const at = text.indexOf(`<b:DisplayName>${displayName}</b:DisplayName>`);
  if (at < 0) throw new Error(`no attribute "${displayName}" in the file`);
  const end = text.indexOf('</b:SelectedIndex>', at);
  const options = [...text.slice(at, end).matchAll(/<a:string>([^<]*)<\/a:string>/g)].map((m) => m[1]);
  const index = options.indexOf(option);
  if (index < 0) throw new Error(`"${displayName}" has no option "${option}" (options: ${options.join(', ')})`);
  const start = text.lastIndexOf('<b:SelectedIndex>', end) + '<b:SelectedIndex>'.length;
  return `${text.slice(0, start)}${index}${text.slice(end)}`;
}

/** A line boundary as the tool saves it, from (sx, sy) through the handle to (tx, ty). */
function lineBoundary(guid: string, typeId: string, name: string, [sx, sy, hx, hy, tx, ty]: [number, number, number, number, number, number]): string {
  return (
    `<a:KeyValueOfguidanyType><a:Key>${guid}</a:Key><a:Value i:type="LineBoundary"><GenericTypeId>GE.TB.L</GenericTypeId><Guid>${guid}</Guid>` +
    `<Properties><a:anyType i:type="b:StringDisplayAttribute" xmlns:b="${KB_NS}"><b:DisplayName>Name</b:DisplayName><b:Name/><b:Value>${name}</b:Value></a:anyType></Properties>` +
    `<TypeId>${typeId}</TypeId><HandleX>${hx}</HandleX><HandleY>${hy}</HandleY><SourceGuid>${NO_GUID}</SourceGuid><SourceX>${sx}</SourceX><SourceY>${sy}</SourceY>` +
    `<TargetGuid>${NO_GUID}</TargetGuid><TargetX>${tx}</TargetX><TargetY>${ty}</TargetY></a:Value></a:KeyValueOfguidanyType>`
  );
}

/** The file with line boundaries drawn on its first diagram. */
function withLines(text: string, lines: string): string {
  const open = `<Lines xmlns:a="${ARRAYS}">`;
  if (text.includes(open)) return text.replace(open, `${open}${lines}`);
  const empty = `<Lines xmlns:a="${ARRAYS}"/>`;
  if (!text.includes(empty)) throw new Error('no Lines section in the file');
  return text.replace(empty, `${open}${lines}</Lines>`);
}

function imported(text: string, fileName: string) {
  const result = importer.import(text, { fileName });
  expect(result.issues).toEqual([]);
  if (!result.model) throw new Error(`${fileName} did not import`);
  return { model: result.model, report: result.report };
}

const flowNamed = (model: Model, label: string) => model.flows?.find((f) => f.label === label);
const componentNamed = (model: Model, name: string) => model.components?.find((c) => c.name === name);
const boundaryNamed = (model: Model, name: string) => model.boundaries?.find((b) => b.name === name);
/** Derived findings as `rule@elements`. */
const findings = (model: Model) => new Set(analyze(model).threats.filter((t) => t.source !== 'manual').map((t) => `${t.ruleId ?? '?'}@${t.elements.join('+')}`));
const notes = (report: { adjusted: { subject: string; detail: string }[] }, subject: string) => report.adjusted.filter((n) => n.subject.includes(subject)).map((n) => n.detail);

describe.skipIf(!HAVE_CORPUS)(`tm7 line boundaries on the real files${SKIP_NOTE}`, () => {
  // A vertical line between the API and the data stores of MTMT_example: it crosses the four
  // flows to and from the data stores, not those between the mobile client and the API.
  const DB_TIER = lineBoundary('7c1a9e52-0d1b-4f0e-9d7a-3b5d2a6c8e11', 'GE.TB.L', 'Database tier', [940, 150, 940, 295, 940, 440]);

  it('writes the crossing into each crossed flow, and the report says which flows cross which line', () => {
    const { model, report } = imported(withLines(corpus('MTMT_example.tm7'), DB_TIER), 'MTMT_example.tm7');
    const line = boundaryNamed(model, 'Database tier');
    expect(line).toMatchObject({ type: 'line' });
    const crossed = ['PSQL Request', 'PSQL Response', 'File Request', 'File Response'].map((l) => flowNamed(model, l));
    for (const f of crossed) expect(f?.crosses).toEqual([line?.id]);
    for (const l of ['API Request', 'API Response']) expect(flowNamed(model, l)?.crosses).toBeUndefined();
    expect(model.flows?.some((f) => f.properties !== undefined && 'crosses_line_boundary' in f.properties)).toBe(false);
    expect(notes(report, `boundary ${line?.id ?? '?'}`).join('\n')).toContain(`crossed by ${crossed.map((f) => f?.id).join(', ')}`);
  });

  it('the analysis counts a line as a crossing: the flows it crosses are asked about encryption, and only those', () => {
    const plain = imported(corpus('MTMT_example.tm7'), 'MTMT_example.tm7').model;
    const drawn = imported(withLines(corpus('MTMT_example.tm7'), DB_TIER), 'MTMT_example.tm7').model;
    const psql = flowNamed(drawn, 'PSQL Request')?.id ?? '?';
    const api = flowNamed(drawn, 'API Request')?.id ?? '?';
    expect(findings(plain).has(`unencrypted-flow@${psql}`)).toBe(false);
    expect(findings(drawn).has(`unencrypted-flow@${psql}`)).toBe(true);
    expect(findings(plain).has(`unencrypted-flow@${api}`)).toBe(true);
    expect(findings(drawn).has(`unencrypted-flow@${api}`)).toBe(true);
  });
});

describe.skipIf(!HAVE_CORPUS)(`tm7 boundary trust on the real files${SKIP_NOTE}`, () => {
  const UNSTATED = 'trust not stated: the analysis treats it as 50; clients inside it count as untrusted';

  it('MTMT_example: the box named "Internet" is untrusted; the Azure "Public Cloud" zone states no trust and is listed', () => {
    const { model, report } = imported(corpus('MTMT_example.tm7'), 'MTMT_example.tm7');
    const internet = boundaryNamed(model, 'Internet');
    const cloud = boundaryNamed(model, 'Public Cloud');
    expect(internet?.trust).toBe('untrusted');
    expect(notes(report, `boundary ${internet?.id ?? '?'} (Internet)`)).toEqual(['trust untrusted, as its name "Internet" says']);
    expect(cloud?.trust).toBeUndefined();
    expect(notes(report, `boundary ${cloud?.id ?? '?'} (Public Cloud)`)).toEqual([UNSTATED]);
  });

  it('SDL_all_components: neither the generic nor the CorpNet boundary states a trust, and both are listed', () => {
    const { model, report } = imported(corpus('SDL_all_components.tm7'), 'SDL_all_components.tm7');
    expect(model.boundaries?.map((b) => b.trust)).toEqual([undefined, undefined]);
    for (const b of model.boundaries ?? []) expect(notes(report, `boundary ${b.id} (${b.name})`)).toEqual([UNSTATED]);
  });

  it('SDL template lines: the Internet Boundary stencil is untrusted whatever its name; a machine boundary is listed as unstated', () => {
    const text = withLines(
      corpus('SDL_all_components.tm7'),
      lineBoundary('5b0f3c2e-8a41-4d6b-9c3e-2f1a7d9e4b01', 'SE.TB.L.TMCore.Internet', 'Edge', [0, 0, 10, 50, 0, 100]) + lineBoundary('5b0f3c2e-8a41-4d6b-9c3e-2f1a7d9e4b02', 'SE.TB.L.TMCore.Machine', 'Host', [200, 0, 210, 50, 200, 100]),
    );
    const { model, report } = imported(text, 'SDL_all_components.tm7');
    const edge = boundaryNamed(model, 'Edge');
    const host = boundaryNamed(model, 'Host');
    expect(edge).toMatchObject({ type: 'line', trust: 'untrusted', description: 'Internet Boundary' });
    expect(notes(report, `boundary ${edge?.id ?? '?'} (Edge)`).filter((d) => d.startsWith('trust'))).toEqual(['trust untrusted, as its stencil "Internet Boundary" says']);
    expect(host?.trust).toBeUndefined();
    expect(notes(report, `boundary ${host?.id ?? '?'} (Host)`).filter((d) => d.startsWith('trust'))).toEqual(['trust not stated: a line encloses nothing, so only the flows drawn across it are affected (each counts it as a boundary crossing)']);
  });
});

describe('tm7 trust from names and stencils', () => {
  it('reads internet, untrusted and explicit trust levels, not look-alikes', () => {
    for (const name of ['Internet', 'The Internet', 'internet zone', 'Untrusted network', 'Public internet', 'public', 'Non-trusted partners']) expect(trustInText(name)).toBe('untrusted');
    expect(trustInText('Low trust zone')).toBe('low');
    expect(trustInText('High-trust enclave')).toBe('high');
    for (const name of ['Public Cloud', 'Azure Trust Boundary', 'Internet Explorer Boundaries', 'Internet-facing services', 'Intranet', 'CorpNet Trust Boundary', 'Trusted partner', 'Public API tier']) expect(trustInText(name)).toBeUndefined();
  });

  it('keeps the lower trust when the stencil and the name disagree, and ignores generic stencil names', () => {
    expect(statedTrust('Low trust DMZ', 'Internet Boundary')).toEqual({ trust: 'untrusted', because: 'its stencil "Internet Boundary"' });
    expect(statedTrust('Internet', 'Generic Trust Border Boundary')).toEqual({ trust: 'untrusted', because: 'its name "Internet"' });
    expect(statedTrust('Zone A', 'Generic Trust Line Boundary')).toBeUndefined();
  });
});

describe.skipIf(!HAVE_CORPUS)(`tm7 stencils that are clients${SKIP_NOTE}`, () => {
  it('only stencils in users\' hands get a client type, in both knowledge bases', () => {
    const clients: string[] = [];
    for (const file of ['SDL_all_components.tm7', 'MTMT_example.tm7']) {
      const parsed = parseXml(corpus(file));
      if (!parsed.ok) throw new Error(`${file} did not parse`);
      const kbNode = child(parsed.root, 'KnowledgeBase');
      const kb = new Map<string, KnowledgeBaseElement>();
      for (const section of ['GenericElements', 'StandardElements']) {
        for (const et of children(child(kbNode, section), 'ElementType')) {
          const id = textOf(et, 'Id');
          if (id) kb.set(id, { id, name: textOf(et, 'Name') ?? id, parentId: textOf(et, 'ParentId') });
        }
      }
      for (const e of kb.values()) {
        const role = stencilRole(undefined, e.id, kb);
        if (role !== 'process' && role !== 'datastore' && role !== 'external-entity') continue;
        const type = componentType(e.id, e.name);
        if (type === 'browser' || type === 'mobile-app' || type === 'desktop-app' || type === 'user') clients.push(`${e.name} (${role}): ${type}`);
      }
    }
    expect(clients.sort()).toEqual([
      'Browser (external-entity): browser',
      'Browser (external-entity): browser',
      'Browser Client (process): browser',
      'Dynamics CRM Mobile Client (external-entity): mobile-app',
      'Human User (external-entity): user',
      'Mobile Client (external-entity): mobile-app',
      'Thick Client (process): desktop-app',
      'Windows Store Process (process): desktop-app',
    ]);
  });

  it('SDL_all_components: the Managed Application is a service running managed code, not a desktop client', () => {
    const { model } = imported(corpus('SDL_all_components.tm7'), 'SDL_all_components.tm7');
    expect(componentNamed(model, 'Managed Application')).toMatchObject({ kind: 'process', type: 'service', tech: 'Managed Application', properties: { code_type: 'Managed' } });
    expect(componentNamed(model, 'Thick Client')).toMatchObject({ kind: 'process', type: 'desktop-app' });
    expect(componentType('SE.P.TMCore.AzureAppServiceMobileApp', 'Azure App Service Mobile App')).toBe('api');
    expect(componentType('SE.P.TMCore.WinApp', 'Native Application')).toBeUndefined();
  });
});

describe.skipIf(!HAVE_CORPUS)(`tm7 fixed attributes on the real files${SKIP_NOTE}`, () => {
  it('SDL_all_components: each stencil\'s fixed values are read, and none becomes a fact it does not state', () => {
    const { model, report } = imported(corpus('SDL_all_components.tm7'), 'SDL_all_components.tm7');
    expect(componentNamed(model, 'Web Server')?.properties).toMatchObject({ code_type: 'Managed' });
    expect(componentNamed(model, 'Web Application')?.properties).toMatchObject({ code_type: 'Unmanaged' });
    expect(componentNamed(model, 'SQL Database - PostgreSQL')?.properties).toMatchObject({ store_type: 'SQL Relational Database' });
    expect(componentNamed(model, 'Cookies')?.properties).toMatchObject({ store_type: 'Cookie' });
    expect(componentNamed(model, 'Browser')?.properties).toMatchObject({ type: 'Code' });
    const fixedInSource = corpus('SDL_all_components.tm7').match(/i:type="b:StaticListDisplayAttribute"/g)?.length;
    expect(report.mapped.find((n) => n.subject === 'fixed attributes')?.detail).toMatch(new RegExp(`^${fixedInSource ?? -1} value\\(s\\) fixed by their stencil`));
    // No catalogued fact comes from these values: code and store types have no catalogue meaning.
    for (const c of model.components ?? []) {
      for (const key of ['encrypted_at_rest', 'backups', 'input_validation', 'output_encoding', 'internet_facing']) expect(c.properties ?? {}).not.toHaveProperty(key);
    }
  });
});

describe.skipIf(!HAVE_CORPUS)(`tm7 chosen Azure attributes on the real file${SKIP_NOTE}`, () => {
  const base = () => corpus('MTMT_example.tm7');

  it('left at "Select", no attribute becomes a fact and the report says nothing about them', () => {
    const { model, report } = imported(base(), 'MTMT_example.tm7');
    const db = componentNamed(model, 'Accounting PostgreSQL');
    expect(Object.keys(db?.properties ?? {})).toEqual(['source_id']);
    expect(flowNamed(model, 'PSQL Request')?.encrypted).toBeUndefined();
    expect(report.adjusted.filter((n) => n.subject.startsWith('stencil'))).toEqual([]);
    expect(findings(model).has(`data-store-exposed-to-internet@${db?.id ?? '?'}`)).toBe(false);
  });

  it('"TLS Enforced: True" encrypts the flows to and from the database; "False" leaves them unstated and says why', () => {
    const on = imported(choose(base(), 'Azure Postgres DB TLS Enforced', 'True'), 'MTMT_example.tm7');
    const request = flowNamed(on.model, 'PSQL Request');
    const response = flowNamed(on.model, 'PSQL Response');
    expect([request?.encrypted, response?.encrypted]).toEqual([true, true]);
    expect(flowNamed(on.model, 'File Request')?.encrypted).toBeUndefined();
    expect(flowNamed(on.model, 'API Request')?.encrypted).toBeUndefined();
    expect(componentNamed(on.model, 'Accounting PostgreSQL')?.properties).toMatchObject({ azure_postgres_db_tls_enforced: true });
    expect(notes(on.report, 'Accounting PostgreSQL')).toEqual([`"Azure Postgres DB TLS Enforced: True": every connection to it must use TLS, so the flows to and from it are encrypted → encrypted: true on ${request?.id ?? '?'}, ${response?.id ?? '?'}`]);

    const off = imported(choose(base(), 'Azure Postgres DB TLS Enforced', 'False'), 'MTMT_example.tm7');
    expect(flowNamed(off.model, 'PSQL Request')?.encrypted).toBeUndefined();
    expect(notes(off.report, 'Accounting PostgreSQL')[0]).toMatch(/TLS is not enforced, but a client may still use it/);
  });

  it('storage "HTTPS Enforced: True" encrypts the file flows', () => {
    const { model } = imported(choose(base(), 'HTTPS Enforced', 'True'), 'MTMT_example.tm7');
    expect([flowNamed(model, 'File Request')?.encrypted, flowNamed(model, 'File Response')?.encrypted]).toEqual([true, true]);
    expect(flowNamed(model, 'PSQL Request')?.encrypted).toBeUndefined();
  });

  it('a firewall open to all networks makes the database internet-facing (and the analysis says so); selected networks only segment it', () => {
    const open = imported(choose(base(), 'Azure Postgres DB Firewall Settings', 'Allow access from all networks'), 'MTMT_example.tm7');
    const db = componentNamed(open.model, 'Accounting PostgreSQL');
    expect(db?.properties).toMatchObject({ internet_facing: true, network_segmentation: false, azure_postgres_db_firewall_settings: 'Allow access from all networks' });
    expect(db?.properties).not.toHaveProperty('public_access');
    expect(findings(open.model).has(`data-store-exposed-to-internet@${db?.id ?? '?'}`)).toBe(true);

    const chosen = imported(choose(base(), 'Azure Postgres DB Firewall Settings', 'Allow access from selected networks'), 'MTMT_example.tm7');
    const db2 = componentNamed(chosen.model, 'Accounting PostgreSQL');
    expect(db2?.properties).toMatchObject({ network_segmentation: true });
    expect(db2?.properties).not.toHaveProperty('internet_facing');
    expect(findings(chosen.model).has(`data-store-exposed-to-internet@${db2?.id ?? '?'}`)).toBe(false);

    const azure = imported(choose(base(), 'Azure Postgres DB Firewall Settings', 'Allow access from Azure'), 'MTMT_example.tm7');
    const db3 = componentNamed(azure.model, 'Accounting PostgreSQL');
    expect(db3?.properties).not.toHaveProperty('internet_facing');
    expect(db3?.properties).not.toHaveProperty('network_segmentation');
    expect(notes(azure.report, 'Accounting PostgreSQL')[0]).toMatch(/neither opens it to all networks nor limits it to chosen ones/);

    const storage = imported(choose(base(), 'Network Security', 'Allow access from all networks'), 'MTMT_example.tm7');
    expect(componentNamed(storage.model, 'Azure File Storage')?.properties).toMatchObject({ internet_facing: true, network_segmentation: false });
  });

  it('CORS on storage: "True" is not a fact about origins, and the report says so; "False" adds nothing a data store can hold', () => {
    const on = imported(choose(base(), 'CORS Enabled', 'True'), 'MTMT_example.tm7');
    expect(componentNamed(on.model, 'Azure File Storage')?.properties).toMatchObject({ cors_enabled: true });
    expect(notes(on.report, 'Azure File Storage')[0]).toMatch(/from which origins is not stated: cors_restricted is left unstated/);
    const off = imported(choose(base(), 'CORS Enabled', 'False'), 'MTMT_example.tm7');
    expect(componentNamed(off.model, 'Azure File Storage')?.properties).not.toHaveProperty('cors_restricted');
  });

  it('the Web API\'s identity provider is kept, and the report says why no flow becomes authenticated', () => {
    const { model, report } = imported(choose(base(), 'Identity Provider', 'Azure AD'), 'MTMT_example.tm7');
    expect(componentNamed(model, 'Public API v2')?.properties).toMatchObject({ identity_provider: 'Azure AD' });
    expect(model.flows?.every((f) => f.authenticated === undefined)).toBe(true);
    expect(notes(report, 'Public API v2')[0]).toMatch(/sign in with Azure AD, but which of its flows carry a token is not stated/);
  });
});

describe('tm7 attribute readings', () => {
  it('maps catalogued meanings and declines values that do not settle a fact', () => {
    expect(readAttribute('flow', 'Provides Confidentiality', 'Yes')).toMatchObject({ field: { field: 'encrypted', value: true } });
    expect(readAttribute('flow', 'Source Authenticated', 'No')).toMatchObject({ field: { field: 'authenticated', value: false } });
    expect(readAttribute('flow', 'Destination Authenticated', 'Yes')?.declined).toContain('not the sender');
    expect(readAttribute('flow', 'Provides Integrity', 'Yes')).toBeUndefined();
    expect(readAttribute('process', 'Azure Web App CORS Used', 'False')).toMatchObject({ properties: { cors_restricted: true } });
    expect(readAttribute('process', 'Azure Web App CORS Used', 'True')?.properties).toBeUndefined();
    expect(readAttribute('datastore', 'Azure SQL DB TDE Enabled', 'True')).toMatchObject({ properties: { encrypted_at_rest: true } });
    expect(readAttribute('datastore', 'Azure SQL DB Auditing Enabled', 'False')).toMatchObject({ properties: { audit_logging: false } });
    expect(readAttribute('process', 'Azure Web App Processes XML', 'True')).toMatchObject({ properties: { parses_xml: true } });
    expect(readAttribute('datastore', 'Secure transfer required', 'Enabled')).toMatchObject({ flows: { scope: 'connections', field: 'encrypted', value: true } });
    expect(readAttribute('process', 'Enforce SSL', 'True')).toMatchObject({ flows: { scope: 'connections', field: 'encrypted', value: true } });
    expect(readAttribute('datastore', 'Public network access', 'Enabled')).toMatchObject({ properties: { internet_facing: true, network_segmentation: false } });
    expect(readAttribute('datastore', 'Authenticating to Key Vault', 'Managed Identities')).toMatchObject({ flows: { scope: 'callers', field: 'authenticated', value: true } });
    expect(readAttribute('process', 'Client Credential Type', 'None')).toMatchObject({ flows: { scope: 'callers', field: 'authenticated', value: false } });
    expect(readAttribute('external-entity', 'Authenticates Itself', 'Yes')).toMatchObject({ flows: { scope: 'sent', field: 'authenticated', value: true } });
    expect(readAttribute('process', 'Code Type', 'Managed')).toBeUndefined();
    expect(readAttribute('datastore', 'Store Type', 'Cookie')).toBeUndefined();
  });
});
