import { useMemo } from 'react';
import { lineDiff } from '../model/diff.js';

export function DiffView({ before, after }: { before: string; after: string }) {
  const lines = useMemo(() => lineDiff(before, after), [before, after]);
  if (lines.length === 0) return <div className="muted small">No textual change.</div>;
  return (
    <pre className="diff" data-testid="diff">
      {lines.slice(0, 400).map((l, i) => (
        <div key={i} className={`diff-${l.kind}`}>
          <span className="ln">{l.line}</span>
          <span className="mark">{l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : ' '}</span>
          {l.text}
        </div>
      ))}
    </pre>
  );
}

export interface ConflictProps {
  file: string;
  reason: 'save' | 'external';
  before: string;
  after: string;
  canMerge: boolean;
  onReload: () => void;
  onMerge: () => void;
  onCancel: () => void;
}

export function ConflictDialog({ file, reason, before, after, canMerge, onReload, onMerge, onCancel }: ConflictProps) {
  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="conflict-title" data-testid="conflict">
        <h2 id="conflict-title">{file} changed on disk</h2>
        <p>
          {reason === 'save' ? 'Your save was refused: ' : ''}
          Another program changed the file since the editor loaded it, and you have unsaved edits. Nothing was overwritten. This is what changed on disk:
        </p>
        <DiffView before={before} after={after} />
        <div className="modal-actions">
          <button className="primary" onClick={onMerge} disabled={!canMerge} title={canMerge ? 'Apply your edits on top of the file as it is now' : 'The file on disk cannot be read; fix it first'}>Merge my edits into it</button>
          <button className="danger" onClick={onReload}>Reload and discard my edits</button>
          <button onClick={onCancel}>Decide later</button>
        </div>
      </div>
    </div>
  );
}

const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + S', 'Save to the model file'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Delete, Backspace', 'Delete the selection (and flows attached to it)'],
  ['P · D · E', 'Add a process · data store · external entity'],
  ['B', 'Add a trust boundary'],
  ['1 … 6', 'Threats · Properties · Issues · Risk · Report · Guide'],
  ['Shift + click, Shift + drag', 'Select several'],
  ['Esc', 'Clear the selection'],
  ['?', 'This help'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop" role="presentation" onClick={onClose}>
      <div className="modal narrow" role="dialog" aria-modal="true" aria-labelledby="keys-title" onClick={(e) => { e.stopPropagation(); }}>
        <h2 id="keys-title">Keyboard shortcuts</h2>
        <table className="keys">
          <tbody>
            {SHORTCUTS.map(([k, v]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{v}</td></tr>)}
          </tbody>
        </table>
        <p className="muted small">Drag from the edge of one element to another to draw a data flow. Drop an element inside a boundary to put it there.</p>
        <div className="modal-actions"><button onClick={onClose}>Close</button></div>
      </div>
    </div>
  );
}
