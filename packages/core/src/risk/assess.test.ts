import { describe, expect, it } from 'vitest';
import { ModelSchema } from '../model/schema.js';
import type { Model } from '../model/types.js';
import { mergeTriage } from '../triage/index.js';
import { assess, daysBetween, type AssessOptions } from './assess.js';
import { evaluateGate } from './gate.js';

const NOW = new Date('2026-11-23T12:00:00Z');

function model(extra: Partial<Model>): Model {
  return ModelSchema.parse({ threatwright: 1, system: { name: 'Test' }, ...extra });
}

function run(m: Model, options: AssessOptions = {}) {
  const { threats } = mergeTriage(m, [], { now: options.now ?? NOW });
  return assess(threats, m, { now: NOW, ...options });
}

const stuffing = { id: 'T1', title: 'Credential stuffing', likelihood: 4, impact: 5, identified: '2026-09-18', mitigations: ['R1', 'R2'] };
const r1 = { id: 'R1', title: 'Rate-limit failed logins', strategy: 'reduce' as const, due: '2026-12-15', status: 'planned' as const, reduces: { likelihood: 2 } };
const r2 = { id: 'R2', title: 'Adaptive MFA', strategy: 'reduce' as const, due: '2027-02-28', status: 'proposed' as const, reduces: { likelihood: 1 } };

describe('residual risk', () => {
  it('equals the inherent risk while no mitigation is implemented', () => {
    const a = run(model({ threats: [stuffing], mitigations: [r1, r2] }));
    const t = a.threats[0];
    expect(t?.risk.inherent).toMatchObject({ value: 20, band: 'critical', priority: 'P0' });
    expect(t?.risk.residual).toMatchObject({ value: 20, band: 'critical' });
    expect(t?.risk.residual?.explanation).toMatch(/^no implemented mitigation reduces it/);
    expect(t?.implemented).toEqual([]);
  });

  it('counts only the implemented mitigations, step by step', () => {
    const a = run(model({ threats: [stuffing], mitigations: [{ ...r1, status: 'implemented', implemented: '2026-10-30' }, r2] }));
    const t = a.threats[0];
    expect(t?.risk.residual).toMatchObject({ likelihood: 2, impact: 5, value: 10, band: 'high', priority: 'P1' });
    expect(t?.risk.residual?.explanation).toBe('after R1 (likelihood −2): likelihood 4 − 2 → 2, impact 5 → 5 (never below 1); likelihood 2 × impact 5 = 10; 9–15 of 25 is P1 high (next sprint)');
    expect(t?.implemented).toEqual(['R1']);
  });

  it('adds reductions of several mitigations and never goes below 1', () => {
    const a = run(model({ threats: [stuffing], mitigations: [{ ...r1, status: 'verified', reduces: { likelihood: 3, impact: 1 } }, { ...r2, status: 'implemented', reduces: { likelihood: 2 } }] }));
    expect(a.threats[0]?.risk.residual).toMatchObject({ likelihood: 1, impact: 4, value: 4, band: 'medium' });
  });

  it('treats an implemented mitigation that eliminates without saying how much as likelihood 1', () => {
    const a = run(model({ threats: [{ ...stuffing, mitigations: ['R9'] }], mitigations: [{ id: 'R9', title: 'Remove the login', strategy: 'eliminate', status: 'implemented' }] }));
    expect(a.threats[0]?.risk.residual).toMatchObject({ likelihood: 1, value: 5, band: 'medium' });
  });

  it('does not count a mitigation whose test failed', () => {
    const m = model({ threats: [stuffing], mitigations: [{ ...r1, status: 'implemented' }, r2] });
    const a = run(m, { verification: [{ mitigation: 'R1', state: 'failed', tests: [], summary: 'x failed' }] });
    expect(a.threats[0]?.risk.residual?.value).toBe(20);
    expect(a.issues.map((i) => i.code)).toContain('mitigation-test-failed');
  });

  it('scores a CVSS threat and lowers it with environmental metrics of implemented mitigations', () => {
    const cvss = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    const m = model({
      risk: { method: 'cvss' },
      threats: [{ id: 'T1', title: 'RCE', cvss, mitigations: ['R1'] }, { id: 'T2', title: 'no vector', likelihood: 2, impact: 2 }],
      mitigations: [{ id: 'R1', title: 'Internal only', status: 'implemented', reduces: { cvss: 'MAV:A/MPR:H' } }],
    });
    const a = run(m);
    expect(a.threats[0]?.risk.inherent).toMatchObject({ method: 'cvss', value: 9.8, vector: cvss });
    expect(a.threats[0]?.risk.residual?.vector).toBe(`${cvss}/MAV:A/MPR:H`);
    expect(a.threats[0]?.risk.residual?.value).toBeLessThan(9.8);
    // A threat with no vector falls back to likelihood × impact, silently (derived findings never have one).
    expect(a.threats[1]?.risk).toMatchObject({ method: 'likelihood-impact', inherent: { value: 4, band: 'medium' } });
    expect(a.issues.filter((i) => i.code === 'risk-scoring')).toEqual([]);
  });

  it('lets one threat use another method than the model', () => {
    const m = model({ threats: [{ ...stuffing, scoring: 'matrix' }, { id: 'T2', title: 'x', scoring: 'cvss', likelihood: 3, impact: 3 }] });
    const a = run(m);
    expect(a.threats[0]?.risk).toMatchObject({ method: 'matrix', inherent: { band: 'critical', likelihoodLevel: 'high' } });
    expect(a.threats[1]?.risk.method).toBe('likelihood-impact');
    expect(a.issues.find((i) => i.code === 'risk-scoring')?.message).toBe('its scoring is cvss but it has no `cvss` vector; scored by likelihood × impact instead');
  });

  it('reports a bad CVSS vector with its path and falls back', () => {
    const a = run(model({ threats: [{ id: 'T1', title: 'x', cvss: 'CVSS:3.1/AV:N', likelihood: 2, impact: 3 }] }));
    const issue = a.issues.find((i) => i.code === 'risk-scoring');
    expect(issue?.path).toEqual(['threats', 0, 'cvss']);
    expect(issue?.message).toMatch(/lacks base metrics/);
    expect(a.threats[0]?.risk.inherent?.value).toBe(6);
  });
});

describe('responses', () => {
  const accepted = { id: 'T2', title: 'Old TLS on the legacy API', likelihood: 3, impact: 4, status: 'accepted' as const, response: 'accept' as const, accepted_by: 'CISO Dana Lee', justification: 'Partners migrate by Q1', expires: '2027-03-31' };

  it('takes a complete, current acceptance off the books', () => {
    const a = run(model({ threats: [accepted] }));
    expect(a.threats[0]).toMatchObject({ disposition: 'accepted', reason: 'accepted by CISO Dana Lee until 2027-03-31', acceptance: { by: 'CISO Dana Lee', expired: false, missing: [] } });
    expect(a.posture.open.high).toBe(0);
    expect(a.posture.accepted).toBe(1);
    expect(a.threats[0]?.standing).toBe('accepted');
  });

  it('reopens an expired acceptance and fails the gate on it', () => {
    const a = run(model({ threats: [{ ...accepted, expires: '2026-11-22' }] }));
    expect(a.threats[0]).toMatchObject({ disposition: 'live', acceptance: { expired: true } });
    expect(a.metrics.expiredAcceptances).toBe(1);
    const gate = evaluateGate(a, 'critical');
    expect(gate.passed).toBe(false);
    expect(gate.items).toEqual([expect.objectContaining({ kind: 'expired-acceptance', subject: 'T2', message: 'acceptance by CISO Dana Lee expired on 2026-11-22; review it and record a new decision' })]);
  });

  it('still holds an acceptance on the day it expires', () => {
    const a = run(model({ threats: [{ ...accepted, expires: '2026-11-23' }] }));
    expect(a.threats[0]?.disposition).toBe('accepted');
  });

  it('keeps an acceptance that lacks who, why or until open', () => {
    const { accepted_by: _by, justification: _why, ...partial } = accepted;
    const a = run(model({ threats: [partial] }));
    expect(a.threats[0]).toMatchObject({ disposition: 'live', acceptance: { missing: ['accepted_by', 'justification'] } });
    expect(a.issues.find((i) => i.code === 'acceptance-incomplete')?.path).toEqual(['threats', 0, 'status']);
  });

  it('needs a recipient for a transfer', () => {
    const t = { id: 'T3', title: 'Card fraud', likelihood: 3, impact: 5, status: 'transferred' as const, response: 'transfer' as const };
    expect(run(model({ threats: [t] })).threats[0]?.disposition).toBe('live');
    expect(run(model({ threats: [{ ...t, transfer_to: 'Payment gateway (PCI DSS level 1)' }] })).threats[0]).toMatchObject({ disposition: 'transferred', reason: 'transferred to Payment gateway (PCI DSS level 1)' });
  });

  it('dismisses false positives and warns about a mitigated threat with nothing implemented', () => {
    const a = run(model({ threats: [{ id: 'T4', title: 'x', likelihood: 5, impact: 5, status: 'false-positive' }, { id: 'T5', title: 'y', likelihood: 2, impact: 2, status: 'mitigated' }] }));
    expect(a.threats.map((t) => t.disposition)).toEqual(['dismissed', 'live']);
    expect(a.issues.find((i) => i.code === 'mitigated-without-implementation')?.subject).toBe('T5');
  });
});

describe('mitigations, overdue and the gate', () => {
  it('fails --fail-on critical on the unmitigated worked example and passes once R1 is implemented', () => {
    const before = evaluateGate(run(model({ threats: [stuffing], mitigations: [r1, r2] })), 'critical');
    expect(before.passed).toBe(false);
    expect(before.items[0]).toMatchObject({ kind: 'risk', subject: 'T1', band: 'critical' });
    expect(before.items[0]?.message).toBe('open: likelihood 4 × impact 5 = 20; 16–25 of 25 is P0 critical (immediate); not yet implemented: R1, R2');
    const after = evaluateGate(run(model({ threats: [stuffing], mitigations: [{ ...r1, status: 'implemented' }, r2] })), 'critical');
    expect(after).toMatchObject({ passed: true, items: [] });
    // The residual High still fails a stricter gate.
    expect(evaluateGate(run(model({ threats: [stuffing], mitigations: [{ ...r1, status: 'implemented' }, r2] })), 'high').passed).toBe(false);
  });

  it('flags a mitigation of a P0/P1 threat past its due date, but not of a P2 threat', () => {
    const late = { ...r1, due: '2026-11-01' };
    const a = run(model({ threats: [stuffing, { id: 'T9', title: 'minor', likelihood: 2, impact: 2, mitigations: ['R3'] }], mitigations: [late, r2, { id: 'R3', title: 'minor fix', due: '2026-01-01', status: 'planned' }] }));
    expect(a.mitigations.find((m) => m.id === 'R1')).toMatchObject({ overdue: true, daysOverdue: 22, priority: 'P0' });
    expect(a.mitigations.find((m) => m.id === 'R3')).toMatchObject({ overdue: true, priority: 'P2' });
    expect(a.metrics.overdueMitigations).toBe(2);
    const gate = evaluateGate(a, 'critical');
    expect(gate.items.filter((i) => i.kind === 'overdue-mitigation').map((i) => i.subject)).toEqual(['R1']);
    expect(gate.items.find((i) => i.subject === 'R1')?.message).toBe('planned, due 2026-11-01 (22 days overdue), for P0 critical threat T1');
  });

  it('is not overdue on its due date, nor once implemented', () => {
    const a = run(model({ threats: [stuffing], mitigations: [{ ...r1, due: '2026-11-23' }, { ...r2, due: '2026-01-01', status: 'implemented' }] }));
    expect(a.mitigations.map((m) => m.overdue)).toEqual([false, false]);
  });
});

describe('metrics', () => {
  it('counts open threats by residual band, with those nobody rated apart', () => {
    const a = run(
      model({
        threats: [stuffing, { id: 'T2', title: 'b', likelihood: 3, impact: 3 }, { id: 'T3', title: 'c', likelihood: 1, impact: 3 }, { id: 'T4', title: 'd', likelihood: 5, impact: 5, status: 'not-applicable' }, { id: 'T5', title: 'no score' }],
        mitigations: [r1, r2],
      }),
    );
    expect(a.posture.open).toEqual({ critical: 1, high: 1, medium: 0, low: 1, unrated: 1, total: 4 });
    expect(a.posture.dismissed).toBe(1);
  });

  it('computes mean time to remediate from identified to the first implemented or verified mitigation', () => {
    const a = run(
      model({
        threats: [
          { ...stuffing, identified: '2026-09-01' },
          { id: 'T2', title: 'b', likelihood: 3, impact: 3, identified: '2026-10-01', mitigations: ['R3'] },
          { id: 'T3', title: 'no date', likelihood: 3, impact: 3, mitigations: ['R3'] },
        ],
        mitigations: [
          { ...r1, status: 'implemented', implemented: '2026-09-21' },
          { ...r2, status: 'verified', verified: '2026-09-11' },
          { id: 'R3', title: 'c', status: 'implemented', implemented: '2026-10-31', reduces: { impact: 1 } },
        ],
      }),
    );
    // T1: 2026-09-01 -> 2026-09-11 (R2 verified first) = 10 days; T2: 30 days. Mean 20.
    expect(a.threats.map((t) => t.remediationDays)).toEqual([10, 30, undefined]);
    expect(a.metrics).toMatchObject({ mttrDays: 20, mttrCount: 2 });
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
  });

  it('has no MTTR without remediated threats', () => {
    expect(run(model({ threats: [stuffing], mitigations: [r1, r2] })).metrics).toMatchObject({ mttrDays: null, mttrCount: 0 });
  });
});

describe('standing and posture', () => {
  const rated = (id: string, extra: Record<string, unknown> = {}) => ({ id, title: id, likelihood: 4, impact: 4, ...extra });

  it('stands a threat marked mitigated as mitigated only when one of its mitigations is implemented', () => {
    const a = run(
      model({
        threats: [rated('T1', { status: 'mitigated', mitigations: ['R1'] }), rated('T2', { status: 'mitigated' }), rated('T3', { status: 'in-progress' })],
        mitigations: [{ ...r1, status: 'implemented' }],
      }),
    );
    expect(a.threats.map((t) => t.standing)).toEqual(['mitigated', 'open', 'open']);
    expect(a.posture.mitigated.total).toBe(1);
    expect(a.posture.open.total).toBe(2);
  });

  it('counts an acceptance that is not in force as open, and one in force as accepted', () => {
    const a = run(model({ threats: [rated('T1', { status: 'accepted' }), rated('T2', { status: 'accepted', accepted_by: 'Dana', justification: 'why', expires: '2027-12-31' })] }));
    expect(a.threats.map((t) => t.standing)).toEqual(['open', 'accepted']);
    expect(a.posture).toMatchObject({ accepted: 1, open: { critical: 1, total: 1 } });
  });

  it('says why a threat is unrated without repeating its id (the subject carries it)', () => {
    const a = run(model({ threats: [{ id: 'T9', title: 'x', impact: 4 }] }));
    const issue = a.issues.find((i) => i.code === 'risk-scoring');
    expect(issue).toMatchObject({ subject: 'T9' });
    expect(issue?.message.startsWith('T9')).toBe(false);
    expect(a.posture.open.unrated).toBe(1);
  });
});

describe('the gate', () => {
  it('lists failing items highest risk first, whatever their ids', () => {
    const a = run(model({ threats: [{ id: 'A1', title: 'high', likelihood: 3, impact: 4 }, { id: 'B1', title: 'critical', likelihood: 5, impact: 5 }, { id: 'C1', title: 'critical too', likelihood: 4, impact: 4 }, { id: 'A0', title: 'medium', likelihood: 2, impact: 3 }] }));
    expect(evaluateGate(a, 'medium').items.map((i) => i.subject)).toEqual(['B1', 'C1', 'A1', 'A0']);
  });

  it('reports unrated open threats, and fails on them only when told to', () => {
    const a = run(model({ threats: [{ id: 'T1', title: 'imported High', impact: 4 }] }));
    const warned = evaluateGate(a, 'low');
    expect(warned).toMatchObject({ passed: true, unrated: { open: 1, policy: 'warn' } });
    const failed = evaluateGate(a, 'low', { unrated: 'fail' });
    expect(failed.passed).toBe(false);
    expect(failed.items).toEqual([expect.objectContaining({ kind: 'unrated', subject: 'T1' })]);
  });
});
