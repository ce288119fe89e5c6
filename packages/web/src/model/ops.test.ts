import { adoptSuggestions, analyze, type Model } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { addComponent, addFlow, addMitigation, adoptSuggestion, removeLeftover, createMitigation, deleteElements, deleteMitigation, linkMitigation, nextId, renameId, setDecision, updateItem, updateMitigation, withPositions } from './ops.js';

const base: Model = {
  threatwright: 1,
  system: { name: 'Shop' },
  boundaries: [
    { id: 'B1', name: 'Cloud' },
    { id: 'B2', name: 'Private', parent: 'B1' },
  ],
  components: [
    { id: 'C1', name: 'Browser', kind: 'external-entity' },
    { id: 'C2', name: 'API', kind: 'process', boundary: 'B2' },
    { id: 'C7', name: 'DB', kind: 'datastore', boundary: 'B2' },
  ],
  flows: [{ id: 'F1', from: 'C1', to: 'C2' }],
  threats: [{ id: 'T1', title: 'Spoofed API', elements: ['C2', 'C1'] }],
  layout: { positions: { C1: { x: 0, y: 0 }, C2: { x: 300, y: 0 } } },
};

describe('model edits', () => {
  it('numbers new elements after the highest id of their kind, never reusing a gap', () => {
    expect(nextId(base, 'C')).toBe('C8');
    expect(nextId(base, 'F')).toBe('F2');
    expect(nextId(base, 'R')).toBe('R1');
  });

  it('adds a component with its position in the layout section and leaves the input untouched', () => {
    const r = addComponent(base, 'process', { x: 10.4, y: 20.6 }, 'B1');
    expect(r.id).toBe('C8');
    expect(r.model.components?.at(-1)).toEqual({ id: 'C8', name: 'New process', kind: 'process', boundary: 'B1' });
    expect(r.model.layout?.positions?.['C8']).toEqual({ x: 10, y: 21 });
    expect(base.components).toHaveLength(3);
  });

  it('deletes a component with the flows attached to it and every reference to it', () => {
    const next = deleteElements(base, ['C1']);
    expect(next.components?.map((c) => c.id)).toEqual(['C2', 'C7']);
    expect(next.flows).toEqual([]);
    expect(next.threats?.[0]?.elements).toEqual(['C2']);
    expect(next.layout?.positions?.['C1']).toBeUndefined();
  });

  it('moves the contents of a deleted boundary to the boundary around it', () => {
    const next = deleteElements(base, ['B2']);
    expect(next.components?.find((c) => c.id === 'C2')?.boundary).toBe('B1');
    const both = deleteElements(base, ['B1', 'B2']);
    expect(both.components?.find((c) => c.id === 'C2')).toEqual({ id: 'C2', name: 'API', kind: 'process' });
  });

  it('renames an id everywhere it is referenced, and refuses an id already taken', () => {
    const next = renameId(base, 'C2', 'api');
    expect(next.components?.[1]?.id).toBe('api');
    expect(next.flows?.[0]?.to).toBe('api');
    expect(next.threats?.[0]?.elements).toEqual(['api', 'C1']);
    expect(next.layout?.positions?.['api']).toEqual({ x: 300, y: 0 });
    expect(renameId(base, 'C2', 'C1')).toBe(base);
  });

  it('removes a field set to empty and keeps the order of the others', () => {
    const next = updateItem(base, 'components', 'C2', { name: 'Orders API', boundary: undefined, tags: [] });
    expect(Object.keys(next.components?.[1] ?? {})).toEqual(['id', 'name', 'kind']);
  });

  it('records a decision about a derived finding by fingerprint, and drops it when nothing is left', () => {
    const decided = setDecision(base, 'csrf@C2', { status: 'accepted', justification: 'SameSite=strict' });
    expect(decided.threats?.at(-1)).toEqual({ fingerprint: 'csrf@C2', status: 'accepted', justification: 'SameSite=strict' });
    const undone = setDecision(decided, 'csrf@C2', { status: undefined, justification: '' });
    expect(undone.threats).toEqual(base.threats);
  });

  it('adds a mitigation that points at the threat, and links a manual threat back to it', () => {
    const r = addMitigation(base, 'T1', 'Mutual TLS', ['C2']);
    expect(r.model.mitigations).toEqual([{ id: 'R1', title: 'Mutual TLS', status: 'proposed', threats: ['T1'], elements: ['C2'] }]);
    expect(r.model.threats?.[0]?.mitigations).toEqual(['R1']);
  });

  it('adds a flow between two components', () => {
    expect(addFlow(base, 'C2', 'C7').model.flows?.at(-1)).toEqual({ id: 'F2', from: 'C2', to: 'C7' });
  });

  it('removes a position when it is set to undefined', () => {
    expect(withPositions(base, { C1: undefined }).layout?.positions).toEqual({ C2: { x: 300, y: 0 } });
  });

  it('adopts a rule suggestion exactly as `threatwright adopt` does: acceptance criteria and test come along, linked by fingerprint', () => {
    const m: Model = { ...base, boundaries: [{ id: 'B1', name: 'Internet', trust: 'untrusted' }, { id: 'B2', name: 'Cloud', trust: 'high', parent: 'B1' }], components: [{ id: 'C1', name: 'Browser', kind: 'external-entity', type: 'browser', boundary: 'B1' }, { id: 'C2', name: 'API', kind: 'process', type: 'api', boundary: 'B2' }], flows: [{ id: 'F1', from: 'C1', to: 'C2' }], layout: undefined };
    const result = analyze(m);
    const t = result.threats.find((x) => x.ruleId !== undefined && (result.rules[x.ruleId]?.mitigations.length ?? 0) > 0);
    if (!t?.ruleId) throw new Error('the model should have a finding with suggestions');
    const rule = result.rules[t.ruleId];
    if (!rule) throw new Error('no rule');
    const r = adoptSuggestion(m, { id: t.id, ruleId: t.ruleId, title: t.title }, rule.mitigations, 1);
    const cli = adoptSuggestions(m, { threats: result.threats, rules: result.rules, mitigationIds: [] }, [t.id], { pick: [1] });
    expect(r.model.mitigations).toEqual(cli.data.mitigations);
    const added = r.model.mitigations?.at(-1);
    expect(added).toMatchObject({ id: r.id, title: rule.mitigations[0]?.title, strategy: 'reduce', threats: [t.id], status: 'proposed', acceptance: rule.mitigations[0]?.acceptance, verification: { description: rule.mitigations[0]?.verification } });
    // Adopting it again links the one with that title instead of copying it.
    expect(adoptSuggestion(r.model, { id: t.id, ruleId: t.ruleId, title: t.title }, rule.mitigations, 1).model.mitigations).toHaveLength(1);
  });

  it('never gives an adopted mitigation an id another section uses', () => {
    const m: Model = { ...base, assets: [{ id: 'R1', name: 'Reports' }] };
    const r = adoptSuggestion(m, { id: 'x@C2', ruleId: 'x', title: 'X' }, [{ title: 'Do it', acceptance: 'done', verification: 'a test' }], 1);
    expect(r.id).toBe('R2');
  });

  it('links and unlinks a mitigation on both sides, so the threat no longer counts it', () => {
    const created = createMitigation(base, 'Mutual TLS');
    expect(created.model.mitigations).toEqual([{ id: 'R1', title: 'Mutual TLS', status: 'proposed' }]);
    const linked = linkMitigation(created.model, 'R1', 'T1', true);
    expect(linked.mitigations?.[0]?.threats).toEqual(['T1']);
    expect(linked.threats?.[0]?.mitigations).toEqual(['R1']);
    const toFinding = linkMitigation(linked, 'R1', 'csrf@C2', true);
    expect(toFinding.mitigations?.[0]?.threats).toEqual(['T1', 'csrf@C2']);
    const unlinked = linkMitigation(linkMitigation(toFinding, 'R1', 'T1', false), 'R1', 'csrf@C2', false);
    expect(unlinked.mitigations?.[0]).toEqual({ id: 'R1', title: 'Mutual TLS', status: 'proposed' });
    expect(unlinked.threats?.[0]).toEqual(base.threats?.[0]);
    // A decision that lists the mitigation itself loses the link too.
    const listed: Model = { ...linked, threats: [...(linked.threats ?? []), { fingerprint: 'csrf@C2', status: 'mitigated', mitigations: ['R1'] }] };
    expect(linkMitigation(listed, 'R1', 'csrf@C2', false).threats?.at(-1)).toEqual({ fingerprint: 'csrf@C2', status: 'mitigated' });
  });

  it('edits every field of a mitigation and deletes it with every link to it', () => {
    const { model: m } = addMitigation(base, 'T1', 'Mutual TLS', ['C2']);
    const edited = updateMitigation(m, 'R1', { owner: 'platform', due: '2030-01-31', status: 'implemented', strategy: 'reduce', acceptance: ['a', 'b'], verification: { test: 'tls_test', description: 'handshake fails without a client certificate' }, reduces: { likelihood: 2 }, description: '' });
    expect(edited.mitigations?.[0]).toEqual({ id: 'R1', title: 'Mutual TLS', status: 'implemented', threats: ['T1'], elements: ['C2'], owner: 'platform', due: '2030-01-31', strategy: 'reduce', acceptance: ['a', 'b'], verification: { test: 'tls_test', description: 'handshake fails without a client certificate' }, reduces: { likelihood: 2 } });
    const gone = deleteMitigation(edited, 'R1');
    expect(gone.mitigations).toEqual([]);
    expect(gone.threats?.[0]).toEqual(base.threats?.[0]);
  });

  it('removes the leftovers an issue names: a decision about a finding that is gone, a position of an element that is gone', () => {
    const m: Model = { ...base, threats: [...(base.threats ?? []), { fingerprint: 'csrf@C9', status: 'accepted' }], layout: { positions: { ...base.layout?.positions, C9: { x: 1, y: 2 } } } };
    const decision = removeLeftover(m, { code: 'stale-decision', path: ['threats', 1, 'fingerprint'], subject: 'csrf@C9' });
    expect(decision?.threats).toEqual(base.threats);
    expect(removeLeftover(m, { code: 'stale-layout', path: ['layout', 'positions', 'C9'], subject: 'C9' })?.layout?.positions).toEqual(base.layout?.positions);
    // Found on an older version of the model: nothing is removed.
    expect(removeLeftover(m, { code: 'stale-decision', path: ['threats', 0, 'fingerprint'], subject: 'csrf@C9' })).toBeUndefined();
    expect(removeLeftover(m, { code: 'stale-layout', path: ['layout', 'positions', 'C1'], subject: 'C1' })).toBeUndefined();
    expect(removeLeftover(m, { code: 'mitigation-without-owner', path: ['mitigations', 0], subject: 'R1' })).toBeUndefined();
  });
});
