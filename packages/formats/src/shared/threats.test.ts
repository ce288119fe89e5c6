import { describe, expect, it } from 'vitest';
import { mapCategory, mapSeverity, mapStatus, titleFrom } from './threats.js';

describe('mapCategory', () => {
  it('reads display labels, camel-case names and translation keys alike', () => {
    expect(mapCategory('Information disclosure')).toBe('information-disclosure');
    expect(mapCategory('elevationOfPrivilege')).toBe('elevation-of-privilege');
    expect(mapCategory('threats.model.stride.denialOfService')).toBe('denial-of-service');
  });

  it('maps LINDDUN and CIA labels, and leaves other frameworks unmapped', () => {
    expect(mapCategory('Linkability')).toBe('linking');
    expect(mapCategory('Disclosure of information')).toBe('data-disclosure');
    expect(mapCategory('Confidentiality')).toBe('information-disclosure');
    expect(mapCategory('Distributed')).toBeUndefined();
    expect(mapCategory(undefined)).toBeUndefined();
  });
});

describe('mapStatus and mapSeverity', () => {
  it('maps the spellings tools use', () => {
    expect(mapStatus('NotApplicable')).toBe('not-applicable');
    expect(mapStatus('N/A')).toBe('not-applicable');
    expect(mapStatus('threatResolved')).toBe('mitigated');
    expect(mapStatus('Mitigated')).toBe('mitigated');
    expect(mapStatus('whatever')).toBeUndefined();
  });

  it('turns severities into impact and ignores placeholders', () => {
    expect([mapSeverity('High'), mapSeverity('medium'), mapSeverity('Low'), mapSeverity('Critical'), mapSeverity('TBD')]).toEqual([4, 3, 2, 5, undefined]);
  });
});

describe('titleFrom', () => {
  it('takes the first non-empty line and shortens long text', () => {
    expect(titleFrom('\n  Encrypt the DB credentials.\n\nRotate them.')).toBe('Encrypt the DB credentials.');
    expect(titleFrom('x'.repeat(200), 10)).toBe('xxxxxxxxx…');
  });
});
