import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import { build } from '../engine/model-builder.js';
import { rule as csrf } from '../rules/spoofing/csrf.js';

const web = () => build().external('U', { type: 'browser' }).process('W', { type: 'web-app', properties: { csrf_protection: false } }).flow('U', 'W', { protocol: 'https' });
const now = new Date('2026-11-01T00:00:00Z');
/** Only the CSRF rule, so the tests do not depend on the rest of the library. */
const opts = { now, rules: [csrf] };

describe('triage merge', () => {
  it('applies a decision keyed by fingerprint, including likelihood/impact overrides', () => {
    const m = web().with('threats', [{ fingerprint: 'csrf@W', status: 'accepted', justification: 'SameSite=Strict everywhere', owner: 'web', likelihood: 1, expires: '2027-01-01' }]).model();
    const t = analyze(m, opts).threats.find((x) => x.id === 'csrf@W');
    expect(t).toMatchObject({ status: 'accepted', decided: true, justification: 'SameSite=Strict everywhere', owner: 'web', likelihood: 1, entry: 0 });
    expect(t?.derived?.likelihood).toBeGreaterThan(1);
  });
  it('warns about a decision whose finding no longer exists, naming it', () => {
    const m = web().with('threats', [{ fingerprint: 'csrf@GONE', status: 'mitigated' }]).model();
    const issues = analyze(m, opts).issues.filter((i) => i.code === 'stale-decision');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('csrf@GONE');
    expect(issues[0]?.path).toEqual(['threats', 0, 'fingerprint']);
  });
  it('explains a stale decision about a rule that does not exist', () => {
    const m = web().with('threats', [{ fingerprint: 'no-such-rule@W' }]).model();
    expect(analyze(m, opts).issues.find((i) => i.code === 'stale-decision')?.message).toContain('there is no rule named "no-such-rule"');
  });
  it('reopens a decision whose expiry date has passed', () => {
    const m = web().with('threats', [{ fingerprint: 'csrf@W', status: 'accepted', expires: '2026-10-01' }]).model();
    const r = analyze(m, opts);
    expect(r.threats.find((x) => x.id === 'csrf@W')).toMatchObject({ status: 'open', expired: true });
    expect(r.issues.map((i) => i.code)).toContain('decision-expired');
  });
  it('merges manual threats with derived ones and links mitigations by id or fingerprint', () => {
    const m = web()
      .with('threats', [{ id: 'T1', title: 'Insider reads the database', category: 'information-disclosure', likelihood: 2, impact: 4 }])
      .with('mitigations', [{ id: 'R1', title: 'Add tokens', threats: ['csrf@W'] }, { id: 'R2', title: 'Access reviews', threats: ['T1'] }])
      .model();
    const r = analyze(m, opts);
    expect(r.threats.map((t) => [t.id, t.source, t.mitigations])).toEqual([
      ['csrf@W', 'rule', ['R1']],
      ['T1', 'manual', ['R2']],
    ]);
    expect(r.counts.manual).toBe(1);
  });
  it('writes a derived threat in JSON with every field, decision fields last, in a fixed order', () => {
    const m = web()
      .with('threats', [{ fingerprint: 'csrf@W', status: 'accepted', justification: 'SameSite=Strict', owner: 'web', ticket: 'SEC-1', expires: '2026-10-01', references: ['https://example.org'], cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:L/A:N', response: 'accept' }])
      .with('mitigations', [{ id: 'R1', title: 'Add tokens', threats: ['csrf@W'] }])
      .model();
    const t = analyze(m, opts).threats.find((x) => x.id === 'csrf@W');
    const json = JSON.parse(JSON.stringify(t)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['id', 'source', 'ruleId', 'title', 'message', 'category', 'elements', 'assets', 'likelihood', 'impact', 'derived', 'facts', 'unstated', 'confidence', 'closesWhen', 'status', 'decided', 'mitigations', 'expired', 'entry', 'response', 'justification', 'owner', 'ticket', 'expires', 'references', 'cvss']);
    expect(json['message']).toBe(t?.message);
    expect(json['message']).toContain('W');
    expect(json['closesWhen']).toEqual([{ subject: 'W', key: 'csrf_protection', value: true }]);
    expect((json['facts'] as { text: string }[]).map((f) => f.text)).toEqual(t?.facts.map((f) => f.text));
    const plain = JSON.parse(JSON.stringify(analyze(web().model(), opts).threats[0])) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['id', 'source', 'ruleId', 'title', 'message', 'category', 'elements', 'assets', 'likelihood', 'impact', 'derived', 'facts', 'unstated', 'confidence', 'closesWhen', 'status', 'decided', 'mitigations']);
  });
  it('drops questions of findings someone has closed', () => {
    const m = build().external('U', { type: 'browser' }).process('W', { type: 'web-app' }).flow('U', 'W', { protocol: 'https' }).with('threats', [{ fingerprint: 'csrf@W', status: 'false-positive' }]).model();
    expect(analyze(m, opts).questions.map((q) => q.id)).not.toContain('W.csrf_protection');
    const open = build().external('U', { type: 'browser' }).process('W', { type: 'web-app' }).flow('U', 'W', { protocol: 'https' }).model();
    expect(analyze(open, opts).questions.map((q) => q.id)).toContain('W.csrf_protection');
  });
});
