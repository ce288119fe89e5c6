import { describe, expect, it } from 'vitest';
import { lineDiff } from './diff.js';

describe('lineDiff', () => {
  it('shows a changed line as removed then added, with two lines of context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].join('\n');
    const after = ['a', 'b', 'c', 'D', 'e', 'f', 'g'].join('\n');
    expect(lineDiff(before, after).map((l) => `${l.kind[0] ?? ''}${l.text}`)).toEqual(['sb', 'sc', 'rd', 'aD', 'se', 'sf']);
  });

  it('numbers added lines by their place in the new text', () => {
    const out = lineDiff('a\nb\n', 'a\nx\nb\n');
    expect(out.find((l) => l.kind === 'added')).toEqual({ kind: 'added', text: 'x', line: 2 });
  });

  it('is empty when nothing changed', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([]);
  });
});
