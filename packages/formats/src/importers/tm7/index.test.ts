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
import { stringify } from 'yaml';
import { analyze, loadModel, type Model } from '@threatwright/core';
import { importer } from './index.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/corpus/tm7');
const HAVE_CORPUS = existsSync(CORPUS);
const corpus = (name: string) => readFileSync(resolve(CORPUS, name), 'utf8');

/** The imported model loads and analyzes without errors. */
function loads(model: Model | undefined) {
  expect(model).toBeDefined();
  const result = loadModel({ file: 'imported.yaml', text: stringify(model) });
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  if (!result.model) throw new Error('the imported model did not load');
  expect(analyze(result.model).issues.filter((i) => i.severity === 'error')).toEqual([]);
}

const byName = (model: Model, name: string) => model.components?.find((c) => c.name === name);
const boundaryName = (model: Model, id: string | undefined) => model.boundaries?.find((b) => b.id === id)?.name;

describe.skipIf(!HAVE_CORPUS)(`tm7 corpus files${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus/tm7 not found next to the repository)'}`, () => {
  it('imports every stencil, connector, boundary and threat of MTMT_example.tm7', () => {
    const text = corpus('MTMT_example.tm7');
    const { model, report, issues } = importer.import(text, { fileName: 'MTMT_example.tm7' });
    expect(issues).toEqual([]);
    // Counts in the source, read independently of the importer.
    const sourceThreats = text.match(/<a:KeyValueOfstringThreatpc_P0_PhOB>/g)?.length;
    const sourceConnectors = text.match(/i:type="Connector"/g)?.length;
    const sourceBorders = text.match(/i:type="BorderBoundary"/g)?.length;
    const sourceStencils = text.match(/i:type="Stencil(Rectangle|Ellipse|ParallelLines)"/g)?.length;
    expect([sourceThreats, sourceConnectors, sourceBorders, sourceStencils]).toEqual([43, 6, 2, 4]);
    expect(model?.threats).toHaveLength(sourceThreats ?? -1);
    expect(model?.flows).toHaveLength(sourceConnectors ?? -1);
    expect(model?.boundaries).toHaveLength(sourceBorders ?? -1);
    expect(model?.components).toHaveLength(sourceStencils ?? -1);
    expect(report.found).toMatchObject({ threats: 43, flows: 6, boundaries: 2, elements: 4, diagrams: 1 });
    expect(report.created).toMatchObject({ threats: 43, flows: 6, boundaries: 2, components: 4 });
    loads(model);
  });

  it('places MTMT_example elements in the boundary whose rectangle contains them', () => {
    const { model } = importer.import(corpus('MTMT_example.tm7'), { fileName: 'MTMT_example.tm7' });
    if (!model) throw new Error('no model');
    const db = byName(model, 'Accounting PostgreSQL');
    expect(db).toMatchObject({ kind: 'datastore', type: 'database', tech: 'Azure Database for PostgreSQL' });
    expect(boundaryName(model, db?.boundary)).toBe('Public Cloud');
    expect(boundaryName(model, byName(model, 'Mobile Client')?.boundary)).toBe('Internet');
    expect(byName(model, 'Public API v2')).toMatchObject({ kind: 'process', type: 'api' });
    expect(byName(model, 'Mobile Client')?.properties).toMatchObject({ source_id: '6183b7fa-eba5-4bf8-a0af-c3e30d144a10', mobile_client_technologies: 'Android' });
    expect(model.layout?.positions?.[db?.id ?? '']).toEqual({ x: 975, y: 182, width: 100, height: 100 });
  });

  it('keeps MTMT_example threats with category, state, priority, interaction and suggested mitigation', () => {
    const { model } = importer.import(corpus('MTMT_example.tm7'), { fileName: 'MTMT_example.tm7' });
    if (!model) throw new Error('no model');
    const t = model.threats?.find((x) => x.id === 'T55');
    expect(t).toMatchObject({
      title: 'An adversary can gain unauthorized access to Azure Postgres DB instances due to weak network security configuration',
      category: 'elevation-of-privilege',
      status: 'open',
      impact: 4,
    });
    const flow = model.flows?.find((f) => f.id === t?.elements?.[0]);
    expect(flow?.label).toBe('PSQL Request');
    const mitigation = model.mitigations?.find((m) => m.id === t?.mitigations?.[0]);
    expect(mitigation?.threats).toContain('T55');
    expect(mitigation?.description ?? mitigation?.title).toContain('https://aka.ms/tmt-th153');
    expect(mitigation?.description).not.toContain('<a');
    const categories = new Set(model.threats?.map((x) => x.category));
    expect(categories).toEqual(new Set(['elevation-of-privilege', 'information-disclosure', 'tampering', 'spoofing', 'repudiation']));
    expect(model.threats?.filter((x) => x.impact === 3)).toHaveLength(5);
    expect(model.threats?.every((x) => x.status === 'open' && (x.elements?.length ?? 0) === 1)).toBe(true);
  });

  it('imports every SDL stencil with its DFD kind and keeps the annotation text', () => {
    const text = corpus('SDL_all_components.tm7');
    const { model, report, issues } = importer.import(text, { fileName: 'SDL_all_components.tm7' });
    expect(issues).toEqual([]);
    if (!model) throw new Error('no model');
    const stencils = text.match(/i:type="Stencil(Rectangle|Ellipse|ParallelLines)"/g)?.length ?? 0;
    const annotations = text.match(/<GenericTypeId[^>]*>GE\.A</g)?.length ?? 0;
    expect(annotations).toBe(1);
    expect(model.components).toHaveLength(stencils - annotations);
    expect(model.components).toHaveLength(24);
    expect(model.boundaries).toHaveLength(2);
    expect(model.flows).toBeUndefined();
    expect(byName(model, 'SQL Database - PostgreSQL')).toMatchObject({ kind: 'datastore', type: 'database' });
    expect(byName(model, 'Browser')).toMatchObject({ kind: 'external-entity', type: 'browser' });
    expect(byName(model, 'Web Server')).toMatchObject({ kind: 'process', type: 'web-server' });
    expect(boundaryName(model, byName(model, 'Web Server')?.boundary)).toBe('The CorpNet Trust Boundary');
    expect(boundaryName(model, byName(model, 'Browser')?.boundary)).toBe('The Generic Trust Border Boundary');
    expect(byName(model, 'Free Text Annotation - Mapped ones')).toBeUndefined();
    expect(report.dropped.some((n) => n.subject.startsWith('annotation'))).toBe(true);
    expect(model.system.description).toContain('Free Text Annotation - Mapped ones');
    loads(model);
  });

  it('rejects invalid-not-xml.tm7 with one clear error', () => {
    const { model, issues } = importer.import(readFileSync(resolve(CORPUS, 'invalid-not-xml.tm7'), 'latin1'), { fileName: 'invalid-not-xml.tm7' });
    expect(model).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', location: { file: 'invalid-not-xml.tm7', line: 1, column: 1 } });
    expect(issues[0]?.message).toMatch(/not XML/);
  });
});

// ---- a small hand-written .tm7 ------------------------------------------------------------------

const NS = 'xmlns="http://schemas.datacontract.org/2004/07/ThreatModeling.Model" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays" xmlns:b="http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase"';

function props(name: string, extra = ''): string {
  return `<Properties><a:anyType i:type="b:StringDisplayAttribute"><b:DisplayName>Name</b:DisplayName><b:Name/><b:Value>${name}</b:Value></a:anyType>${extra}</Properties>`;
}
function shape(type: string, generic: string, typeId: string, guid: string, name: string, box: [number, number, number, number], extra = ''): string {
  const [left, top, width, height] = box;
  return `<a:KeyValueOfguidanyType><a:Key>${guid}</a:Key><a:Value i:type="${type}"><GenericTypeId>${generic}</GenericTypeId><Guid>${guid}</Guid>${props(name, extra)}<TypeId>${typeId}</TypeId><Height>${height}</Height><Left>${left}</Left><Top>${top}</Top><Width>${width}</Width></a:Value></a:KeyValueOfguidanyType>`;
}
function line(type: string, generic: string, typeId: string, guid: string, name: string, from: string, to: string, pts: [number, number, number, number, number, number], extra = ''): string {
  const [sx, sy, hx, hy, tx, ty] = pts;
  return `<a:KeyValueOfguidanyType><a:Key>${guid}</a:Key><a:Value i:type="${type}"><GenericTypeId>${generic}</GenericTypeId><Guid>${guid}</Guid>${props(name, extra)}<TypeId>${typeId}</TypeId><HandleX>${hx}</HandleX><HandleY>${hy}</HandleY><SourceGuid>${from}</SourceGuid><SourceX>${sx}</SourceX><SourceY>${sy}</SourceY><TargetGuid>${to}</TargetGuid><TargetX>${tx}</TargetX><TargetY>${ty}</TargetY></a:Value></a:KeyValueOfguidanyType>`;
}
function threat(id: number, flow: string, state: string, priority: string, category: string, title: string, justification?: string): string {
  // Older files carry only the interaction key "source:flow:target"; newer ones also FlowGuid.
  const where = id === 9 ? `<b:InteractionKey>p-api:${flow}:ei-bank</b:InteractionKey>` : `<b:FlowGuid>${flow}</b:FlowGuid>`;
  return `<a:KeyValueOfstringThreatpc_P0_PhOB><a:Key>TH${id}</a:Key><a:Value>${where}<b:Id>${id}</b:Id><b:Priority>${priority}</b:Priority><b:Properties><a:KeyValueOfstringstring><a:Key>Title</a:Key><a:Value>${title}</a:Value></a:KeyValueOfstringstring><a:KeyValueOfstringstring><a:Key>UserThreatCategory</a:Key><a:Value>${category}</a:Value></a:KeyValueOfstringstring><a:KeyValueOfstringstring><a:Key>Custom Risk Note</a:Key><a:Value>Reviewed in sprint 4</a:Value></a:KeyValueOfstringstring></b:Properties><b:ChangedBy>ana</b:ChangedBy><b:ModifiedAt>2024-03-05T10:00:00</b:ModifiedAt><b:State>${state}</b:State>${justification ? `<b:StateInformation>${justification}</b:StateInformation>` : '<b:StateInformation i:nil="true"/>'}<b:TypeId>TH${id}</b:TypeId></a:Value></a:KeyValueOfstringThreatpc_P0_PhOB>`;
}
const KB = `<KnowledgeBase><ThreatMetaData><PropertiesMetaData><ThreatMetaDatum><Name>Custom Risk Note</Name><Label>Risk note</Label></ThreatMetaDatum></PropertiesMetaData></ThreatMetaData><GenericElements>${['GE.P', 'GE.DS', 'GE.EI', 'GE.DF', 'GE.TB.B', 'GE.TB.L'].map((g) => `<ElementType><Id>${g}</Id><Name>Generic ${g}</Name><ParentId>ROOT</ParentId></ElementType>`).join('')}</GenericElements><StandardElements><ElementType><Id>SE.DS.Custom.Ledger</Id><Name>Ledger Database</Name><ParentId>GE.DS</ParentId></ElementType><ElementType><Id>SE.DF.TMCore.HTTPS</Id><Name>HTTPS</Name><ParentId>GE.DF</ParentId></ElementType></StandardElements></KnowledgeBase>`;

const list = (name: string, options: string[], index: number) =>
  `<a:anyType i:type="b:ListDisplayAttribute"><b:DisplayName>${name}</b:DisplayName><b:Name>x</b:Name><b:Value i:type="a:ArrayOfstring">${options.map((o) => `<a:string>${o}</a:string>`).join('')}</b:Value><b:SelectedIndex>${index}</b:SelectedIndex></a:anyType>`;
const LIST_ATTR = list('Encrypted', ['No', 'Yes'], 1) + list('Backup', ['No', 'Yes'], 0) + list('Store Type', ['SQL Relational Database', 'File System'], 1);
/** A value the stencil fixes, as the tool saves it (e.g. the SDL template's HTTPS flow). */
const fixed = (name: string, option: string) =>
  `<a:anyType i:type="b:StaticListDisplayAttribute"><b:DisplayName>${name}</b:DisplayName><b:Name>x</b:Name><b:Value i:type="a:ArrayOfstring"><a:string>${option}</a:string></b:Value><b:SelectedIndex>0</b:SelectedIndex></a:anyType>`;
const HTTPS_ATTR = fixed('Destination Authenticated', 'Yes') + fixed('Provides Confidentiality', 'Yes') + fixed('Provides Integrity', 'Yes');
const OOS_ATTR = '<a:anyType i:type="b:BooleanDisplayAttribute"><b:DisplayName>Out Of Scope</b:DisplayName><b:Name>y</b:Name><b:Value>true</b:Value></a:anyType><a:anyType i:type="b:StringDisplayAttribute"><b:DisplayName>Reason For Out Of Scope</b:DisplayName><b:Name>z</b:Name><b:Value>Run by the bank</b:Value></a:anyType>';

const SMALL = `<?xml version="1.0" encoding="utf-8"?><ThreatModel ${NS}><DrawingSurfaceList>
<DrawingSurfaceModel><Borders>
${shape('BorderBoundary', 'GE.TB.B', 'GE.TB.B', 'b-outer', 'Data centre', [0, 0, 600, 400])}
${shape('BorderBoundary', 'GE.TB.B', 'GE.TB.B', 'b-inner', 'Database zone', [300, 50, 250, 300])}
${shape('StencilEllipse', 'GE.P', 'GE.P', 'p-api', 'Payments API', [50, 100, 100, 100])}
${shape('StencilParallelLines', 'GE.DS', 'SE.DS.Custom.Ledger', 'ds-ledger', 'Ledger', [350, 100, 100, 100], LIST_ATTR)}
${shape('StencilRectangle', 'GE.EI', 'GE.EI', 'ei-bank', 'Bank &amp; Partners', [800, 100, 100, 100], OOS_ATTR + list('Authenticates Itself', ['Not Applicable', 'No', 'Yes'], 2))}
</Borders><Header>Payments</Header><Lines>
${line('Connector', 'GE.DF', 'SE.DF.TMCore.HTTPS', 'f-write', 'Write entry', 'p-api', 'ds-ledger', [150, 150, 250, 150, 350, 150], HTTPS_ATTR)}
${line('Connector', 'GE.DF', 'GE.DF', 'f-settle', 'Settlement', 'p-api', 'ei-bank', [150, 180, 475, 380, 800, 180], list('Provides Confidentiality', ['Select', 'Yes', 'No'], 2))}
${line('Connector', 'GE.DF', 'GE.DF', 'f-confirm', 'Confirmation', 'ei-bank', 'p-api', [800, 130, 475, 60, 150, 130])}
${line('LineBoundary', 'GE.TB.L', 'GE.TB.L', 'l-internet', 'Internet edge', '', '', [700, 0, 700, 250, 700, 500])}
</Lines></DrawingSurfaceModel>
<DrawingSurfaceModel><Borders>
${shape('StencilEllipse', 'GE.P', 'GE.P', 'p-batch', 'Nightly batch', [10, 10, 100, 100])}
</Borders><Header>Batch</Header><Lines/></DrawingSurfaceModel>
</DrawingSurfaceList>
<MetaInformation><Assumptions>The bank link is private
Operators are vetted</Assumptions><Contributors>Ana, Bo</Contributors><ExternalDependencies>Bank settlement API</ExternalDependencies><HighLevelSystemDescription>Moves money.</HighLevelSystemDescription><Owner>Payments team</Owner><Reviewer/><ThreatModelName>Payments</ThreatModelName></MetaInformation>
<Notes/><ThreatInstances>
${threat(7, 'f-write', 'Mitigated', 'High', 'Tampering', 'Ledger entries altered in transit', 'TLS 1.3 with pinned certificates')}
${threat(8, 'f-settle', 'NotApplicable', 'Low', 'Denial Of Service', 'Settlement flooding', 'Batch runs offline')}
${threat(9, 'f-settle', 'NeedsInvestigation', 'Medium', 'Spoofing', 'Bank impersonation &lt;b&gt;via DNS&lt;/b&gt;')}
</ThreatInstances><Version>4.3</Version>${KB}</ThreatModel>`;

describe('tm7 importer', () => {
  const result = importer.import(SMALL, { fileName: 'payments.tm7' });
  const model = result.model as Model;

  it('reads every drawing surface and stacks them in the layout', () => {
    expect(result.issues).toEqual([]);
    expect(model.components?.map((c) => c.name)).toEqual(['Payments API', 'Ledger', 'Bank & Partners', 'Nightly batch']);
    expect(byName(model, 'Nightly batch')?.tags).toEqual(['diagram:Batch']);
    const batch = model.layout?.positions?.[byName(model, 'Nightly batch')?.id ?? ''];
    expect(batch?.y).toBeGreaterThan(400);
    expect(result.report.found.diagrams).toBe(2);
    loads(model);
  });

  it('nests border boundaries and places elements in the innermost one', () => {
    const outer = model.boundaries?.find((b) => b.name === 'Data centre');
    const inner = model.boundaries?.find((b) => b.name === 'Database zone');
    expect(inner?.parent).toBe(outer?.id);
    expect(byName(model, 'Ledger')?.boundary).toBe(inner?.id);
    expect(byName(model, 'Payments API')?.boundary).toBe(outer?.id);
    expect(byName(model, 'Bank & Partners')?.boundary).toBeUndefined();
  });

  it('records which flows cross a line boundary in their crosses', () => {
    const lineBoundary = model.boundaries?.find((b) => b.name === 'Internet edge');
    expect(lineBoundary).toMatchObject({ type: 'line', trust: 'untrusted' });
    const settle = model.flows?.find((f) => f.label === 'Settlement');
    const confirm = model.flows?.find((f) => f.label === 'Confirmation');
    const write = model.flows?.find((f) => f.label === 'Write entry');
    expect(settle?.crosses).toEqual([lineBoundary?.id]);
    expect(confirm?.crosses).toEqual([lineBoundary?.id]);
    expect(write?.crosses).toBeUndefined();
    expect(model.flows?.some((f) => f.properties !== undefined && 'crosses_line_boundary' in f.properties)).toBe(false);
    expect(result.report.adjusted.some((n) => n.detail.includes(`crossed by ${settle?.id ?? '?'}, ${confirm?.id ?? '?'}`))).toBe(true);
  });

  it('reads values the stencil fixes: HTTPS provides confidentiality, and authenticates the receiver, not the sender', () => {
    const write = model.flows?.find((f) => f.label === 'Write entry');
    expect(write).toMatchObject({ protocol: 'https', encrypted: true, properties: { destination_authenticated: true, provides_integrity: true } });
    expect(write?.authenticated).toBeUndefined();
    expect(write?.properties).not.toHaveProperty('provides_confidentiality');
    expect(result.report.mapped.some((n) => n.detail === '"Provides Confidentiality: Yes" (fixed by the stencil) → encrypted: true')).toBe(true);
    expect(result.report.adjusted.some((n) => n.detail.startsWith('"Destination Authenticated: Yes" (fixed by the stencil): it says whether the receiver proves who it is'))).toBe(true);
  });

  it('an external entity that authenticates itself authenticates the flows it sends, not those it receives', () => {
    const confirm = model.flows?.find((f) => f.label === 'Confirmation');
    expect(confirm?.authenticated).toBe(true);
    expect(model.flows?.find((f) => f.label === 'Settlement')?.authenticated).toBeUndefined();
    expect(result.report.adjusted.some((n) => n.subject.includes('Bank & Partners') && n.detail.endsWith(`→ authenticated: true on ${confirm?.id ?? '?'}`))).toBe(true);
  });

  it('maps stencils through the knowledge base and keeps attributes and scope', () => {
    expect(byName(model, 'Ledger')).toMatchObject({ kind: 'datastore', type: 'database', tech: 'Ledger Database', properties: { encrypted_at_rest: true, store_type: 'File System', source_id: 'ds-ledger' } });
    expect(byName(model, 'Ledger')?.properties).not.toHaveProperty('backups');
    expect(result.report.adjusted.find((n) => n.subject === 'attributes left at their default')?.detail).toMatch(/^1 list attribute/);
    expect(model.flows?.find((f) => f.label === 'Settlement')).toMatchObject({ encrypted: false });
    expect(model.flows?.find((f) => f.label === 'Settlement')?.properties).not.toHaveProperty('provides_confidentiality');
    expect(byName(model, 'Bank & Partners')).toMatchObject({ kind: 'external-entity', out_of_scope: true, reason: 'Run by the bank' });
    expect(model.flows?.find((f) => f.label === 'Write entry')).toMatchObject({ protocol: 'https', encrypted: true });
  });

  it('maps threat state, priority, justification and the interaction they belong to', () => {
    const write = model.flows?.find((f) => f.label === 'Write entry');
    const settle = model.flows?.find((f) => f.label === 'Settlement');
    expect(model.threats?.find((t) => t.id === 'T7')).toMatchObject({ status: 'mitigated', impact: 4, category: 'tampering', justification: 'TLS 1.3 with pinned certificates', elements: [write?.id] });
    expect(model.threats?.find((t) => t.id === 'T8')).toMatchObject({ status: 'not-applicable', impact: 2, category: 'denial-of-service', elements: [settle?.id] });
    const t9 = model.threats?.find((t) => t.id === 'T9');
    expect(t9).toMatchObject({ status: 'open', impact: 3, category: 'spoofing', title: 'Bank impersonation via DNS', elements: [settle?.id] });
    expect(t9?.tags).toContain('needs-investigation');
    expect(t9?.description).toContain('Risk note: Reviewed in sprint 4');
    expect(t9?.description).toContain('Last changed by ana on 2024-03-05.');
  });

  it('keeps the model information: name, owner, contributors, assumptions, dependencies', () => {
    expect(model.system).toMatchObject({ name: 'Payments', owner: 'Payments team', authors: ['Ana', 'Bo'] });
    expect(model.system.description).toContain('Moves money.');
    expect(model.assumptions?.map((a) => a.text)).toEqual(['The bank link is private', 'Operators are vetted']);
    expect(model.dependencies?.map((d) => d.name)).toEqual(['Bank settlement API']);
  });
});

describe('tm7 hostile input', () => {
  const reject = (text: string) => {
    const r = importer.import(text, { fileName: 'evil.tm7' });
    expect(r.model).toBeUndefined();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.severity).toBe('error');
    return r.issues[0]?.message ?? '';
  };

  it('refuses an external entity (XXE) without reading it', () => {
    expect(reject('<?xml version="1.0"?><!DOCTYPE ThreatModel [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ThreatModel><Version>&xxe;</Version></ThreatModel>')).toMatch(/DTD/);
  });

  it('refuses a billion-laughs entity bomb', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><ThreatModel><Version>&lol9;</Version></ThreatModel>`;
    expect(reject(lol)).toMatch(/DTD/);
  });

  it('leaves an undeclared entity reference as inert text', () => {
    const r = importer.import(`<ThreatModel ${NS}><MetaInformation><ThreatModelName>&xxe; model</ThreatModelName></MetaInformation></ThreatModel>`, { fileName: 'x.tm7' });
    expect(r.model?.system.name).toBe('&xxe; model');
  });

  it('refuses absurdly deep nesting', () => {
    expect(reject(`<ThreatModel>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</ThreatModel>`)).toMatch(/levels deep/);
  });

  it('refuses XML that is not a Threat Modeling Tool model', () => {
    expect(reject('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toMatch(/<svg>/);
  });

  it('refuses malformed XML with one error', () => {
    expect(reject('<ThreatModel><DrawingSurfaceList></ThreatModel>')).toMatch(/well-formed/);
  });
});

describe('tm7 detection', () => {
  it('recognises the ThreatModel root or the .tm7 ending', () => {
    expect(importer.detect(`<ThreatModel ${NS}></ThreatModel>`, 'model.xml')).toBe(true);
    expect(importer.detect('PK\u0003\u0004', 'broken.tm7')).toBe(true);
    expect(importer.detect('<svg></svg>', 'picture.svg')).toBe(false);
    expect(importer.detect('{"summary":{}}', 'model.json')).toBe(false);
  });
});

describe.skipIf(!HAVE_CORPUS)(`tm7 imports round-trip through Open Threat Model${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
  it.each(['MTMT_example.tm7', 'SDL_all_components.tm7'])('%s: export to OTM (valid against the official schema) then import gives the same model', async (file) => {
    const model = importer.import(readFileSync(resolve(CORPUS, file), 'utf8'), { fileName: file }).model;
    if (!model) throw new Error(`${file} did not import`);
    const { text } = await Promise.resolve(otmExporter.export(model));
    expect(schemaErrors('otm/otm_schema-0.2.0.json', JSON.parse(text))).toEqual([]);
    const back = importOtm(text, { fileName: 'roundtrip.otm.json' });
    expect(back.issues).toEqual([]);
    expect(back.model).toEqual(model);
  });
});

describe.skipIf(!HAVE_CORPUS)(`tm7 detection through the dispatch table${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
  it.each(['MTMT_example.tm7', 'SDL_all_components.tm7', 'invalid-not-xml.tm7'])('%s is recognised as tm7, also under a neutral file name', (file) => {
    const text = readFileSync(resolve(CORPUS, file), 'latin1');
    expect(detectFormat(text, file)).toBe('tm7');
    if (!file.startsWith('invalid')) expect(detectFormat(text, 'upload.dat')).toBe('tm7');
  });
});

describe.skipIf(!HAVE_CORPUS)(`tm7 imports through Threat Dragon${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
  it.each(['MTMT_example.tm7', 'SDL_all_components.tm7'])('%s: export to Threat Dragon then import keeps every element, flow, boundary (with its members) and threat', async (file) => {
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
