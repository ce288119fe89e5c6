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
});
