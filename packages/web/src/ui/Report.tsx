/** A preview of the threat-model report, built from the live analysis. All text is rendered as text. */
import type { Issue, Model } from '@threatwright/core';
import { BANDS, CLOSED, isBaselineRow, type ThreatRow } from '../model/analysis.js';

export function ReportPreview({ model, rows: all, issues }: { model: Model; rows: readonly ThreatRow[]; issues: readonly Issue[] }) {
  // Baseline entries are questions the model does not answer yet: counted apart, listed in the Threats tab.
  const rows = all.filter((r) => !isBaselineRow(r));
  const baseline = all.filter((r) => isBaselineRow(r) && !CLOSED.has(r.status));
  const baselineElements = new Set(baseline.map((r) => r.elements[0] ?? r.key)).size;
  const open = rows.filter((r) => !CLOSED.has(r.status));
  const questions = new Map<string, string>();
  for (const r of rows) for (const u of r.threat.unstated) questions.set(`${u.subject}.${u.key}`, u.question);
  const s = model.system;
  return (
    <article className="report" data-testid="report">
      <h1>{s.name}</h1>
      {s.description ? <p>{s.description}</p> : null}
      <dl className="report-facts">
        {s.owner ? <><dt>Owner</dt><dd>{s.owner}</dd></> : null}
        {s.version ? <><dt>Version</dt><dd>{s.version}</dd></> : null}
        {s.reviewed_at ? <><dt>Last review</dt><dd>{s.reviewed_at}</dd></> : null}
        {s.scope ? <><dt>Scope</dt><dd>{s.scope}</dd></> : null}
      </dl>
      <h2>Summary</h2>
      <p>
        {model.components?.length ?? 0} components, {model.flows?.length ?? 0} data flows and {model.boundaries?.length ?? 0} trust boundaries. {rows.length} threats, {open.length} unresolved:{' '}
        {BANDS.map((b) => `${open.filter((r) => r.band === b).length} ${b}`).join(', ')}.
        {baseline.length > 0 ? ` Baseline: ${baseline.length} STRIDE ${baseline.length === 1 ? 'category' : 'categories'} open on ${baselineElements} ${baselineElements === 1 ? 'entry point' : 'entry points'}, questions the model does not answer yet (the Threats tab lists them).` : ''}
        {issues.some((i) => i.severity === 'error') ? ' The model has validation errors.' : ''}
      </p>
      <h2>Unresolved threats</h2>
      {open.length === 0 ? <p>None.</p> : (
        <table className="report-table">
          <thead><tr><th>Band</th><th>Threat</th><th>Elements</th><th>L×I</th><th>Mitigations</th></tr></thead>
          <tbody>
            {open.slice(0, 100).map((r) => (
              <tr key={r.key}>
                <td><span className={`band-pill ${r.band}`}>{r.band}</span></td>
                <td>{r.title}<div className="muted small">{r.key}</div></td>
                <td>{r.elements.join(', ')}</td>
                <td>{r.likelihood}×{r.impact}</td>
                <td>{r.mitigations.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {model.mitigations && model.mitigations.length > 0 ? (
        <>
          <h2>Mitigations</h2>
          <table className="report-table">
            <thead><tr><th>Id</th><th>Mitigation</th><th>Status</th><th>Owner</th><th>Due</th></tr></thead>
            <tbody>{model.mitigations.map((m) => <tr key={m.id}><td>{m.id}</td><td>{m.title}</td><td>{m.status ?? 'proposed'}</td><td>{m.owner ?? '—'}</td><td>{m.due ?? '—'}</td></tr>)}</tbody>
          </table>
        </>
      ) : null}
      {questions.size > 0 ? (
        <>
          <h2>Open questions</h2>
          <p className="muted small">Answering these (as properties) confirms or closes the threats that rest on them.</p>
          <ul>{[...questions].slice(0, 50).map(([k, q]) => <li key={k}>{q}</li>)}</ul>
        </>
      ) : null}
    </article>
  );
}
