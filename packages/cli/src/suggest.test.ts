import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from './suggest.js';

describe('suggest', () => {
  it('counts edits, with a swap of neighbours as one', () => {
    expect(editDistance('validate', 'validate')).toBe(0);
    expect(editDistance('valdiate', 'validate')).toBe(1);
    expect(editDistance('vlidate', 'validate')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('proposes the closest candidate for a typo, ignoring case', () => {
    expect(suggest('--fromat', ['--format', '--force', '--help'])).toBe('--format');
    expect(suggest('VALIDATE', ['init', 'validate'])).toBe('validate');
  });

  it('proposes a candidate that the input is a prefix of', () => {
    expect(suggest('val', ['init', 'validate'])).toBe('validate');
  });

  it('proposes nothing when no candidate is close', () => {
    expect(suggest('deploy', ['init', 'validate'])).toBeUndefined();
    expect(suggest('x', ['json', 'text'])).toBeUndefined();
  });
});
