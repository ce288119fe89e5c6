import { describe, expect, it } from 'vitest';
import { adoptSuggestions, type AdoptSource } from './adopt.js';

const source: AdoptSource = {
  threats: [
    { id: 'csrf@W', ruleId: 'csrf', title: 'CSRF' },
    { id: 'csrf@V', ruleId: 'csrf', title: 'CSRF' },
    { id: 'T1', title: 'manual' },
  ],
  rules: {
    csrf: {
      mitigations: [
        { title: 'Anti-CSRF tokens', acceptance: 'Every form carries a token.', verification: 'Posting without the token gets 403.' },
        { title: 'SameSite cookies', acceptance: 'Cookies are SameSite=Lax.', verification: 'The Set-Cookie header says SameSite=Lax.' },
      ],
    },
  },
  mitigationIds: ['R1', 'R9'],
};

describe('adoptSuggestions', () => {
  it('adds every suggestion with its acceptance and test, numbered after the highest R id', () => {
    const r = adoptSuggestions({ threatwright: 1, mitigations: [{ id: 'R1', title: 'Other' }] }, source, ['csrf@W']);
    expect(r.problems).toEqual([]);
    expect(r.data.mitigations).toEqual([
      { id: 'R1', title: 'Other' },
      { id: 'R10', title: 'Anti-CSRF tokens', strategy: 'reduce', threats: ['csrf@W'], status: 'proposed', acceptance: 'Every form carries a token.', verification: { description: 'Posting without the token gets 403.' } },
      { id: 'R11', title: 'SameSite cookies', strategy: 'reduce', threats: ['csrf@W'], status: 'proposed', acceptance: 'Cookies are SameSite=Lax.', verification: { description: 'The Set-Cookie header says SameSite=Lax.' } },
    ]);
  });

  it('links a second finding to the mitigation with the same title instead of duplicating it', () => {
    const first = adoptSuggestions({}, source, ['csrf@W'], { pick: [1], owner: 'web', due: '2027-01-31', status: 'planned' });
    const second = adoptSuggestions(first.data, source, ['csrf@V'], { pick: [1] });
    expect(second.adopted).toEqual([{ id: 'R10', title: 'Anti-CSRF tokens', fingerprint: 'csrf@V', created: false, linked: true }]);
    expect(second.data.mitigations).toEqual([expect.objectContaining({ id: 'R10', threats: ['csrf@W', 'csrf@V'], owner: 'web', due: '2027-01-31', status: 'planned' })]);
    const third = adoptSuggestions(second.data, source, ['csrf@V'], { pick: [1] });
    expect(third.data).toBe(second.data);
  });

  it('explains what it cannot adopt', () => {
    const r = adoptSuggestions({}, source, ['T1', 'x@Y', 'csrf@W'], { pick: [3] });
    expect(r.problems).toEqual([
      'T1: it is a manual threat; only rule findings carry suggestions',
      'x@Y: no such finding in the analysis (`threatwright analyze --format json` lists the fingerprints)',
      'csrf@W: its rule has 2 suggestions, not 3',
    ]);
    expect(r.adopted).toEqual([]);
  });
});
