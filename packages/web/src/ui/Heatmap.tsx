/** Likelihood × impact heatmap of the open threats. */
import { useState } from 'react';
import { bandOf, heatmap, type ThreatRow } from '../model/analysis.js';

const LIKELIHOOD = ['almost certain', 'likely', 'possible', 'unlikely', 'rare'];
const IMPACT = ['negligible', 'minor', 'moderate', 'major', 'severe'];

export function Heatmap({ rows }: { rows: readonly ThreatRow[] }) {
  const [closed, setClosed] = useState(false);
  const grid = heatmap(rows, closed);
  return (
    <div className="heatmap" data-testid="heatmap">
      <h3>Risk heatmap</h3>
      <p className="muted small">Open threats by likelihood and impact (1–5). Decisions in the model override the rule’s estimate.</p>
      <div className="heat-grid">
        <div className="axis-y">Likelihood</div>
        {grid.map((row, i) => (
          <div className="heat-row" key={LIKELIHOOD[i]}>
            <div className="heat-label">{5 - i} · {LIKELIHOOD[i]}</div>
            {row.map((n, j) => (
              <div key={IMPACT[j]} className={`heat-cell ${bandOf(5 - i, j + 1)}${n === 0 ? ' zero' : ''}`} title={`likelihood ${5 - i}, impact ${j + 1}: ${n}`}>{n > 0 ? n : ''}</div>
            ))}
          </div>
        ))}
        <div className="heat-row labels">
          <div className="heat-label" />
          {IMPACT.map((l, j) => <div key={l} className="heat-xlabel">{j + 1} · {l}</div>)}
        </div>
        <div className="axis-x">Impact</div>
      </div>
      <label className="check"><input type="checkbox" checked={closed} onChange={(e) => { setClosed(e.target.checked); }} /> include closed threats</label>
    </div>
  );
}
