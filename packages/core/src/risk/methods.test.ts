import { describe, expect, it } from 'vitest';
import { atOrAbove, bandRank } from './bands.js';
import { bandOfProduct, scoreCvss, scoreLikelihoodImpact, scoreMatrix, scoreOwasp } from './methods.js';
import { DEFAULT_RISK_SETTINGS as S, resolveRiskSettings } from './settings.js';

describe('likelihood × impact', () => {
  it('scores the worked example 4 × 5 = 20 as Critical, P0', () => {
    const s = scoreLikelihoodImpact(4, 5, S);
    expect(s).toMatchObject({ value: 20, band: 'critical', priority: 'P0' });
    expect(s.explanation).toBe('likelihood 4 × impact 5 = 20; 16–25 of 25 is P0 critical (immediate)');
  });

  it.each([
    [1, 'low', 'P3'],
    [3, 'low', 'P3'],
    [4, 'medium', 'P2'],
    [8, 'medium', 'P2'],
    [9, 'high', 'P1'],
    [15, 'high', 'P1'],
    [16, 'critical', 'P0'],
    [25, 'critical', 'P0'],
  ] as const)('puts %i in the %s band (%s)', (product, band, priority) => {
    expect(bandOfProduct(product, S)).toBe(band);
    // Every product 1–25 that is reachable is checked through a real pair too.
    const pair = [1, 2, 3, 4, 5].flatMap((l) => [1, 2, 3, 4, 5].map((i) => [l, i] as const)).find(([l, i]) => l * i === product);
    if (pair) expect(scoreLikelihoodImpact(pair[0], pair[1], S)).toMatchObject({ band, priority });
  });

  it('names the scale points when the model gives names', () => {
    const s = resolveRiskSettings({ scales: { likelihood: ['rare', 'unlikely', 'possible', 'likely', 'almost certain'], impact: ['negligible', 'minor', 'moderate', 'major', 'severe'] } });
    expect(scoreLikelihoodImpact(4, 5, s).explanation).toMatch(/^likelihood 4 \(likely\) × impact 5 \(severe\) = 20/);
  });

  it('uses the bands configured in the model', () => {
    const s = resolveRiskSettings({ bands: { critical: 20, high: 12, medium: 6 } });
    expect(scoreLikelihoodImpact(4, 4, s)).toMatchObject({ value: 16, band: 'high', priority: 'P1' });
    expect(scoreLikelihoodImpact(4, 4, s).explanation).toContain('12–19 of 25 is P1 high');
    expect(scoreLikelihoodImpact(4, 5, s).band).toBe('critical');
  });
});

describe('the 3 × 3 matrix', () => {
  it('maps 1–2 to low, 3 to medium and 4–5 to high, then reads the matrix', () => {
    expect(scoreMatrix(4, 5, S)).toMatchObject({ likelihoodLevel: 'high', impactLevel: 'high', band: 'critical', priority: 'P0' });
    expect(scoreMatrix(3, 5, S)).toMatchObject({ likelihoodLevel: 'medium', impactLevel: 'high', band: 'high' });
    expect(scoreMatrix(2, 5, S)).toMatchObject({ likelihoodLevel: 'low', impactLevel: 'high', band: 'medium' });
    expect(scoreMatrix(3, 3, S).band).toBe('medium');
    expect(scoreMatrix(5, 1, S).band).toBe('medium');
    expect(scoreMatrix(4, 2, S).band).toBe('medium');
    expect(scoreMatrix(2, 2, S).band).toBe('low');
    expect(scoreMatrix(3, 2, S).band).toBe('low');
    expect(scoreMatrix(4, 4, S).explanation).toBe('likelihood 4 is high, impact 4 is high; the 3 × 3 matrix gives P0 critical (immediate)');
  });

  it('takes level thresholds and matrix rows from the model', () => {
    const s = resolveRiskSettings({ matrix: { levels: { medium: 2, high: 5 }, impact: { high: { low: 'high', medium: 'critical', high: 'critical' } } } });
    expect(scoreMatrix(2, 5, s)).toMatchObject({ likelihoodLevel: 'medium', impactLevel: 'high', band: 'critical' });
    expect(scoreMatrix(1, 5, s).band).toBe('high');
    expect(scoreMatrix(4, 4, s)).toMatchObject({ impactLevel: 'medium', band: 'medium' });
  });
});

describe('CVSS', () => {
  it('scores CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H at 9.8, Critical', () => {
    const r = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', S);
    if (!r.ok) throw new Error(r.message);
    expect(r.score).toMatchObject({ value: 9.8, band: 'critical', priority: 'P0', cvssVersion: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });
    expect(r.score.explanation).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H: CVSS 3.1 base score 9.8; 9.0–10.0 is P0 critical (immediate)');
  });

  it('scores a scope-changed CVSS 3.1 vector at its reference 6.4 (Medium)', () => {
    const r = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', S);
    expect(r.ok && r.score).toMatchObject({ value: 6.4, band: 'medium', priority: 'P2' });
  });

  it('scores CVSS 4.0 vectors at their reference scores (CVSS-B)', () => {
    const a = scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', S);
    if (!a.ok) throw new Error(a.message);
    expect(a.score).toMatchObject({ value: 9.3, band: 'critical', cvssVersion: '4.0' });
    expect(a.score.explanation).toContain('CVSS 4.0 CVSS-B 9.3');
    const b = scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', S);
    expect(b.ok && b.score.value).toBe(10);
  });

  it('applies environmental metrics and names the score CVSS-BE', () => {
    const r = scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', S, ['MAV:L']);
    if (!r.ok) throw new Error(r.message);
    expect(r.score.value).toBeLessThan(9.3);
    expect(r.score.vector).toBe('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:L');
    expect(r.score.explanation).toContain('CVSS-BE');
  });

  it('bands CVSS scores on the qualitative severity ratings', () => {
    const band = (v: string) => {
      const r = scoreCvss(v, S);
      return r.ok ? [r.score.value, r.score.band] : r.message;
    };
    expect(band('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N')).toEqual([6.5, 'medium']);
    expect(band('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N')).toEqual([7.5, 'high']);
    // By hand: exploitability 8.22 × 0.55 × 0.44 × 0.27 × 0.62 = 0.333, impact 6.42 × 0.22 = 1.412, roundup(1.745) = 1.8.
    expect(band('CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N')).toEqual([1.8, 'low']);
  });

  it('explains what is wrong with a bad vector', () => {
    const msg = (v: string) => {
      const r = scoreCvss(v, S);
      return r.ok ? 'ok' : r.message;
    };
    expect(msg('AV:N/AC:L')).toMatch(/must start with CVSS:3.1\/ or CVSS:4.0\//);
    expect(msg('CVSS:3.1/AV:N/AC:L')).toBe('CVSS 3.1 vector "CVSS:3.1/AV:N/AC:L" lacks base metrics PR, UI, S, C, I, A');
    expect(msg('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatch(/not valid: .*Q/);
    expect(msg('CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatch(/gives AV more than once/);
  });
});

describe('OWASP Risk Rating', () => {
  // The factors of the OWASP Risk Rating Methodology's worked example.
  const example = {
    skill_level: 5, motive: 2, opportunity: 7, size: 1,
    ease_of_discovery: 3, ease_of_exploit: 6, awareness: 9, intrusion_detection: 2,
    loss_of_confidentiality: 9, loss_of_integrity: 7, loss_of_availability: 5, loss_of_accountability: 8,
    financial_damage: 1, reputation_damage: 2, non_compliance: 1, privacy_violation: 5,
  };

  it('computes the methodology\'s worked example by hand', () => {
    const r = scoreOwasp(example);
    if (!r.ok) throw new Error(r.message);
    // likelihood (5+2+7+1+3+6+9+2)/8 = 4.375 MEDIUM; business impact (1+2+1+5)/4 = 2.25 LOW.
    expect(r.score).toMatchObject({ likelihood: 4.375, impact: 2.25, likelihoodLevel: 'medium', impactLevel: 'low', band: 'low', priority: 'P3' });
    expect(r.score.explanation).toContain('mean of 4 business factors');
  });

  it('uses the technical impact when no business factor is given', () => {
    const { financial_damage: _a, reputation_damage: _b, non_compliance: _c, privacy_violation: _d, ...technical } = example;
    const r = scoreOwasp(technical);
    // technical (9+7+5+8)/4 = 7.25 HIGH × likelihood MEDIUM = High.
    expect(r.ok && r.score).toMatchObject({ impact: 7.25, impactLevel: 'high', band: 'high', priority: 'P1' });
  });

  it('calls LOW × LOW a Note and bands it Low', () => {
    const r = scoreOwasp({ skill_level: 1, motive: 1, loss_of_integrity: 2 });
    expect(r.ok && r.score.band).toBe('low');
    expect(r.ok && r.score.explanation).toContain('Note, banded P3 low');
  });

  it('needs a likelihood and an impact factor', () => {
    const r = scoreOwasp({ motive: 9 });
    expect(r.ok).toBe(false);
  });
});

describe('bands', () => {
  it('orders critical above high above medium above low', () => {
    expect(atOrAbove('critical', 'high')).toBe(true);
    expect(atOrAbove('high', 'high')).toBe(true);
    expect(atOrAbove('medium', 'high')).toBe(false);
    expect(bandRank('low')).toBe(0);
  });
});
