/**
 * What an importer keeps under `properties:` that the property catalogue does not know — the
 * element's id in the source, attributes with no meaning for the rules (Threagile's `machine`, a
 * Threat Modeling Tool attribute, an OTM attribute) — is declared in the model's
 * `taxonomy.properties`, with what it meant in the source. So the imported model loads without
 * unknown-property warnings, and a key the user later misspells is still caught. Keys the
 * catalogue knows are left to it: a value it refuses is removed by the repair step (conform.ts).
 */
import { PROPERTIES, type Model, type PropertyValue } from '@threatwright/core';
import type { FormatId } from '../types.js';
import type { ReportBuilder } from './report.js';

const SOURCE: Record<FormatId, string> = {
  'threat-dragon': 'Threat Dragon',
  otm: 'Open Threat Model',
  tm7: 'Threat Modeling Tool',
  'threat-composer': 'Threat Composer',
  threagile: 'Threagile',
  mermaid: 'Mermaid',
};

/** What the keys an importer writes itself mean; any other key is an attribute of the source, kept as written. */
const MEANINGS: { readonly [F in FormatId]?: Readonly<Record<string, string>> } = {
  'threat-dragon': {
    signed: 'Threat Dragon\'s "is signed" flag: the element is signed.',
    handles_goods_or_services: 'Threat Dragon\'s "handles goods or services" flag.',
    stores_inventory: 'Threat Dragon\'s "stores inventory" flag.',
    privilege_level: 'Threat Dragon\'s "privilege level" of the process, as written.',
  },
  otm: {
    parent_component: 'The component this one is nested in, in the Open Threat Model file.',
  },
  threagile: {
    encryption: 'Threagile\'s encryption of the asset: none, transparent, data-with-symmetric-shared-key, data-with-asymmetric-shared-key or data-with-end-user-individual-key.',
    redundant: 'Threagile: the asset is redundant.',
    custom_developed_parts: 'Threagile: the asset contains custom-developed parts.',
    used_by_humans: 'Threagile: the asset is used as a client by people.',
    machine: 'Threagile: what the asset runs on (physical, virtual, container or serverless).',
    size: 'Threagile: the size of the asset (system, service, application or component).',
    usage: 'Threagile: business or devops usage.',
    confidentiality: 'Threagile\'s confidentiality rating of the asset.',
    integrity: 'Threagile\'s integrity rating of the asset.',
    availability: 'Threagile\'s availability rating of the asset.',
    data_formats: 'Threagile: the data formats the asset accepts (json, xml, serialization, file, csv).',
    shared_runtime: 'The Threagile shared runtime the asset runs on (a dependency of type shared-runtime).',
    process_local: 'Threagile: the link stays inside one process (an in-process or local protocol).',
    threagile_protocol: 'The link\'s protocol as Threagile names it, where the model\'s protocol is a broader name.',
    authorization: 'Threagile\'s authorization of the link: technical-user or end-user-identity-propagation.',
    vpn: 'Threagile: the link goes through a VPN.',
    ip_filtered: 'Threagile: the link is IP-filtered.',
    readonly: 'Threagile: the link only reads.',
    data_sent: 'The assets the link sends (Threagile), where `data` lists those sent and received.',
    data_received: 'The assets the link receives (Threagile), where `data` lists those sent and received.',
  },
};

type Props = Record<string, PropertyValue>;
type Declaration = NonNullable<NonNullable<Model['taxonomy']>['properties']>[string];
const TYPE = (v: PropertyValue): Declaration['type'] => (typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'number' : 'string');

/**
 * Declares in `taxonomy.properties` every key under the model's `properties:` that the catalogue and
 * the model's own declarations do not know. A key whose values have several types becomes text.
 */
export function declareSourceProperties(model: Model, format: FormatId, report: ReportBuilder): void {
  const declared = model.taxonomy?.properties ?? {};
  const elements: Props[] = [];
  for (const c of model.components ?? []) if (c.properties) elements.push(c.properties);
  for (const f of model.flows ?? []) if (f.properties) elements.push(f.properties);
  const types = new Map<string, Set<Declaration['type']>>();
  for (const props of elements) {
    for (const key of Object.keys(props)) {
      if (key === '' || PROPERTIES.has(key) || Object.hasOwn(declared, key)) continue;
      const value = props[key];
      if (value === undefined) continue;
      let seen = types.get(key);
      if (!seen) types.set(key, (seen = new Set()));
      seen.add(TYPE(value));
    }
  }
  if (types.size === 0) return;
  const mixed = [...types].filter(([, seen]) => seen.size > 1).map(([key]) => key);
  for (const key of mixed) {
    for (const props of elements) {
      const v = Object.hasOwn(props, key) ? props[key] : undefined;
      if (v !== undefined && typeof v !== 'string') props[key] = String(v);
    }
    report.adjusted(`property ${key}`, 'its values are of several types in the source (text, numbers, true or false); all are kept as text');
  }
  const source = SOURCE[format];
  const meanings = MEANINGS[format] ?? {};
  const out: Record<string, Declaration> = { ...declared };
  const keys = [...types.keys()].sort();
  for (const key of keys) {
    const seen = types.get(key);
    const meaning = key === 'source_id' ? `The id of this element in the ${source} file it was imported from.` : (Object.hasOwn(meanings, key) ? meanings[key] : undefined) ?? `An attribute of the ${source} file, kept as written.`;
    Object.defineProperty(out, key, { value: { type: seen && seen.size === 1 ? [...seen][0] : 'string', description: `${meaning} No rule reads it.` }, writable: true, enumerable: true, configurable: true });
  }
  model.taxonomy = { ...model.taxonomy, properties: out };
  report.mapped(`properties ${keys.join(', ')}`, 'not in the property catalogue: kept, and declared under taxonomy.properties with what they mean in the source');
}
