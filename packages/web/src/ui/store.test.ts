import type { Model } from '@threatwright/core';
import type { ModelSnapshot } from '@threatwright/server/client';
import { describe, expect, it } from 'vitest';
import { gridLayout } from '../model/layout.js';
import { initialState, reducer } from './store.js';

function snapshot(data: Model): ModelSnapshot {
  return { file: 'threatmodel.yaml', version: 'v1', files: [{ name: 'threatmodel.yaml', text: '' }], data, valid: true, issues: [] };
}

describe('the editor state', () => {
  it('opens a large model without positions already laid out, so it is drawn once', () => {
    const large: Model = { threatwright: 1, system: { name: 'x' }, components: Array.from({ length: 400 }, (_, i) => ({ id: `C${i}`, name: `C${i}`, kind: 'process' as const })) };
    const s = reducer(initialState, { type: 'loaded', snapshot: snapshot(large) });
    expect(s.auto).toEqual(gridLayout(large));
    const small: Model = { threatwright: 1, system: { name: 'x' }, components: [{ id: 'C1', name: 'A', kind: 'process' }] };
    expect(reducer(initialState, { type: 'loaded', snapshot: snapshot(small) }).auto).toEqual({});
  });

  it('keeps the selection on elements that still exist after a reload', () => {
    const m: Model = { threatwright: 1, system: { name: 'x' }, components: [{ id: 'C1', name: 'A', kind: 'process' }] };
    const s = reducer({ ...initialState, selection: ['C1', 'C9'] }, { type: 'loaded', snapshot: snapshot(m) });
    expect(s.selection).toEqual(['C1']);
  });

  it('opens a threat or a mitigation from another panel, and toggles it from its own list', () => {
    const ready = reducer(initialState, { type: 'loaded', snapshot: snapshot({ threatwright: 1, system: { name: 'x' } }) });
    const shown = reducer({ ...ready, panel: 'issues' }, { type: 'open-threat', key: 'csrf@C2', show: true });
    expect(shown).toMatchObject({ panel: 'threats', openThreat: 'csrf@C2' });
    expect(reducer(shown, { type: 'open-threat', key: 'csrf@C2', toggle: true }).openThreat).toBeUndefined();
    expect(reducer(shown, { type: 'open-threat', key: 'T1', toggle: true }).openThreat).toBe('T1');
    // Opening it again from elsewhere never closes it.
    expect(reducer(shown, { type: 'open-threat', key: 'csrf@C2', show: true }).openThreat).toBe('csrf@C2');
    const m = reducer(shown, { type: 'open-mitigation', id: 'R3', show: true });
    expect(m).toMatchObject({ panel: 'mitigations', openMitigation: 'R3', openThreat: 'csrf@C2' });
    expect(reducer(m, { type: 'open-mitigation', id: 'R3', toggle: true }).openMitigation).toBeUndefined();
  });
});
