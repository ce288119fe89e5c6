import { describe, expect, it } from 'vitest';
import { IdAllocator } from './ids.js';

describe('IdAllocator', () => {
  it('numbers each kind from 1 and skips reserved ids', () => {
    const ids = new IdAllocator();
    ids.reserve(['C2']);
    expect([ids.allocate('component'), ids.allocate('component'), ids.allocate('flow'), ids.allocate('assumption')]).toEqual(['C1', 'C3', 'F1', 'AS1']);
  });

  it('gives the same foreign id of a kind the same model id', () => {
    const ids = new IdAllocator();
    const a = ids.allocate('component', 'uuid-1');
    ids.allocate('component', 'uuid-2');
    expect(ids.allocate('component', 'uuid-1')).toBe(a);
    expect(ids.lookup('component', 'uuid-2')).toBe('C2');
    expect(ids.lookup('flow', 'uuid-1')).toBeUndefined();
  });

  it('keeps valid unused foreign ids and renames the rest', () => {
    const ids = new IdAllocator();
    expect(ids.keepOrAllocate('component', 'web-app')).toEqual({ id: 'web-app', kept: true });
    expect(ids.keepOrAllocate('component', 'web-app')).toEqual({ id: 'web-app', kept: true });
    expect(ids.keepOrAllocate('flow', 'web-app')).toEqual({ id: 'F1', kept: false });
    expect(ids.keepOrAllocate('component', '9 lives')).toEqual({ id: 'C1', kept: false });
    expect(ids.keepOrAllocate('component', 'a@b')).toEqual({ id: 'C2', kept: false });
  });
});
