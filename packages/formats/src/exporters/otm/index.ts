/**
 * Open Threat Model 0.2.0 exporter. Native OTM fields carry everything OTM can express; what it
 * cannot (DFD kind, flow security facts, triage fields, sections like assumptions) travels in an
 * `attributes.threatwright` object on each item, which our importer reads back. Other tools see a
 * plain, schema-valid OTM file.
 *
 * Derived threats are OTM threats too, their id the finding's fingerprint, instantiated on the
 * components and flows they concern with the status decided about them; the decision itself and the
 * residual band travel in the extension, so a re-import keeps decisions on the same findings.
 */
import type { Component, Model, ThreatEntry } from '@threatwright/core';
import type { ExportOptions, ExportReport, Exporter } from '../../types.js';
import { OTM_EXTENSION_KEY } from '../../importers/otm/index.js';
import { compact } from '../../shared/data.js';
import { ReportBuilder } from '../../shared/report.js';
import { CATEGORY_LABEL } from '../../shared/threats.js';
import { bandOf, derivedDescription, mitigationText, reportFound, reportLeftOut, threatsForExport, type ExportedThreat } from '../../shared/export-threats.js';

/** Trust zone for components that sit in no boundary (OTM requires every component to have a parent). */
export const UNASSIGNED_ZONE = 'threatwright-unassigned';
const DIAGRAM = 'threatwright-diagram';

const LEVEL_RATING = { low: 20, medium: 50, high: 100 } as const;
const TRUST_RATING = { untrusted: 0, low: 25, medium: 50, high: 75, trusted: 100 } as const;

export const exporter: Exporter = {
  format: 'otm',
  name: 'Open Threat Model 0.2.0',
  extension: '.otm.json',
  export: (model, options) => {
    const { document, report } = toOtm(model, options);
    return { text: JSON.stringify(document, null, 2) + '\n', report };
  },
};

type Json = Record<string, unknown>;

export function toOtm(model: Model, options: ExportOptions = {}): { document: Json; report: ExportReport } {
  const report = new ReportBuilder('otm', '0.2.0', { keepText: true });
  const selection = threatsForExport(model, options);
  reportFound(report, model, selection);
  const positions = model.layout?.positions ?? {};
  const representation = (id: string) => {
    const p = positions[id];
    if (!p) return undefined;
    return [compact({ representation: DIAGRAM, id: `${id}-shape`, position: { x: p.x, y: p.y }, size: p.width !== undefined && p.height !== undefined ? { width: p.width, height: p.height } : undefined })];
  };
  const componentIds = new Set((model.components ?? []).map((c) => c.id));
  const flowIds = new Set((model.flows ?? []).map((f) => f.id));

  // Instances of threats on components and flows, with their mitigations' states.
  const instances = new Map<string, Json[]>();
  const mitigationStatus = new Map((model.mitigations ?? []).map((m) => [m.id, m.status ?? 'proposed']));
  const threatKey = (t: ThreatEntry) => t.id ?? t.fingerprint ?? '';
  const instantiate = (threat: string, elements: readonly string[], state: string, mitigations: readonly string[]) => {
    for (const el of elements) {
      if (!componentIds.has(el) && !flowIds.has(el)) continue;
      const list = instances.get(el) ?? [];
      list.push(compact({ threat, state, mitigations: mitigations.filter((m) => mitigationStatus.has(m)).map((m) => ({ mitigation: m, state: mitigationStatus.get(m) ?? 'proposed' })) }));
      instances.set(el, list);
    }
  };
  for (const t of model.threats ?? []) instantiate(threatKey(t), t.elements ?? [], t.status ?? 'open', t.mitigations ?? []);
  // A derived threat's instances carry the status decided about it and every mitigation linked to it.
  for (const x of selection.derived) {
    instantiate(x.threat.id, x.threat.elements, x.entry?.status ?? 'open', x.threat.mitigations);
    report.mapped(`finding ${x.threat.id}`, `threat ${x.threat.id}, instantiated on ${x.threat.elements.filter((e) => componentIds.has(e) || flowIds.has(e)).join(', ') || 'nothing (it concerns no component or flow)'}`);
  }

  const unassigned = (model.components ?? []).some((c) => !c.boundary);
  const trustZones = [
    ...(model.boundaries ?? []).map((b) =>
      compact({
        id: b.id,
        name: b.name,
        type: b.type ?? 'trust-boundary',
        description: b.description,
        risk: { trustRating: typeof b.trust === 'number' ? b.trust : b.trust ? TRUST_RATING[b.trust] : 50 },
        parent: b.parent ? { trustZone: b.parent } : undefined,
        representations: representation(b.id),
        attributes: { [OTM_EXTENSION_KEY]: except(b, ['id', 'name', 'description', 'parent']) },
      }),
    ),
    ...(unassigned ? [{ id: UNASSIGNED_ZONE, name: 'Not in a trust boundary', type: 'unassigned', risk: { trustRating: 50 }, attributes: { [OTM_EXTENSION_KEY]: { implicit: true } } }] : []),
  ];
  if (unassigned) report.adjusted('components outside any boundary', `placed in the trust zone "${UNASSIGNED_ZONE}" (OTM requires a parent); it is skipped on import`);

  const components = (model.components ?? []).map((c: Component) =>
    compact({
      id: c.id,
      name: c.name,
      type: c.type ?? c.kind,
      description: c.description,
      parent: { trustZone: c.boundary ?? UNASSIGNED_ZONE },
      tags: c.tags,
      representations: representation(c.id),
      assets: c.assets ? compact({ processed: c.assets.processed, stored: c.assets.stored }) : undefined,
      threats: instances.get(c.id),
      attributes: { ...scalarProps(c.properties), [OTM_EXTENSION_KEY]: except(c, ['id', 'name', 'description', 'boundary', 'tags', 'properties', 'assets']) },
    }),
  );

  const dataflows = (model.flows ?? []).map((f) =>
    compact({
      id: f.id,
      name: f.label ?? `${f.from} → ${f.to}`,
      description: f.description,
      source: f.from,
      destination: f.to,
      bidirectional: f.bidirectional,
      assets: f.data,
      tags: f.tags,
      threats: instances.get(f.id),
      attributes: {
        ...scalarProps(f.properties),
        [OTM_EXTENSION_KEY]: except(f, ['id', 'from', 'to', 'description', 'data', 'bidirectional', 'tags', 'properties']),
      },
    }),
  );

  const assets = (model.assets ?? []).map((a) =>
    compact({
      id: a.id,
      name: a.name,
      description: a.description,
      risk: { confidentiality: LEVEL_RATING[a.confidentiality ?? 'medium'], integrity: LEVEL_RATING[a.integrity ?? 'medium'], availability: LEVEL_RATING[a.availability ?? 'medium'] },
      attributes: { [OTM_EXTENSION_KEY]: except(a, ['id', 'name', 'description']) },
    }),
  );
  if ((model.assets ?? []).some((a) => !a.confidentiality || !a.integrity || !a.availability)) report.adjusted('assets without a CIA rating', 'OTM requires all three ratings: unstated ones are written as 50 (medium)');

  const mitigationById = new Map((model.mitigations ?? []).map((m) => [m.id, m]));
  const derivedThreat = (x: ExportedThreat): Json => {
    const t = x.threat;
    const band = bandOf(x);
    const suggestion = t.mitigations.length === 0 ? mitigationText(x, mitigationById) : '';
    return compact({
      id: t.id,
      name: t.title,
      description: [derivedDescription(x), suggestion].filter((s) => s !== '').join('\n\n'),
      categories: t.category ? [CATEGORY_LABEL[t.category]] : undefined,
      cwes: (x.rule?.references.cwe ?? []).map((n) => `CWE-${n}`),
      risk: { likelihood: t.likelihood !== undefined ? t.likelihood * 20 : null, impact: t.impact !== undefined ? t.impact * 20 : 0 },
      tags: ['derived'],
      attributes: {
        [OTM_EXTENSION_KEY]: {
          ...(x.entry ? { ...except(x.entry, []), decided: true } : { fingerprint: t.id }),
          derived: true,
          rule: t.ruleId,
          confidence: t.confidence,
          ...(band !== undefined ? { band } : {}),
        },
      },
    });
  };
  // The model's entries in their order — a decision about a derived threat that is written as that
  // threat, so an import puts it back in place — then the derived threats nobody decided about.
  const derivedByFingerprint = new Map(selection.derived.map((x) => [x.threat.id, x]));
  const threats: Json[] = (model.threats ?? []).map((t) => {
    const decided = t.id === undefined && t.fingerprint !== undefined ? derivedByFingerprint.get(t.fingerprint) : undefined;
    if (decided) return derivedThreat(decided);
    const refs = t.references ?? [];
    return compact({
      id: threatKey(t),
      name: t.title ?? t.fingerprint ?? t.id ?? 'Threat',
      description: t.description,
      categories: t.category ? [CATEGORY_LABEL[t.category]] : undefined,
      cwes: refs.filter((r) => /^CWE-\d+$/i.test(r)),
      risk: { likelihood: t.likelihood !== undefined ? t.likelihood * 20 : null, impact: t.impact !== undefined ? t.impact * 20 : 0 },
      tags: t.tags,
      attributes: { [OTM_EXTENSION_KEY]: compact({ ...t, title: undefined, description: undefined, tags: undefined, category: t.category, untitled: t.title === undefined ? true : undefined }) },
    });
  });
  for (const x of selection.derived) if (!x.entry) threats.push(derivedThreat(x));
  if ((model.threats ?? []).some((t) => t.id !== undefined && t.impact === undefined)) report.adjusted('threats without an impact', 'OTM requires an impact: written as 0');
  reportLeftOut(report, model, selection, { kept: 'exported as OTM threats of their own whose id is the finding fingerprint' });
  if (selection.derived.length > 0) {
    report.adjusted(`${selection.derived.length} derived threat(s)`, 'written as OTM threats whose id is the finding\'s fingerprint, instantiated on the components and flows they concern with the status decided about them; OTM has no field for the residual band or the decision\'s response and acceptance: kept in attributes.threatwright, so importing the file back keeps decisions on the same findings');
    report.adjusted('rule suggestions', 'a derived threat without a mitigation of the model gets its rule\'s suggestion in its description, not as an OTM mitigation (it is no decision of the model)');
  }

  const mitigations = (model.mitigations ?? []).map((m) =>
    compact({
      id: m.id,
      name: m.title,
      description: m.description,
      riskReduction: m.reduces ? Math.min(100, ((m.reduces.likelihood ?? 0) + (m.reduces.impact ?? 0)) * 25) : 50,
      attributes: { [OTM_EXTENSION_KEY]: except(m, ['id', 'title', 'description']) },
    }),
  );

  const native = new Set(['threatwright', 'system', 'components', 'assets', 'flows', 'boundaries', 'threats', 'mitigations', 'layout']);
  const extraSections = Object.keys(model).filter((k) => !native.has(k) && model[k as keyof Model] !== undefined);
  if (extraSections.length > 0) report.adjusted(`sections ${extraSections.join(', ')}`, 'OTM has no place for them: kept in project.attributes.threatwright (read back by Threatwright, ignored by other tools)');
  const sections: Json = {};
  for (const k of extraSections) sections[k] = model[k as keyof Model];
  const { name, description, owner, ...systemRest } = model.system;

  const document: Json = compact({
    otmVersion: '0.2.0',
    project: compact({
      name,
      id: slug(name),
      description,
      owner,
      attributes: { [OTM_EXTENSION_KEY]: compact({ ...systemRest, sections: Object.keys(sections).length > 0 ? sections : undefined }) },
    }),
    representations: Object.keys(positions).length > 0 ? [{ name: 'Data-flow diagram', id: DIAGRAM, type: 'diagram' }] : undefined,
    assets,
    trustZones,
    components,
    dataflows,
    threats,
    mitigations,
  });
  // OTM requires these three lists.
  document['trustZones'] ??= [];
  document['components'] ??= [];
  document['dataflows'] ??= [];
  for (const [kind, list] of [['trust zones', trustZones], ['components', components], ['data flows', dataflows], ['assets', assets], ['threats', threats], ['mitigations', mitigations]] as const) if (list.length > 0) report.created(kind, list.length);
  return { document, report: report.build() };
}

/** The object without the keys OTM carries natively. */
function except(o: object, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => !keys.includes(k) && v !== undefined));
}

function scalarProps(props: Record<string, string | number | boolean> | undefined): Record<string, string | number | boolean> {
  return { ...(props ?? {}) };
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'threat-model'
  );
}
