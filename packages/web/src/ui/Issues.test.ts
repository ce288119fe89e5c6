import type { GateItem, Issue } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { allIssues, gateAt } from './Issues.js';

const items: GateItem[] = [
  { kind: 'risk', subject: 'T1', title: 'a', band: 'critical', message: '' },
  { kind: 'risk', subject: 'T2', title: 'b', band: 'high', message: '' },
  { kind: 'expired-acceptance', subject: 'T3', title: 'c', band: 'low', message: '' },
  { kind: 'risk', subject: 'T4', title: 'd', band: 'low', message: '' },
  { kind: 'overdue-mitigation', subject: 'R1', title: 'e', band: 'high', message: '' },
  { kind: 'unrated', subject: 'T5', title: 'f', message: '' },
];

describe('the issues panel', () => {
  it('shows the gate at the chosen band as `check --fail-on` does: risks below it drop out, expired and overdue items stay, unrated only when asked', () => {
    expect(gateAt(items, 'critical', false).map((i) => i.subject)).toEqual(['T1', 'T3', 'R1']);
    expect(gateAt(items, 'high', false).map((i) => i.subject)).toEqual(['T1', 'T2', 'T3', 'R1']);
    expect(gateAt(items, 'low', true).map((i) => i.subject)).toEqual(['T1', 'T2', 'T3', 'T4', 'R1', 'T5']);
  });

  it('lists an issue both the loader and the analysis report once', () => {
    const i: Issue = { code: 'mitigation-without-owner', severity: 'warning', message: 'mitigation has no owner', path: ['mitigations', 0], subject: 'R1' };
    const j: Issue = { code: 'acceptance-incomplete', severity: 'warning', message: 'T1 is accepted but…', path: ['threats', 0, 'status'], subject: 'T1' };
    expect(allIssues([i], [{ ...i }, j])).toEqual([i, j]);
  });
});
