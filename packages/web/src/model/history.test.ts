import type { Model } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { record, redo, startHistory, undo } from './history.js';

const m = (name: string): Model => ({ threatwright: 1, system: { name } });

describe('undo history', () => {
  it('undoes and redoes edits in order, and a new edit clears the redo list', () => {
    let h = startHistory(m('a'));
    h = record(h, m('b'));
    h = record(h, m('c'));
    h = undo(h);
    expect(h.present.system.name).toBe('b');
    h = undo(h);
    expect(h.present.system.name).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present.system.name).toBe('b');
    h = record(h, m('d'));
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
  });

  it('folds a burst of edits in one group (typing in a field) into one step', () => {
    let h = startHistory(m(''));
    for (const name of ['S', 'Sh', 'Sho', 'Shop']) h = record(h, m(name), 'C1.name');
    h = record(h, m('Shop!'), 'C1.tech');
    expect(h.past.map((x) => x.system.name)).toEqual(['', 'Shop']);
    expect(undo(undo(h)).present.system.name).toBe('');
  });
});
