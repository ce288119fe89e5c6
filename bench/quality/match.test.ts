import { describe, expect, it } from 'vitest';
import { builtinRules } from '@threatwright/core';
import { CONCERNS, type Concern } from './concerns.js';
import { addFindings, classify, findings, judge, missesByConcern, neighbourhoods, perElement, type DerivedThreat, type SourceThreat, type Topology } from './match.js';

// C1 browser -F1-> C2 web -F2-> C3 database; C4 is elsewhere, C5 out of scope.
const topology: Topology = {
  components: [{ id: 'C1' }, { id: 'C2' }, { id: 'C3' }, { id: 'C4' }, { id: 'C5', out_of_scope: true }],
  flows: [
    { id: 'F1', from: 'C1', to: 'C2' },
    { id: 'F2', from: 'C2', to: 'C3' },
  ],
};

const concerns: readonly Concern[] = [
  { id: 'sql-injection', keywords: [/sql injection/i], rules: ['sql-injection'] },
  { id: 'transport', keywords: [/https?\b|http\/s/i, /sniff/i], rules: ['unencrypted-flow'] },
  { id: 'audit', keywords: [/repudiat/i, /audit/i], rules: ['missing-audit-log'] },
];

const source = (id: string, category: string | undefined, elements: string[], title: string, description?: string): SourceThreat => ({ id, title, category, elements, ...(description !== undefined ? { description } : {}) });
const rule = (ruleId: string, category: string, elements: string[], confidence = 'possible'): DerivedThreat => ({ ruleId, category, elements, confidence });

const verdictOf = (sources: SourceThreat[], derived: DerivedThreat[]) => {
  const q = judge(sources, derived, topology, concerns);
  return (id: string) => {
    const v = q.verdicts.find((x) => x.threat.id === id);
    if (!v) throw new Error(`no verdict for ${id}`);
    return v;
  };
};

describe('adjacency', () => {
  it('puts a flow beside its two ends and a component beside its flows, and nothing further', () => {
    const around = neighbourhoods(topology);
    expect([...around('F1')].sort()).toEqual(['C1', 'C2', 'F1']);
    expect([...around('C2')].sort()).toEqual(['C2', 'F1', 'F2']);
    expect([...around('C4')]).toEqual(['C4']);
    expect([...around('B1')]).toEqual(['B1']);
  });
});

describe('matched by category', () => {
  it('matches the same category on the same element, on a flow\'s ends and on a component\'s flows', () => {
    const v = verdictOf(
      [source('T1', 'spoofing', ['F1'], 'a'), source('T2', 'tampering', ['C3'], 'b'), source('T3', 'denial-of-service', ['C4'], 'c')],
      [rule('spoofed-caller', 'spoofing', ['C2']), rule('untrusted-write-to-store', 'tampering', ['F2']), rule('unthrottled-endpoint', 'denial-of-service', ['C4'])],
    );
    expect(v('T1')).toMatchObject({ byCategory: 'matched', categoryRule: 'spoofed-caller' });
    expect(v('T2')).toMatchObject({ byCategory: 'matched', categoryRule: 'untrusted-write-to-store' });
    expect(v('T3').byCategory).toBe('matched');
  });

  it('misses another category on the same element, and the same category two steps away', () => {
    const v = verdictOf(
      [source('T1', 'spoofing', ['F1'], 'a'), source('T2', 'tampering', ['F1'], 'b')],
      [rule('unencrypted-flow', 'information-disclosure', ['F1']), rule('sql-injection', 'tampering', ['C3'])],
    );
    expect(v('T1').byCategory).toBe('missed');
    expect(v('T2').byCategory).toBe('missed');
  });

  it('counts baseline entries, which name their target and the flows entering it', () => {
    const v = verdictOf([source('T1', 'repudiation', ['F1'], 'No audit trail')], [rule('baseline-repudiation', 'repudiation', ['C2', 'F1'], 'baseline')]);
    expect(v('T1').byCategory).toBe('matched');
  });

  it('covers (category, element) pairs once each', () => {
    const q = judge(
      [source('T1', 'spoofing', ['F1'], 'a'), source('T2', 'spoofing', ['F1'], 'b'), source('T3', 'tampering', ['F1'], 'c')],
      [rule('spoofed-caller', 'spoofing', ['F1'])],
      topology,
      concerns,
    );
    expect(q.pairs).toEqual({ judged: 2, matched: 1 });
    expect(q.byCategory).toEqual({ judged: 3, matched: 2 });
  });
});

describe('matched by a rule about the same concern', () => {
  it('matches a rule of the concern on an adjacent element and misses one two steps away', () => {
    const v = verdictOf(
      [source('T1', 'tampering', ['F2'], 'SQL injection through the search box'), source('T2', 'tampering', ['F1'], 'SQL injection in the login form')],
      [rule('sql-injection', 'tampering', ['C3', 'C2'])],
    );
    expect(v('T1')).toMatchObject({ concerns: ['sql-injection'], byConcern: 'matched', concernRule: 'sql-injection' });
    expect(v('T2').byConcern).toBe('matched'); // C2 is F1's target
    const far = verdictOf([source('T3', 'tampering', ['F1'], 'SQL injection')], [rule('sql-injection', 'tampering', ['C3'])]);
    expect(far('T3').byConcern).toBe('missed');
  });

  it('misses a rule of another concern, even of the same category on the same element', () => {
    const v = verdictOf([source('T1', 'information-disclosure', ['F1'], 'Data flow should use HTTP/S')], [rule('verbose-errors', 'information-disclosure', ['F1'])]);
    expect(v('T1')).toMatchObject({ byCategory: 'matched', byConcern: 'missed', concerns: ['transport'] });
  });

  it('never counts a baseline entry for the concern, though it counts for the category', () => {
    const v = verdictOf([source('T1', 'repudiation', ['F1'], 'Attacker can deny a malicious act leading to repudiation issues')], [rule('baseline-repudiation', 'repudiation', ['C2', 'F1'], 'baseline')]);
    expect(v('T1')).toMatchObject({ byCategory: 'matched', byConcern: 'missed' });
    // Even a baseline id listed among a concern's rules does not match.
    const listed = judge([source('T2', 'repudiation', ['F1'], 'audit')], [rule('baseline-repudiation', 'repudiation', ['F1'], 'baseline')], topology, [{ id: 'audit', keywords: [/audit/i], rules: ['baseline-repudiation'] }]);
    expect(listed.verdicts[0]?.byConcern).toBe('missed');
  });

  it('sets threats that name no concern apart instead of counting them as misses', () => {
    const q = judge([source('T1', 'spoofing', ['C2'], 'New generic threat'), source('T2', 'spoofing', ['C2'], 'Sniffing the session cookie')], [], topology, concerns);
    expect(q.unrecognised).toBe(1);
    expect(q.byConcern).toEqual({ judged: 1, matched: 0 });
    expect(q.verdicts[0]?.byConcern).toBe('unrecognised');
  });

  it('reads the description only when the title names no concern', () => {
    expect(classify({ title: 'Message secrecy', description: 'Traffic could be sniffed' }, concerns).map((c) => c.id)).toEqual(['transport']);
    expect(classify({ title: 'SQL injection', description: 'and the traffic is not on HTTPS' }, concerns).map((c) => c.id)).toEqual(['sql-injection']);
  });

  it('counts per concern whether a rule of that very concern matched', () => {
    const q = judge([source('T1', 'tampering', ['F2'], 'SQL injection or sniffing')], [rule('sql-injection', 'tampering', ['F2'])], topology, concerns);
    expect(q.verdicts[0]).toMatchObject({ byConcern: 'matched', matchedConcerns: ['sql-injection'] });
    expect(missesByConcern(q.verdicts)).toEqual([
      { concern: 'transport', judged: 1, matched: 0 },
      { concern: 'sql-injection', judged: 1, matched: 1 },
    ]);
  });
});

describe('what is not counted', () => {
  it('keeps threats on out-of-scope elements and on no element out of both measures', () => {
    const q = judge([source('T1', 'spoofing', ['C5'], 'SQL injection'), source('T2', 'spoofing', [], 'SQL injection'), source('T3', undefined, ['C2'], 'SQL injection')], [rule('sql-injection', 'tampering', ['C2'])], topology, concerns);
    expect(q).toMatchObject({ threats: 3, outOfScope: 1, noElement: 1, noCategory: 1, byCategory: { judged: 0, matched: 0 }, byConcern: { judged: 1, matched: 1 } });
  });
});

describe('findings per element', () => {
  it('counts derived threats per in-scope element, with and without baseline entries, and by confidence', () => {
    const f = findings([rule('sql-injection', 'tampering', ['C2'], 'confirmed'), rule('csrf', 'spoofing', ['C2']), rule('baseline-spoofing', 'spoofing', ['C2', 'F1'], 'baseline')], 2);
    expect(f).toEqual({ elements: 2, derived: 3, derivedWithoutBaseline: 2, byConfidence: { confirmed: 1, possible: 1, baseline: 1 } });
    expect(perElement(f)).toBe(1.5);
    expect(perElement(f, false)).toBe(1);
    expect(perElement(addFindings([f, findings([], 2)]))).toBe(0.75);
    expect(perElement(findings([], 0))).toBe(0);
  });
});

describe('the concern table', () => {
  it('names only rules that exist, and no baseline entries', () => {
    const ids = new Set(builtinRules.map((r) => r.id));
    const unknown = CONCERNS.flatMap((c) => c.rules.filter((r) => !ids.has(r)).map((r) => `${c.id}: ${r}`));
    expect(unknown).toEqual([]);
    expect(CONCERNS.flatMap((c) => c.rules).filter((r) => r.startsWith('baseline-'))).toEqual([]);
    expect(new Set(CONCERNS.map((c) => c.id)).size).toBe(CONCERNS.length);
  });

  it('classifies the kinds of titles the corpus holds', () => {
    const of = (title: string) => classify({ title }, CONCERNS).map((c) => c.id);
    expect(of('An adversary can gain access to sensitive data by performing SQL injection through Web API')).toContain('sql-injection');
    expect(of('Data flow should use HTTP/S')).toEqual(['transport-encryption']);
    expect(of('Attacker can deny a malicious act on an API leading to repudiation issues')).toContain('audit-logging');
    expect(of('An adversary can gain unauthorized access to Azure File Storage due to weak CORS configuration')).toEqual(expect.arrayContaining(['cors', 'access-control']));
    expect(of('New generic threat')).toEqual([]);
  });
});
