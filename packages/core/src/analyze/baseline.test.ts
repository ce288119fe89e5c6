import { describe, expect, it } from 'vitest';
import { build } from '../engine/model-builder.js';
import { analyze } from './index.js';

const NOW = new Date(Date.UTC(2026, 11, 1));
const ids = (r: ReturnType<typeof analyze>) => r.threats.map((t) => t.id);

describe('the baseline tier in an analysis', () => {
  // A client calls an API that says nothing about itself: only the baseline has something to say.
  const sparse = () => build().external('U').process('API').flow('U', 'API');

  it('asks one entry per STRIDE category on the element a flow enters, with confidence baseline', () => {
    const r = analyze(sparse().model(), { now: NOW });
    const baseline = r.threats.filter((t) => t.confidence === 'baseline');
    // Denial of service has a specific finding here (the API is internet-facing): it replaces the entry.
    expect(baseline.map((t) => t.category).sort()).toEqual(['elevation-of-privilege', 'information-disclosure', 'repudiation', 'spoofing', 'tampering']);
    expect(ids(r)).toContain('unthrottled-endpoint@API');
    for (const t of baseline) expect(t.elements).toEqual(['API', 'F1']);
    expect(r.counts.baseline).toBe(5);
    expect(r.rules['baseline-spoofing']?.tier).toBe('baseline');
  });

  it('gives way to a specific rule of the same category on the same element or flow', () => {
    // Stated clear text makes unencrypted-flow report on F1: the baseline's disclosure entry goes.
    const r = analyze(build().boundary('DC', { trust: 'medium' }).external('U').process('API', { boundary: 'DC' }).flow('U', 'API', { encrypted: false }).model(), { now: NOW });
    expect(ids(r)).toContain('unencrypted-flow@F1');
    expect(ids(r)).not.toContain('baseline-information-disclosure@API');
    expect(ids(r)).toContain('baseline-tampering@API');
  });

  it('keeps a question about each flow when a specific finding is only about the element', () => {
    // verbose-errors is information disclosure about the API itself; whether F1 is encrypted is still open.
    const r = analyze(build().external('U').process('API', { properties: { verbose_errors: true } }).flow('U', 'API').model(), { now: NOW });
    expect(ids(r)).toContain('verbose-errors@API');
    expect(ids(r)).toContain('baseline-information-disclosure@API');
  });

  it('is never rated above medium, even by a scoring method that would', () => {
    const model = sparse().asset('A1', { classification: 'secret' }).model();
    model.flows = [{ id: 'F1', from: 'U', to: 'API', data: ['A1'] }];
    model.risk = { bands: { critical: 4, high: 3, medium: 2 } };
    const r = analyze(model, { now: NOW });
    const bands = r.risk.threats.filter((t) => t.id.startsWith('baseline-')).map((t) => t.band);
    expect(bands.length).toBeGreaterThan(0);
    expect(new Set(bands)).toEqual(new Set(['medium']));
  });

  it('turns off with rules.baseline: off and widens to every flow with all', () => {
    expect(analyze(sparse().with('rules', { baseline: 'off' }).model(), { now: NOW }).counts.baseline).toBe(0);
    const inside = build().process('A').process('B').flow('A', 'B');
    expect(analyze(inside.model(), { now: NOW }).counts.baseline).toBe(0);
    expect(analyze(inside.with('rules', { baseline: 'all' }).model(), { now: NOW }).counts.baseline).toBeGreaterThanOrEqual(5);
  });

  it('closes an entry when the fact it asks is answered safely', () => {
    const r = analyze(build().external('U').process('API', { properties: { audit_logging: true } }).flow('U', 'API').model(), { now: NOW });
    expect(ids(r)).not.toContain('baseline-repudiation@API');
  });

  it('keeps its fingerprint when another flow enters the element', () => {
    const one = analyze(sparse().model(), { now: NOW });
    const two = analyze(sparse().external('V').flow('V', 'API').model(), { now: NOW });
    const spoof = (r: ReturnType<typeof analyze>) => r.threats.find((t) => t.ruleId === 'baseline-spoofing');
    expect(spoof(one)?.id).toBe('baseline-spoofing@API');
    expect(spoof(two)?.id).toBe('baseline-spoofing@API');
    expect(spoof(two)?.elements).toEqual(['API', 'F1', 'F2']);
  });
});

describe('scoring possible findings', () => {
  it('ranks a possible finding one likelihood step below the same finding confirmed', () => {
    // Inside the system (not exposed): exposure lowers both alike, so the step is the question itself.
    const signIn = (props: Record<string, boolean>) => build().process('W').process('S', { properties: { authenticates_users: true, ...props } }).flow('W', 'S').model();
    const confirmed = analyze(signIn({ audit_logging: false }), { now: NOW }).threats.find((t) => t.ruleId === 'missing-audit-log');
    const possible = analyze(signIn({}), { now: NOW }).threats.find((t) => t.ruleId === 'missing-audit-log');
    expect(confirmed?.confidence).toBe('confirmed');
    expect(possible?.confidence).toBe('possible');
    expect((possible?.likelihood ?? 0) + 1).toBe(confirmed?.likelihood);
    expect(possible?.derived?.adjustments).toContain('likelihood -1: rests on an unanswered question (possible)');
  });

  it('confirms a finding whose model states one of its gaps, while it still asks the rest', () => {
    const signIn = (props: Record<string, boolean>) => build().external('U', { type: 'browser' }).process('A', { type: 'auth-service', properties: props }).flow('U', 'A').model();
    const stated = analyze(signIn({ mfa: false }), { now: NOW }).threats.find((t) => t.ruleId === 'credential-stuffing');
    const asked = analyze(signIn({}), { now: NOW }).threats.find((t) => t.ruleId === 'credential-stuffing');
    expect(stated?.confidence).toBe('confirmed');
    expect(stated?.unstated.length).toBeGreaterThan(0);
    expect(asked?.confidence).toBe('possible');
  });

  it('asks once what an element holds when the model does not say, for every rule that needs to know', () => {
    const r = analyze(build().process('W').store('D', { type: 'object-store', properties: { backups: true } }).flow('W', 'D').model(), { now: NOW });
    const q = r.questions.find((x) => x.id === 'D.data_sensitivity');
    expect(q?.text).toMatch(/^What data does D hold or carry\?/);
    expect(q?.affects.length).toBeGreaterThanOrEqual(2);
  });
});
