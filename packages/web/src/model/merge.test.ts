import type { Model } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { mergeModels } from './merge.js';

const base: Model = {
  threatwright: 1,
  system: { name: 'Shop', owner: 'a' },
  components: [
    { id: 'C1', name: 'Browser', kind: 'external-entity' },
    { id: 'C2', name: 'API', kind: 'process' },
  ],
};

describe('mergeModels', () => {
  it('applies my edits on top of changes made on disk to other items', () => {
    const mine: Model = { ...base, components: [...(base.components ?? []), { id: 'C3', name: 'DB', kind: 'datastore' }] };
    const theirs: Model = { ...base, components: [{ id: 'C1', name: 'Customer browser', kind: 'external-entity' }, base.components?.[1] ?? { id: 'x', name: 'x', kind: 'process' }] };
    const r = mergeModels(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.model.components?.map((c) => c.name)).toEqual(['Customer browser', 'API', 'DB']);
  });

  it('merges different fields of the same item and reports the same field changed on both sides', () => {
    const mine: Model = { ...base, system: { name: 'Shop', owner: 'me' }, components: [{ id: 'C1', name: 'Browser', kind: 'external-entity', tech: 'any' }, { id: 'C2', name: 'Mine', kind: 'process' }] };
    const theirs: Model = { ...base, system: { name: 'Shop', owner: 'them' }, components: [{ id: 'C1', name: 'Browser', kind: 'external-entity', owner: 'web' }, { id: 'C2', name: 'Theirs', kind: 'process' }] };
    const r = mergeModels(base, mine, theirs);
    expect(r.model.components?.[0]).toEqual({ id: 'C1', name: 'Browser', kind: 'external-entity', owner: 'web', tech: 'any' });
    expect(r.model.components?.[1]?.name).toBe('Mine');
    expect(r.model.system.owner).toBe('me');
    expect(r.conflicts).toEqual(['system.owner', 'components C2.name']);
  });

  it('keeps a deletion made here and an item added on disk', () => {
    const mine: Model = { ...base, components: [base.components?.[1] ?? { id: 'x', name: 'x', kind: 'process' }] };
    const theirs: Model = { ...base, components: [...(base.components ?? []), { id: 'C9', name: 'Queue', kind: 'datastore' }] };
    expect(mergeModels(base, mine, theirs).model.components?.map((c) => c.id)).toEqual(['C2', 'C9']);
  });
});
