/** Likelihood × impact heatmap of the open threats, with the ones it cannot place counted beside it. */
import { useState } from 'react';
import { bandName, UNRATED } from '@threatwright/core';
import { heatmap, type CellBands, type Posture, type ThreatRow } from '../model/analysis.js';

const LIKELIHOOD = ['almost certain', 'likely', 'possible', 'unlikely', 'rare'];
const IMPACT = ['negligible', 'minor', 'moderate', 'major', 'severe'];

export function Heatmap({ rows, cells, posture }: { rows: readonly ThreatRow[]; cells: CellBands; posture: Posture }) {
  const [closed, setClosed] = useState(false);
  const { grid, unrated, offGrid } = heatmap(rows, closed);
  let placed = 0;
  for (const row of grid) for (const n of row) placed += n;
  // Placed, unrated and off the grid add up to the posture's open threats (a test checks).
  const total = closed ? placed + unrated + offGrid : posture.open.total;
  return (
    <div className="heatmap" data-testid="heatmap">
      <h3>Risk heatmap</h3>
      <p className="muted small">{closed ? 'Threats' : 'Open threats'} by residual likelihood and impact (1–5), in the model’s bands. Decisions in the model override the rule’s estimate.</p>
      <div className="heat-grid">
        <div className="axis-y">Likelihood</div>
        {grid.map((row, i) => (
          <div className="heat-row" key={LIKELIHOOD[i]}>
            <div className="heat-label">{5 - i} · {LIKELIHOOD[i]}</div>
            {row.map((n, j) => {
              const band = cells[i]?.[j] ?? 'low';
              return <div key={IMPACT[j]} className={`heat-cell ${band}${n === 0 ? ' zero' : ''}`} title={`likelihood ${5 - i}, impact ${j + 1} (${bandName(band)}): ${n}`}>{n > 0 ? n : ''}</div>;
            })}
          </div>
        ))}
        <div className="heat-row labels">
          <div className="heat-label" />
          {IMPACT.map((l, j) => <div key={l} className="heat-xlabel">{j + 1} · {l}</div>)}
        </div>
        <div className="axis-x">Impact</div>
      </div>
      <p className="small heat-total" data-testid="heat-total">
        {placed} of {total} {closed ? 'threats' : 'open threats'} on the grid
        {unrated > 0 ? <span className="heat-off unrated" title="No likelihood and impact, nor another score: the grid cannot place them">{unrated} {UNRATED}</span> : null}
        {offGrid > 0 ? <span className="heat-off" title="Rated by CVSS or OWASP factors, which have no 1–5 likelihood and impact">{offGrid} rated without likelihood × impact</span> : null}
      </p>
      <label className="check"><input type="checkbox" checked={closed} onChange={(e) => { setClosed(e.target.checked); }} /> include closed threats</label>
    </div>
  );
}
