/** A preview of the threat-model report, built from the live analysis. All text is rendered as text. */
import { bandCountsText, type Issue, type Model } from '@threatwright/core';
import { isBaselineRow, isOpenRow, type Analysis } from '../model/analysis.js';

const plural = (n: number, word: string, many = `${word}s`) => `${String(n)} ${n === 1 ? word : many}`;

export function ReportPreview({ model, analysis, issues }: { model: Model; analysis: Pick<Analysis, 'rows' | 'posture' | 'counts'>; issues: readonly Issue[] }) {
  const { rows: all, posture, counts } = analysis;
  // Baseline entries are questions the model does not answer yet: counted apart, listed in the Threats tab.
  const rows = all.filter((r) => !isBaselineRow(r));
  const baselineElements = new Set(all.filter((r) => isBaselineRow(r) && isOpenRow(r)).map((r) => r.elements[0] ?? r.key)).size;
  // In core's order (highest residual risk first), as the reports list them.
  const open = rows.filter(isOpenRow);
  const decided = [posture.accepted > 0 ? `${String(posture.accepted)} accepted` : '', posture.transferred > 0 ? `${String(posture.transferred)} transferred` : '', posture.dismissed > 0 ? `${String(posture.dismissed)} dismissed` : ''].filter((x) => x !== '');
  const questions = new Map<string, string>();
  // The questions the open threats ask, as the command line lists them (the baseline's own are with the baseline).
  for (const r of open) for (const u of r.threat.unstated) questions.set(`${u.subject}.${u.key}`, u.question);
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
      <ul className="report-summary" data-testid="report-summary">
        <li>{model.components?.length ?? 0} components, {model.flows?.length ?? 0} data flows and {model.boundaries?.length ?? 0} trust boundaries.</li>
        <li>{plural(counts.threats, 'threat')} ({counts.derived} derived, {counts.manual} manual), <strong>{posture.open.total} open</strong>: {bandCountsText(posture.open)}.</li>
        {posture.mitigated.total > 0 ? <li>{posture.mitigated.total} mitigated, residual: {bandCountsText(posture.mitigated)}.</li> : null}
        {decided.length > 0 ? <li>Decided: {decided.join(', ')}.</li> : null}
        {posture.baseline.total > 0 ? <li>Baseline: {plural(posture.baseline.total, 'STRIDE category', 'STRIDE categories')} open on {plural(baselineElements, 'entry point')}, questions the model does not answer yet (the Threats tab lists them).</li> : null}
        {issues.some((i) => i.severity === 'error') ? <li>The model has validation errors.</li> : null}
      </ul>
      <h2>Open threats</h2>
      {open.length === 0 ? <p>None.</p> : (
        <table className="report-table">
          <thead><tr><th>Risk</th><th>Threat</th><th>Mitigations</th></tr></thead>
          <tbody>
            {open.slice(0, 100).map((r) => (
              <tr key={r.key}>
                <td><span className={`band-pill ${r.band ?? 'unrated'}`}>{r.rating}</span></td>
                <td>{r.title}<div className="muted small">{r.key}{r.elements.length > 0 ? ` · ${r.elements.join(', ')}` : ''}</div></td>
                <td>{r.mitigations.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open.length > 100 ? <p className="muted small">The first 100 of {open.length}; the full report (`threatwright report`) lists them all.</p> : null}
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
