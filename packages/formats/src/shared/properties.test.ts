import { describe, expect, it } from 'vitest';
import type { Model } from '@threatwright/core';
import { declareSourceProperties } from './properties.js';
import { ReportBuilder } from './report.js';

const model = (): Model => ({
  threatwright: 1,
  system: { name: 'Imported' },
  components: [
    { id: 'C1', name: 'Web', kind: 'process', properties: { source_id: 'a1', machine: 'virtual', csrf_protection: true, size: 3 } },
    { id: 'C2', name: 'DB', kind: 'datastore', properties: { source_id: 'a2', size: 'large', owner_team: 'data' } },
  ],
  flows: [{ id: 'F1', from: 'C1', to: 'C2', properties: { source_id: 'l1', vpn: true } }],
  taxonomy: { properties: { owner_team: { type: 'string', description: 'Declared by the source.' } } },
});

describe('declareSourceProperties', () => {
  it('declares every key the catalogue and the model do not know, with what it means in the source', () => {
    const m = model();
    const report = new ReportBuilder('threagile');
    declareSourceProperties(m, 'threagile', report);
    const declared = m.taxonomy?.properties ?? {};
    expect(Object.keys(declared)).toEqual(['owner_team', 'machine', 'size', 'source_id', 'vpn']);
    expect(declared['owner_team']).toEqual({ type: 'string', description: 'Declared by the source.' });
    expect(declared['source_id']).toEqual({ type: 'string', description: 'The id of this element in the Threagile file it was imported from. No rule reads it.' });
    expect(declared['machine']?.description).toBe('Threagile: what the asset runs on (physical, virtual, container or serverless). No rule reads it.');
    expect(declared['vpn']).toEqual({ type: 'boolean', description: 'Threagile: the link goes through a VPN. No rule reads it.' });
    expect(Object.keys(declared)).not.toContain('csrf_protection');
    expect(report.build().mapped.at(-1)).toEqual({ subject: 'properties machine, size, source_id, vpn', detail: 'not in the property catalogue: kept, and declared under taxonomy.properties with what they mean in the source' });
  });

  it('keeps a key whose values have several types as text, and says so', () => {
    const m = model();
    const report = new ReportBuilder('otm');
    declareSourceProperties(m, 'otm', report);
    expect(m.taxonomy?.properties?.['size']).toEqual({ type: 'string', description: 'An attribute of the Open Threat Model file, kept as written. No rule reads it.' });
    expect(m.components?.map((c) => c.properties?.['size'])).toEqual(['3', 'large']);
    expect(report.build().adjusted).toEqual([{ subject: 'property size', detail: 'its values are of several types in the source (text, numbers, true or false); all are kept as text' }]);
  });

  it('leaves a model with only catalogue keys as it was', () => {
    const m: Model = { threatwright: 1, system: { name: 'x' }, components: [{ id: 'C1', name: 'Web', kind: 'process', properties: { mfa: true } }] };
    declareSourceProperties(m, 'mermaid', new ReportBuilder('mermaid'));
    expect(m.taxonomy).toBeUndefined();
  });
});
