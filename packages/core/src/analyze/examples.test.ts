/** The bundled examples are the acceptance test of the rule library: each must yield the findings its story is about. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../load/index.js';
import { compareRisk } from '../risk/rank.js';
import { analyze, type AnalysisResult } from './index.js';

const examples = path.resolve(import.meta.dirname, '../../../../examples');

function analyzeExample(name: string): AnalysisResult {
  const file = path.join(examples, name, 'threatmodel.yaml');
  const loaded = loadModel({ file, text: readFileSync(file, 'utf8') }, { readFile: () => undefined, now: new Date('2026-11-01') });
  if (!loaded.model) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return analyze(loaded.model, { now: new Date('2026-11-01') });
}

const ids = (r: AnalysisResult) => r.threats.map((t) => t.id);

describe.skipIf(!existsSync(examples))('findings on the examples', () => {
  it('web-login: credential stuffing, reset-token leakage, session fixation, CSRF on account changes, open redirect', () => {
    const r = analyzeExample('web-login');
    expect(ids(r)).toEqual(expect.arrayContaining(['credential-stuffing@C3', 'reset-token-leakage@C3', 'session-fixation@C2', 'csrf@C2', 'open-redirect@C2']));
    const redirect = r.threats.find((t) => t.id === 'open-redirect@C2');
    expect(redirect?.facts.map((f) => f.text)).toContain('C2 redirect_allowlist: false');
  });

  it('blog: XSS through comments, CSRF, account takeover, leakage through third-party scripts', () => {
    const r = analyzeExample('blog');
    expect(ids(r)).toEqual(expect.arrayContaining(['stored-xss@C5', 'csrf@C3', 'credential-stuffing@C4', 'third-party-script-leakage@C2']));
    expect(r.threats.find((t) => t.id === 'credential-stuffing@C4')?.title).toMatch(/account takeover/i);
  });

  it('payments-api: forged requests, amount tampering, repudiation, error leaks, flooding, paying from another account', () => {
    const r = analyzeExample('payments-api');
    expect(ids(r)).toEqual(
      expect.arrayContaining(['forged-request@F2', 'payment-tampering@C4', 'unsigned-transaction@F2', 'verbose-errors@C4', 'unthrottled-endpoint@C3', 'broken-object-authorization@C4']),
    );
    expect(r.threats.find((t) => t.id === 'forged-request@F2')?.category).toBe('spoofing');
    expect(r.threats.find((t) => t.id === 'unsigned-transaction@F2')?.category).toBe('repudiation');
  });

  it.each(['web-login', 'blog', 'payments-api'])('%s: at most 2.5 derived findings per element, baseline entries included, each naming the facts it used', (name) => {
    const r = analyzeExample(name);
    expect(r.counts.derivedPerElement).toBeLessThanOrEqual(2.5);
    for (const t of r.threats.filter((x) => x.source !== 'manual')) expect(t.facts.length, t.id).toBeGreaterThan(0);
  });

  it('averages at most 2.5 derived findings per element across the examples', () => {
    const all = ['web-login', 'blog', 'payments-api'].map(analyzeExample);
    const derived = all.reduce((n, r) => n + r.counts.derived, 0);
    const elements = all.reduce((n, r) => n + r.counts.elements, 0);
    expect(derived / elements).toBeLessThanOrEqual(2.5);
  });

  it.each(['web-login', 'blog', 'payments-api'])('%s: the five highest open risks are confirmed, not questions', (name) => {
    const r = analyzeExample(name);
    const live = r.risk.threats
      .map((a, i) => ({ a, t: r.threats[i] }))
      .filter((x) => x.a.disposition === 'live' && x.a.band !== undefined)
      .sort((x, y) => compareRisk({ id: x.a.id, band: x.a.band, confidence: x.t?.confidence, score: x.a.risk.residual?.value, impact: x.t?.impact }, { id: y.a.id, band: y.a.band, confidence: y.t?.confidence, score: y.a.risk.residual?.value, impact: y.t?.impact }));
    expect(live.slice(0, 5).map((x) => `${x.t?.id ?? ''} ${x.t?.confidence ?? ''}`)).toEqual(live.slice(0, 5).map((x) => `${x.t?.id ?? ''} confirmed`));
  });

  it('gives identical results on re-runs, and adding an element changes no existing fingerprint', () => {
    const a = analyzeExample('web-login');
    expect(JSON.stringify(analyzeExample('web-login'))).toBe(JSON.stringify(a));
    const file = path.join(examples, 'web-login', 'threatmodel.yaml');
    const text = readFileSync(file, 'utf8').replace(/^components:\n/m, 'components:\n  - { id: C0, name: New admin tool, kind: process, type: admin-console, boundary: B2 }\n');
    const loaded = loadModel({ file, text }, { readFile: () => undefined });
    if (!loaded.model) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
    const b = analyze(loaded.model, { now: new Date('2026-11-01') });
    expect(ids(b)).toEqual(expect.arrayContaining(ids(a)));
    expect(ids(b).length).toBeGreaterThan(ids(a).length);
  });
});
