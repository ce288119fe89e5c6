/** Validation issues of the model being edited, live. */
import type { Issue } from '@threatwright/core';

export function IssuesPanel({ issues, onSelect }: { issues: readonly Issue[]; onSelect: (id: string) => void }) {
  if (issues.length === 0) return <div className="empty"><h3>No problems</h3><p>The model passes the schema and the semantic checks.</p></div>;
  return (
    <ul className="issues" data-testid="issues">
      {issues.map((i, n) => (
        <li key={`${i.code}-${n}`} className={`issue ${i.severity}`}>
          <span className="sev">{i.severity === 'error' ? '✖' : i.severity === 'warning' ? '⚠' : 'ℹ'}</span>
          <div>
            <div>
              {i.subject ? <button className="chip" onClick={() => { if (i.subject) onSelect(i.subject); }}>{i.subject}</button> : null} {i.message}
            </div>
            <div className="muted small">{i.path.join('.')} {i.hint ? `— ${i.hint}` : ''}</div>
          </div>
        </li>
      ))}
    </ul>
  );
}
