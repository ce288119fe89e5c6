import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { lineDiff } from '../model/diff.js';

/**
 * A modal dialog on the browser's own `<dialog>`: it takes the focus, keeps Tab inside, makes the
 * page behind it inert, and Escape closes it (through `onClose`, so the state that shows it is the
 * one that hides it). The focus goes back to where it was when the dialog opened.
 */
export function Modal({ labelledBy, className, testId, onClose, children }: { labelledBy: string; className?: string; testId?: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // Back where the user was, unless that is gone (e.g. a reload replaced it).
      if (before?.isConnected) before.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      data-testid={testId}
      onCancel={(e) => {
        // Escape: the owner decides (it unmounts the dialog), so the browser does not close it behind React's back.
        e.preventDefault();
        close.current();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === e.currentTarget) {
          const r = e.currentTarget.getBoundingClientRect();
          if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) close.current();
        }
      }}
    >
      {children}
    </dialog>
  );
}

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
    <Modal labelledBy="conflict-title" testId="conflict" onClose={onCancel}>
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
    </Modal>
  );
}

const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + S', 'Save to the model file'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Delete, Backspace', 'Delete the selection (and flows attached to it)'],
  ['P · D · E', 'Add a process · data store · external entity'],
  ['B', 'Add a trust boundary'],
  ['Shift + click, Shift + drag', 'Select several'],
  ['1 … 7', 'Threats · Mitigations · Properties · Issues · Risk · Report · Guide'],
  ['Esc', 'Close a dialog; else clear the selection'],
  ['?', 'This help'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal labelledBy="keys-title" className="narrow" testId="shortcuts" onClose={onClose}>
        <h2 id="keys-title">Keyboard shortcuts</h2>
        <table className="keys">
          <tbody>
            {SHORTCUTS.map(([k, v]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{v}</td></tr>)}
          </tbody>
        </table>
        <p className="muted small">Drag from the edge of one element to another to draw a data flow. Drop an element inside a boundary to put it there.</p>
        <div className="modal-actions"><button onClick={onClose} autoFocus>Close</button></div>
    </Modal>
  );
}
