/**
 * Inputs that once crashed an importer or made it write a model the loader refused: prototype
 * keys as enum values, lists longer than a call has room for arguments, duplicate ids, control
 * characters, empty names. Each importer must answer with a model that loads, reporting changes.
 */
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../types.js';
import { loadErrors } from '../../test/corpus.js';
import { importThreatDragon } from './threat-dragon/index.js';
import { importer as threatComposer } from './threat-composer/index.js';
import { importOtm } from './otm/index.js';
import { importMermaid } from './mermaid/index.js';

const BIG = 150_000;

function td(cells: unknown[]): string {
  return JSON.stringify({ summary: { title: 'x' }, detail: { contributors: [], diagrams: [{ id: 0, title: 'd', diagramType: 'STRIDE', version: '2.0', cells }] }, version: '2.2.0' });
}
const process = (id: string, name: string, extra: object = {}) => ({ id, shape: 'process', data: { type: 'tm.Process', name, ...extra }, position: { x: 0, y: 0 }, size: { width: 100, height: 60 } });

function loads(result: ImportResult) {
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const model = result.model;
  if (!model) throw new Error('no model');
  expect(loadErrors(model)).toEqual([]);
  return model;
}
const PROTO_WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe('prototype keys as values (C3)', () => {
  it.each(PROTO_WORDS)('Threat Dragon: %s as severity, status and type is an unknown label, not a crash', (word) => {
    const model = loads(importThreatDragon(td([process('a', 'P', { threats: [{ id: 't', title: 'x', severity: word, status: word, type: word }] })]), { fileName: 'td.json' }));
    const threat = model.threats?.[0];
    expect(threat).toBeDefined();
    expect(threat?.impact).toBeUndefined();
    expect(threat?.category).toBeUndefined();
    expect(typeof (threat?.status ?? 'open')).toBe('string');
  });
  it.each(PROTO_WORDS)('Threat Dragon: %s as a cell type or shape is an unknown cell', (word) => {
    const result = importThreatDragon(td([{ id: 'x', shape: word, data: { type: word, name: 'N' } }, process('a', 'P')]), { fileName: 'td.json' });
    loads(result);
    expect(result.report.dropped.some((n) => n.detail.includes('unknown cell type'))).toBe(true);
  });
  it.each(PROTO_WORDS)('Threat Composer: %s as a status and STRIDE letter is reported as unknown', (word) => {
    const text = JSON.stringify({ schema: 1, applicationInfo: { name: 'x' }, threats: [{ id: 'x', numericId: 1, statement: 's', status: word, metadata: [{ key: 'STRIDE', value: [word] }, { key: 'Priority', value: word }] }], mitigations: [{ id: 'm', numericId: 1, content: 'c', status: word }] });
    const result = threatComposer.import(text, { fileName: 'x.tc.json' });
    const model = loads(result);
    expect(model.threats?.[0]?.status).toBeUndefined();
    expect(model.threats?.[0]?.category).toBeUndefined();
    expect(model.mitigations?.[0]?.status).toBeUndefined();
    expect(result.report.adjusted.filter((n) => n.detail.startsWith('unknown status')).length).toBe(2);
  });
  it.each(PROTO_WORDS)('OTM: %s as a category, type and state is not mapped', (word) => {
    const text = JSON.stringify({ otmVersion: '0.2.0', project: { name: 'p', id: 'p' }, trustZones: [{ id: 'z', name: 'z', risk: { trustRating: 1 } }], components: [{ id: 'c', name: 'c', type: word, parent: { trustZone: 'z' }, threats: [{ threat: 't', state: word }] }], threats: [{ id: 't', name: 't', categories: [word], risk: { likelihood: 1, impact: 1 } }] });
    const model = loads(importOtm(text, { fileName: 'x.otm.json' }));
    expect(model.threats?.[0]?.category).toBeUndefined();
  });
});

describe('lists longer than a call has room for (C1)', () => {
  it('Threat Dragon: a boundary curve with 150 000 vertices gets its bounding box', () => {
    const vertices = Array.from({ length: BIG }, (_, i) => ({ x: i, y: 2 * i }));
    const model = loads(importThreatDragon(td([{ id: 'b', shape: 'trust-boundary-curve', data: { type: 'tm.Boundary', name: 'B' }, source: { x: -5, y: 0 }, target: { x: 1, y: 1 }, vertices }]), { fileName: 'td.json' }));
    const id = model.boundaries?.[0]?.id ?? '';
    expect(model.layout?.positions?.[id]).toMatchObject({ x: -5, y: 0, width: BIG - 1 + 5, height: 2 * (BIG - 1) });
  });
  it('Threat Composer: a threat with 150 000 tags keeps them all', () => {
    const text = JSON.stringify({ schema: 1, applicationInfo: { name: 'x' }, threats: [{ id: 'x', numericId: 1, statement: 's', tags: Array.from({ length: BIG }, (_, i) => `t${i}`) }] });
    const result = threatComposer.import(text, { fileName: 'x.tc.json' });
    expect(result.model?.threats?.[0]?.tags).toHaveLength(BIG);
  });
  it('Mermaid: a node in 150 000 classes', () => {
    const text = `flowchart LR\n  A --> B\n  A:::first\n  A:::${Array.from({ length: 3 }, (_, i) => `c${i}`).join('')}\n  class A ${Array.from({ length: BIG }, (_, i) => `c${i}`).join(',')}\n`;
    loads(importMermaid(text, { fileName: 'x.mmd' }));
  });
});

describe('what the loader refuses is repaired and reported', () => {
  it('duplicate ids in the source (C5) are renamed, with a note', () => {
    const text = JSON.stringify({ otmVersion: '0.2.0', project: { name: 'p', id: 'p' }, trustZones: [], components: [], dataflows: [], threats: [], mitigations: [], assets: [{ id: 'a', name: 'x' }, { id: 'a', name: 'y' }] });
    const result = importOtm(text, { fileName: 'x.otm.json' });
    const model = loads(result);
    expect(model.assets?.map((a) => a.name)).toEqual(['x', 'y']);
  });
  it('a NUL in a dropped element name (C4) does not reach the model or break its header', () => {
    const result = importThreatDragon(td([{ id: 'w', shape: 'weird', data: { type: 'tm.Weird', name: 'W\u0000x' } }, process('a', 'P\u0000\u001bQ')]), { fileName: 'td.json' });
    const model = loads(result);
    expect(model.components?.[0]?.name).toBe('PQ');
    expect(result.report.adjusted.some((n) => n.detail.includes('control characters'))).toBe(true);
    // eslint-disable-next-line no-control-regex -- no control character may reach a note
    for (const n of [...result.report.dropped, ...result.report.adjusted, ...result.report.mapped]) expect(`${n.subject} ${n.detail}`).not.toMatch(/[\u0000-\u0008\u001b]/);
  });
  it('a Mermaid node with an empty label (C8) is named after its id', () => {
    const result = importMermaid('flowchart LR\n  A[""] --> B[" "]\n  C[] --> A\n', { fileName: 'x.mmd' });
    const model = loads(result);
    expect(model.components?.map((c) => c.name).sort()).toEqual(['A', 'B', 'C']);
    expect(result.report.adjusted.filter((n) => n.detail.includes('empty label'))).toHaveLength(3);
  });
  it('a blank name in Threat Dragon is filled', () => {
    const model = loads(importThreatDragon(td([process('a', '   ')]), { fileName: 'td.json' }));
    expect(model.components?.[0]?.name.trim()).not.toBe('');
  });
});
