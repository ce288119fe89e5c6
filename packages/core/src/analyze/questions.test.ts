import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types.js';
import { analyze } from './index.js';

const NOW = new Date(Date.UTC(2026, 11, 1));

const model = (decision?: Record<string, unknown>): Model =>
  ({
    threatwright: 1,
    system: { name: 'Q' },
    components: [
      { id: 'U', name: 'User', kind: 'external-entity', type: 'browser' },
      { id: 'W', name: 'Web', kind: 'process', type: 'web-app' },
    ],
    flows: [{ id: 'F1', from: 'U', to: 'W', protocol: 'https' }],
    ...(decision ? { threats: [{ fingerprint: 'csrf@W', ...decision }] } : {}),
  });

const asksAboutCsrf = (m: Model) => analyze(m, { now: NOW }).questions.some((q) => q.affects.includes('csrf@W'));

describe('which threats ask their questions', () => {
  it('an open finding asks; an acceptance in force does not; one that is not in force (no who, why, until) still does', () => {
    expect(asksAboutCsrf(model())).toBe(true);
    expect(asksAboutCsrf(model({ status: 'accepted', accepted_by: 'Dana', justification: 'SameSite cookies', expires: '2027-06-30' }))).toBe(false);
    expect(asksAboutCsrf(model({ status: 'accepted' }))).toBe(true);
    expect(asksAboutCsrf(model({ status: 'false-positive' }))).toBe(false);
  });
});
