/**
 * What is left to do, live: the items `threatwright check` would fail on at a chosen band (core's
 * gate), and the problems the loader's checks and the analysis find in the model. Every entry
 * names what it is about; a click opens it where it can be fixed.
 */
import { useState } from 'react';
import { atOrAbove, bandName, parseBand, type Band, type GateItem, type Issue } from '@threatwright/core';
import { BANDS } from '../model/analysis.js';

const KIND: Record<GateItem['kind'], string> = { risk: 'risk', 'overdue-mitigation': 'overdue', 'expired-acceptance': 'expired', unrated: 'unrated', 'stale-component': 'stale' };

/** The loader's issues and the analysis's, once each (a model problem both could report is listed once). */
export function allIssues(loaded: readonly Issue[], analysis: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of [...loaded, ...analysis]) {
    const k = `${i.code}\u0000${i.subject ?? ''}\u0000${i.path.join('.')}\u0000${i.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(i);
  }
  return out;
}

/**
 * The gate at `failOn`, from core's items at the lowest band with unrated threats failing: risks
 * below the band drop out, and unrated threats only fail with `unrated` (as `check --unrated fail`).
 */
export function gateAt(items: readonly GateItem[], failOn: Band, unrated: boolean): GateItem[] {
  return items.filter((i) => (i.kind === 'risk' ? i.band !== undefined && atOrAbove(i.band, failOn) : i.kind === 'unrated' ? unrated : true));
}

export interface IssuesProps {
  issues: readonly Issue[];
  /** Core's gate items at the lowest band (see analysis.ts); absent while the model cannot be analysed. */
  gate?: readonly GateItem[] | undefined;
  /** Opens what an issue or gate item is about: an element, a threat or a mitigation. */
  onSelect: (id: string) => void;
  /** Removes the leftover an issue names, when that is its fix (absent: no such button). */
  onRemove?: ((issue: Issue) => boolean) | undefined;
}

export function IssuesPanel({ issues, gate, onSelect, onRemove }: IssuesProps) {
  const [failOn, setFailOn] = useState<Band>('critical');
  const [unrated, setUnrated] = useState(false);
  const items = gate ? gateAt(gate, failOn, unrated) : [];
  const unratedCount = gate?.filter((i) => i.kind === 'unrated').length ?? 0;
  return (
    <div className="issues-panel" data-testid="issues-panel">
      {gate ? (
        <section className="gate" data-testid="gate">
          <div className="gate-head">
            <h3>{items.length === 0 ? '✓ Passes' : `✖ Fails: ${String(items.length)} item${items.length === 1 ? '' : 's'}`}</h3>
            <label className="small">as <code>threatwright check --fail-on</code>
              <select aria-label="Fail on" value={failOn} onChange={(e) => { setFailOn(parseBand(e.target.value) ?? 'critical'); }}>
                {BANDS.map((b) => <option key={b} value={b}>{bandName(b)}</option>)}
              </select>
            </label>
            <label className="check small"><input type="checkbox" checked={unrated} onChange={(e) => { setUnrated(e.target.checked); }} /> <code>--unrated fail</code></label>
          </div>
          <p className="muted small">
            {items.length === 0
              ? `Nothing at or above ${bandName(failOn)}, no overdue P0/P1 mitigation, no expired acceptance${unrated ? ', no unrated open threat' : ''}.`
              : 'Open each item to decide about it: rate it, mitigate it (owner, due date, status), or accept it with who, why and until when.'}
            {!unrated && unratedCount > 0 ? ` ${String(unratedCount)} open threat${unratedCount === 1 ? ' is' : 's are'} unrated: the gate cannot judge ${unratedCount === 1 ? 'it' : 'them'}.` : ''}
          </p>
          <ul className="gate-items">
            {items.map((i) => (
              <li key={`${i.kind}:${i.subject}`} className={`gate-item ${i.kind}`} data-testid={`gate-${i.subject}`}>
                <span className="gate-kind">{KIND[i.kind]}</span>
                <span className={`band-pill ${i.band ?? 'unrated'}`}>{i.band ? bandName(i.band) : 'unrated'}</span>
                <div>
                  <button className="link" onClick={() => { onSelect(i.subject); }} title="Open it">{i.title}</button> <code className="muted small">{i.subject}</code>
                  <div className="muted small">{i.message}</div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {issues.length === 0 ? (
        <div className="empty"><h3>No problems</h3><p>The model passes the schema and the semantic checks, and the analysis has nothing to say about it.</p></div>
      ) : (
        <>
          {gate ? <h3 className="issues-title">Problems in the model</h3> : null}
          <ul className="issues" data-testid="issues">
            {issues.map((i, n) => (
              <li key={`${i.code}-${String(n)}`} className={`issue ${i.severity}`} data-code={i.code}>
                <span className="sev">{i.severity === 'error' ? '✖' : i.severity === 'warning' ? '⚠' : 'ℹ'}</span>
                <div>
                  <div>
                    {i.subject ? <button className="chip" onClick={() => { if (i.subject) onSelect(i.subject); }}>{i.subject}</button> : null} {i.message}
                  </div>
                  <div className="muted small">{i.path.join('.')} {i.hint ? `— ${i.hint}` : ''}</div>
                  {onRemove && (i.code === 'stale-decision' || i.code === 'stale-layout') ? <button className="fix" onClick={() => { onRemove(i); }}>{i.code === 'stale-decision' ? 'Remove the decision' : 'Remove the position'}</button> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
