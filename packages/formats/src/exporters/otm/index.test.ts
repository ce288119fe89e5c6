import { describe, expect, it } from 'vitest';
import { loadModel, type Model } from '@threatwright/core';
import { corpusAvailable, corpusNote, corpusText, exampleModels } from '../../../test/corpus.js';
import { schemaErrors } from '../../../test/schemas.js';
import { importOtm } from '../../importers/otm/index.js';
import { importThreatDragon } from '../../importers/threat-dragon/index.js';
import { toOtm } from './index.js';

const examples = exampleModels().map(({ name, text }) => {
  const model = loadModel({ file: `${name}.yaml`, text }).model;
  if (!model) throw new Error(`example ${name} does not load`);
  return [name, model] as const;
});
const roundTrip = (model: Model) => importOtm(JSON.stringify(toOtm(model).document), { fileName: 'x.otm.json' });

describe('OTM exporter', () => {
  it.skipIf(examples.length === 0).each(examples)('round-trips the %s example without losing anything', (_name, model) => {
    const back = roundTrip(model);
    expect(back.issues).toEqual([]);
    expect(back.model).toEqual(model);
  });

  it('round-trips positions, boundaries without trust and components outside boundaries', () => {
    const model: Model = {
      threatwright: 1,
      system: { name: 'Tiny' },
      components: [
        { id: 'C1', name: 'User', kind: 'external-entity' },
        { id: 'C2', name: 'Store', kind: 'datastore', boundary: 'B1', properties: { encrypted_at_rest: true } },
      ],
      boundaries: [{ id: 'B1', name: 'Cloud' }],
      flows: [{ id: 'F1', from: 'C1', to: 'C2' }],
      threats: [{ fingerprint: 'unencrypted-flow@F1', status: 'accepted', justification: 'internal only' }],
      layout: { positions: { C1: { x: 1, y: 2 }, B1: { x: 0, y: 0, width: 300, height: 200 } } },
    };
    const { document, report } = toOtm(model);
    expect(report.adjusted.map((n) => n.subject)).toContain('components outside any boundary');
    expect((document['components'] as { parent: unknown }[])[0]?.parent).toEqual({ trustZone: 'threatwright-unassigned' });
    expect(roundTrip(model).model).toEqual(model);
  });

  describe(`against the official OTM 0.2.0 schema${corpusNote}`, () => {
    it.skipIf(!corpusAvailable || examples.length === 0).each(examples)('the %s example is valid', (_name, model) => {
      expect(schemaErrors('otm/otm_schema-0.2.0.json', toOtm(model).document)).toEqual([]);
    });

    it.skipIf(!corpusAvailable).each(['demo-threat-model.v2.json', 'test-reports-all-diagram-types.json'])('the imported Threat Dragon file %s is valid and round-trips', (file) => {
      const model = importThreatDragon(corpusText(`threat-dragon/${file}`), { fileName: file }).model;
      if (!model) throw new Error('no model');
      expect(schemaErrors('otm/otm_schema-0.2.0.json', toOtm(model).document)).toEqual([]);
      expect(roundTrip(model).model).toEqual(model);
    });

    it.skipIf(!corpusAvailable)('the imported OTM specification example round-trips', () => {
      const model = importOtm(corpusText('otm/otm-spec-example.json'), { fileName: 'x.json' }).model;
      if (!model) throw new Error('no model');
      expect(schemaErrors('otm/otm_schema-0.2.0.json', toOtm(model).document)).toEqual([]);
      expect(roundTrip(model).model).toEqual(model);
    });
  });
});
