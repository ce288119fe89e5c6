import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { bandCountsText, bandName, bandSummary, createAnalyzer, UNRATED, type Issue, type Model, type VerificationRecord } from '@threatwright/core';
import type { ValidateRequest, ValidateResponse } from '../validate.worker.js';
import { ConflictError, type Client } from '@threatwright/server/client';
import { analyzeModel, BANDS, unpackAnalysis, type Analysis } from '../model/analysis.js';
import { diagramSvg } from '../model/export-svg.js';
import { autoLayout, needsAutoLayout, placeNew, resolveRects, usesElk } from '../model/layout.js';
import { mergeModels } from '../model/merge.js';
import { addBoundary, addComponent, deleteElements, removeLeftover } from '../model/ops.js';
import { Canvas } from './Canvas.js';
import { ConflictDialog, DiffView, ShortcutsDialog } from './Dialogs.js';
import { Guide } from './Guide.js';
import { Heatmap } from './Heatmap.js';
import { allIssues, IssuesPanel } from './Issues.js';
import { MitigationsPanel } from './Mitigations.js';
import { Properties } from './Properties.js';
import { ReportPreview } from './Report.js';
import { initialState, isDirty, reducer, type Panel } from './store.js';
import { ThreatsPanel } from './Threats.js';

const PANELS: { id: Panel; label: string; key: string }[] = [
  { id: 'threats', label: 'Threats', key: '1' },
  { id: 'mitigations', label: 'Mitigations', key: '2' },
  { id: 'properties', label: 'Properties', key: '3' },
  { id: 'issues', label: 'Issues', key: '4' },
  { id: 'risk', label: 'Risk', key: '5' },
  { id: 'report', label: 'Report', key: '6' },
  { id: 'guide', label: 'Guide', key: '7' },
];

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'diagram';
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Inside an open dialog, keys belong to the dialog (Escape closes it), not to the editor's shortcuts. */
function inDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('dialog[open]') !== null;
}

/** Above this many components, analysis runs in the worker too, so editing never waits for it. */
export const WORKER_ANALYSIS_FROM = 250;

function startWorker(): Worker {
  return new Worker(new URL('../validate.worker.ts', import.meta.url), { type: 'module' });
}
/**
 * The first worker is started as the page loads: the browser loads its script only when the page
 * is not busy, and the page is busy drawing a large model as soon as it arrives.
 */
let prestarted: Worker | undefined = typeof Worker === 'function' ? startWorker() : undefined;

/**
 * Live validation in a worker, a moment after the last edit; analysis on the page for models of
 * ordinary size (instant feedback) and in the worker for large ones (no stalls).
 */
function useChecks(model: Model | undefined, file: string | undefined, record: VerificationRecord | null): { issues: Issue[]; analysis: Analysis | undefined; start: (model: Model, file: string) => void } {
  const [issues, setIssues] = useState<Issue[]>([]);
  const [remote, setRemote] = useState<Analysis | undefined>(undefined);
  const big = (model?.components?.length ?? 0) >= WORKER_ANALYSIS_FROM;
  // Kept from one edit to the next: an edit re-runs rules only around what it changed.
  const [analyzer] = useState(createAnalyzer);
  const local = useMemo(() => (model && !big ? analyzeModel(model, analyzer, record) : undefined), [model, big, analyzer, record]);
  const worker = useRef<Worker | undefined>(undefined);
  const latest = useRef(0);
  /** The model and the test evidence last sent to the worker. */
  const sent = useRef<Model | undefined>(undefined);
  const sentRecord = useRef<VerificationRecord | null>(null);
  const latestRecord = useRef(record);
  latestRecord.current = record;
  useEffect(() => {
    const w = prestarted ?? startWorker();
    prestarted = undefined;
    w.addEventListener('message', (e: MessageEvent<ValidateResponse>) => {
      if (e.data.id !== latest.current) return;
      if (e.data.analysis) setRemote(unpackAnalysis(e.data.analysis));
      else setIssues(e.data.issues);
    });
    worker.current = w;
    return () => {
      w.terminate();
    };
  }, []);
  const send = useCallback((id: number, m: Model, f: string) => {
    sent.current = m;
    sentRecord.current = latestRecord.current;
    worker.current?.postMessage({ id, file: f, model: m, analyze: (m.components?.length ?? 0) >= WORKER_ANALYSIS_FROM, verification: latestRecord.current } satisfies ValidateRequest);
  }, []);
  /** Checks a model just opened at once, before it is drawn, so the worker works while the page draws. */
  const start = useCallback((m: Model, f: string) => {
    send(++latest.current, m, f);
  }, [send]);
  useEffect(() => {
    if (!model || !file || (sent.current === model && sentRecord.current === record)) return;
    const id = ++latest.current;
    // Edits are checked after a pause in typing or dragging.
    const t = setTimeout(() => {
      send(id, model, file);
    }, big ? 60 : 120);
    return () => {
      clearTimeout(t);
    };
  }, [model, file, big, send, record]);
  return { issues, analysis: big ? remote : local, start };
}

export function App({ client }: { client: Client }) {
  const [state, dispatch] = useReducer(reducer, initialState);
  const [help, setHelp] = useState(false);
  const [fitKey, setFitKey] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const model = state.history?.present;
  const dirty = isDirty(state);

  // The test evidence `threatwright verify` saved beside the model: read at load, after each change
  // on disk and when the window comes back (after running `verify` in a terminal).
  const [record, setRecord] = useState<VerificationRecord | null>(null);
  const readRecord = useCallback(() => {
    client.getVerification().then(
      (r) => {
        setRecord((old) => (JSON.stringify(old) === JSON.stringify(r.record) ? old : r.record));
      },
      () => undefined,
    );
  }, [client]);
  useEffect(() => {
    readRecord();
    window.addEventListener('focus', readRecord);
    return () => {
      window.removeEventListener('focus', readRecord);
    };
  }, [readRecord]);
  const { issues, analysis, start: startChecks } = useChecks(model, state.snapshot?.file, record);

  // Load, then follow changes on disk.
  useEffect(() => {
    let stop: (() => void) | undefined;
    client.getModel().then(
      (snapshot) => {
        if (snapshot.data !== null && typeof snapshot.data === 'object') startChecks(snapshot.data as Model, snapshot.file);
        dispatch({ type: 'loaded', snapshot });
        stop = client.events(
          (e) => {
            if (e.type !== 'changed') return;
            readRecord();
            if (e.version === stateRef.current.snapshot?.version) return;
            void client.getModel().then((current) => {
              const s = stateRef.current;
              if (current.version === s.snapshot?.version) return;
              const before = s.snapshot?.files[0]?.text ?? '';
              const after = current.files[0]?.text ?? '';
              if (isDirty(s)) dispatch({ type: 'conflict', current, reason: 'external' });
              else dispatch({ type: 'loaded', snapshot: current, notice: { text: `${current.file} changed on disk — reloaded`, diff: { before, after } } });
            });
          },
          () => {
            dispatch({ type: 'notice', notice: { text: 'Lost the connection to the server: changes on disk are not followed. Is `threatwright serve` still running?' } });
          },
        );
      },
      (err: unknown) => {
        dispatch({ type: 'failed', message: (err as Error).message });
      },
    );
    return () => stop?.();
  }, [client, startChecks, readRecord]);

  // Automatic layout for a model without positions.
  const autoFor = useRef<Model | undefined>(undefined);
  useEffect(() => {
    if (!state.base || autoFor.current === state.base) return;
    autoFor.current = state.base;
    // Large models were laid out on a grid when they were loaded; only ELK runs here.
    if (!needsAutoLayout(state.base) || !usesElk(state.base)) return;
    const target = state.base;
    void import('elkjs/lib/elk.bundled.js').then(async ({ default: ELK }) => {
      const positions = await autoLayout(target, new ELK());
      if (stateRef.current.base === target) {
        dispatch({ type: 'auto-layout', positions });
        setFitKey((k) => k + 1);
      }
    });
  }, [state.base]);

  const rects = useMemo(() => (model ? resolveRects(model, state.auto) : new Map()), [model, state.auto]);

  const edit = useCallback((next: Model, group?: string, select?: string[]) => {
    dispatch({ type: 'edit', model: next, ...(group !== undefined ? { group } : {}), ...(select ? { select } : {}) });
  }, []);

  const select = useCallback((ids: string[]) => {
    dispatch({ type: 'select', ids });
  }, []);
  const focusThreats = useCallback((id: string | undefined) => {
    dispatch({ type: 'focus', element: id });
  }, []);

  const save = useCallback(async () => {
    const s = stateRef.current;
    if (!s.history || !s.snapshot || s.saving) return;
    dispatch({ type: 'saving' });
    try {
      const snapshot = await client.saveModel({ baseVersion: s.snapshot.version, model: s.history.present });
      dispatch({ type: 'saved', snapshot });
    } catch (err) {
      if (err instanceof ConflictError) dispatch({ type: 'conflict', current: err.current, reason: 'save' });
      else dispatch({ type: 'save-failed', message: (err as Error).message });
    }
  }, [client]);

  const reload = useCallback(
    (current: NonNullable<typeof state.conflict>['current']) => {
      dispatch({ type: 'loaded', snapshot: current, notice: { text: 'Reloaded from disk; your unsaved changes were discarded.' } });
    },
    [],
  );
  const merge = useCallback((current: NonNullable<typeof state.conflict>['current']) => {
    const s = stateRef.current;
    if (!s.base || !s.history || current.data === null || typeof current.data !== 'object') return;
    const result = mergeModels(s.base, s.history.present, current.data as Model);
    dispatch({ type: 'merged', snapshot: current, model: result.model, conflicts: result.conflicts });
  }, []);

  const center = useRef<() => { x: number; y: number }>(() => ({ x: 0, y: 0 }));
  const add = useCallback(
    (what: 'process' | 'datastore' | 'external-entity' | 'boundary') => {
      const s = stateRef.current;
      const m = s.history?.present;
      if (!m) return;
      const at = center.current();
      // A new element under the view's centre goes into the boundary there, where it covers nothing.
      const { position, boundary } = placeNew(m, resolveRects(m, s.auto), what === 'boundary' ? 'boundary' : 'component', at);
      const r = what === 'boundary' ? addBoundary(m, position, boundary) : addComponent(m, what, position, boundary);
      edit(r.model, undefined, [r.id]);
      dispatch({ type: 'panel', panel: 'properties' });
    },
    [edit],
  );
  const remove = useCallback(() => {
    const s = stateRef.current;
    if (!s.history || s.selection.length === 0) return;
    edit(deleteElements(s.history.present, s.selection), undefined, []);
  }, [edit]);

  /** Opens what an issue or a gate item names where it can be fixed: an element's properties, a threat's triage, a mitigation's editor. */
  const reveal = useCallback((id: string) => {
    const m = stateRef.current.history?.present;
    if (!m) return;
    if (m.mitigations?.some((x) => x.id === id)) {
      dispatch({ type: 'open-mitigation', id, show: true });
    } else if ([...(m.components ?? []), ...(m.flows ?? []), ...(m.boundaries ?? [])].some((x) => x.id === id)) {
      dispatch({ type: 'select', ids: [id] });
      dispatch({ type: 'panel', panel: 'properties' });
    } else {
      // A manual threat's id, or a finding's fingerprint.
      dispatch({ type: 'open-threat', key: id, show: true });
    }
  }, []);
  const openThreat = useCallback((key: string | undefined, toggle?: boolean) => {
    dispatch({ type: 'open-threat', key, ...(toggle ? { toggle } : {}) });
  }, []);
  const showThreat = useCallback((key: string) => {
    dispatch({ type: 'open-threat', key, show: true });
  }, []);
  const openMitigation = useCallback((id: string | undefined, toggle?: boolean) => {
    dispatch({ type: 'open-mitigation', id, ...(toggle ? { toggle } : {}) });
  }, []);
  const showMitigation = useCallback((id: string) => {
    dispatch({ type: 'open-mitigation', id, show: true });
  }, []);
  const selectOne = useCallback((id: string) => {
    dispatch({ type: 'select', ids: [id] });
  }, []);

  const exportSvg = useCallback(() => {
    if (!model) return;
    download(`${slug(model.system.name)}.svg`, new Blob([diagramSvg(model, rects)], { type: 'image/svg+xml' }));
  }, [model, rects]);
  const exportPng = useCallback(() => {
    if (!model) return;
    const svg = diagramSvg(model, rects);
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = img.width * scale;
      canvas.height = img.height * scale;
      const g = canvas.getContext('2d');
      if (!g) return;
      g.scale(scale, scale);
      g.drawImage(img, 0, 0);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => {
        if (blob) download(`${slug(model.system.name)}.png`, blob);
      }, 'image/png');
    };
    img.src = url;
  }, [model, rects]);

  const arrange = useCallback(() => {
    const m = stateRef.current.history?.present;
    if (!m) return;
    void import('elkjs/lib/elk.bundled.js').then(async ({ default: ELK }) => {
      const positions = await autoLayout(m, new ELK());
      const current = stateRef.current.history?.present;
      if (current) edit({ ...current, layout: { ...current.layout, positions } });
      setFitKey((k) => k + 1);
    });
  }, [edit]);

  // Keyboard shortcuts.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
        return;
      }
      if (isTyping(e.target) || inDialog(e.target)) return;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        dispatch({ type: 'redo' });
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        remove();
      } else if (!mod && !e.altKey) {
        const k = e.key.toLowerCase();
        if (k === 'p') add('process');
        else if (k === 'd') add('datastore');
        else if (k === 'e') add('external-entity');
        else if (k === 'b') add('boundary');
        else if (e.key === '?') setHelp((h) => !h);
        else if (e.key === 'Escape') dispatch({ type: 'select', ids: [] });
        else {
          const p = PANELS.find((x) => x.key === e.key);
          if (p) dispatch({ type: 'panel', panel: p.id });
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [add, remove, save]);

  // Warn before leaving with unsaved edits.
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (isDirty(stateRef.current)) e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('beforeunload', onLeave);
    };
  }, []);

  if (state.phase === 'loading') return <div className="splash">Loading the model…</div>;
  if (state.phase === 'failed') {
    return (
      <div className="splash error">
        <h1>The editor cannot reach its server</h1>
        <p>{state.message}</p>
        <p>Open the editor through the address <code>threatwright serve</code> printed (it carries the access token).</p>
      </div>
    );
  }
  if (state.phase === 'unreadable' || !model || !state.snapshot) {
    return (
      <div className="splash error">
        <h1>{state.snapshot?.file ?? 'The model'} cannot be read</h1>
        <p>Fix these problems in your text editor; this page reloads when the file changes.</p>
        <IssuesPanel issues={state.snapshot?.issues ?? []} onSelect={() => undefined} />
      </div>
    );
  }

  // Every count is core's posture, as `threatwright analyze` and `check` print it; baseline entries
  // are questions, counted apart from the threats.
  const posture = analysis?.posture;
  const open = posture?.open.total ?? 0;
  const openBaseline = posture?.baseline.total ?? 0;
  // The loader's checks and what the analysis says (an acceptance that is not in force, …), once each.
  const problems = allIssues(issues, analysis?.issues ?? []);
  const errors = problems.filter((i) => i.severity === 'error').length;
  const warnings = problems.filter((i) => i.severity === 'warning').length;
  const selected = state.selection[0];
  const overdue = analysis?.mitigations.filter((m) => m.overdue).length ?? 0;

  return (
    <div className="app">
      <header className="toolbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">◆</span>
          <div>
            <div className="title">{model.system.name}</div>
            <div className="file">
              {state.snapshot.file}
              {dirty ? <span className="dirty" title="Unsaved changes"> • unsaved</span> : null}
            </div>
          </div>
        </div>
        <div className="tools">
          <div className="group" role="group" aria-label="Add">
            <button onClick={() => { add('process'); }} title="Add a process (P)">+ Process</button>
            <button onClick={() => { add('datastore'); }} title="Add a data store (D)">+ Data store</button>
            <button onClick={() => { add('external-entity'); }} title="Add an external entity (E)">+ External</button>
            <button onClick={() => { add('boundary'); }} title="Add a trust boundary (B)">+ Boundary</button>
          </div>
          <div className="group" role="group" aria-label="Edit">
            <button onClick={() => { dispatch({ type: 'undo' }); }} disabled={!state.history?.past.length} title="Undo (Ctrl+Z)">↶ Undo</button>
            <button onClick={() => { dispatch({ type: 'redo' }); }} disabled={!state.history?.future.length} title="Redo (Ctrl+Shift+Z)">↷ Redo</button>
            <button onClick={remove} disabled={state.selection.length === 0} title="Delete the selection (Del)">Delete</button>
            <button onClick={arrange} title="Lay the whole diagram out again, moving every element (undo with Ctrl+Z)">Rearrange</button>
          </div>
          <div className="group" role="group" aria-label="Export">
            <button onClick={exportSvg} title="Download the diagram as SVG">SVG</button>
            <button onClick={exportPng} title="Download the diagram as PNG">PNG</button>
            <button onClick={() => { setHelp(true); }} title="Keyboard shortcuts (?)">?</button>
          </div>
          <button className="primary" onClick={() => void save()} disabled={!dirty || state.saving} title="Save to the model file (Ctrl+S)">
            {state.saving ? 'Saving…' : dirty ? 'Save' : 'Saved'}
          </button>
        </div>
      </header>
      <main className="workspace">
        <Canvas
          model={model}
          rects={rects}
          rows={analysis?.rows ?? []}
          selection={state.selection}
          onSelect={select}
          onEdit={edit}
          onFocusThreats={focusThreats}
          centerRef={center}
          fitKey={fitKey}
        />
        <aside className="side">
          <nav className="tabs" role="tablist" aria-label="Panels">
            {PANELS.map((p) => (
              <button key={p.id} role="tab" aria-selected={state.panel === p.id} className={state.panel === p.id ? 'active' : ''} onClick={() => { dispatch({ type: 'panel', panel: p.id }); }} title={`${p.label} (${p.key})`}>
                {p.label}
                {p.id === 'threats' ? <span className="count" title={posture ? `${open} open: ${bandCountsText(posture.open)}` : 'Open threats'} aria-label={`${open} open`}>{open}</span> : null}
                {p.id === 'threats' && openBaseline > 0 ? <span className="count baseline" title={`${openBaseline} open baseline entries: STRIDE questions the model does not answer yet`} aria-label={`${openBaseline} baseline`}>+{openBaseline}</span> : null}
                {p.id === 'issues' && errors + warnings > 0 ? <span className={`count ${errors > 0 ? 'bad' : 'warn'}`}>{errors + warnings}</span> : null}
                {p.id === 'mitigations' && overdue > 0 ? <span className="count bad" title={`${overdue} overdue`} aria-label={`${overdue} overdue`}>{overdue}</span> : null}
              </button>
            ))}
          </nav>
          <div className="panel">
            {state.panel === 'properties' ? <Properties model={model} selection={selected} onEdit={edit} onSelect={(ids) => { dispatch({ type: 'select', ids }); }} /> : null}
            {state.panel === 'threats' && analysis ? (
              <ThreatsPanel model={model} rows={analysis.rows} counts={analysis.counts} problems={analysis.problems} focus={state.focusElement} onFocus={(id) => { dispatch({ type: 'focus', element: id }); }} onEdit={edit} onSelectElement={selectOne} open={state.openThreat} onOpen={openThreat} onOpenMitigation={showMitigation} />
            ) : null}
            {state.panel === 'mitigations' && analysis ? (
              <MitigationsPanel model={model} rows={analysis.rows} assessed={analysis.mitigations} open={state.openMitigation} onOpen={openMitigation} onOpenThreat={showThreat} onEdit={edit} onSelectElement={selectOne} />
            ) : null}
            {state.panel === 'issues' ? <IssuesPanel issues={problems} gate={analysis?.gate} onSelect={reveal} onRemove={(i) => { const next = removeLeftover(model, i); if (next) edit(next); return next !== undefined; }} /> : null}
            {state.panel === 'risk' && analysis ? <Heatmap rows={analysis.rows} cells={analysis.cells} posture={analysis.posture} /> : null}
            {state.panel === 'report' && analysis ? <ReportPreview model={model} analysis={analysis} issues={issues} /> : null}
            {state.panel === 'guide' && analysis ? <Guide model={model} analysis={analysis} onEdit={edit} onPanel={(p) => { dispatch({ type: 'panel', panel: p }); }} onAdd={add} /> : null}
          </div>
        </aside>
      </main>
      <footer className="status">
        <span className={errors > 0 ? 'bad' : warnings > 0 ? 'warn' : 'ok'}>{errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : 'valid'}{warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}</span>
        <span>
          {model.components?.length ?? 0} components · {model.flows?.length ?? 0} flows · {model.boundaries?.length ?? 0} boundaries
        </span>
        <span className="bands" data-testid="open-by-band">
          <span className="muted">open by risk</span>
          {BANDS.map((b) => (
            <span key={b} className={`band-chip ${b}`} title={`${bandSummary(b)}: open threats by their residual risk`}>{bandName(b)} {posture?.open[b] ?? 0}</span>
          ))}
          {posture && posture.open.unrated > 0 ? <span className="band-chip unrated" title="Open threats without a rating: no likelihood and impact, nor another score">{UNRATED} {posture.open.unrated}</span> : null}
        </span>
        <span className="muted" title="Time the last re-analysis took">analysis {analysis ? analysis.millis.toFixed(1) : '–'} ms</span>
        {state.notice ? (
          <span className="notice" role="status">
            {state.notice.text}
            {state.notice.diff ? <DiffToggle before={state.notice.diff.before} after={state.notice.diff.after} /> : null}
            <button className="link" onClick={() => { dispatch({ type: 'notice', notice: undefined }); }} aria-label="Dismiss">✕</button>
          </span>
        ) : null}
      </footer>
      {state.conflict ? (
        <ConflictDialog
          file={state.snapshot.file}
          reason={state.conflict.reason}
          before={state.snapshot.files[0]?.text ?? ''}
          after={state.conflict.current.files[0]?.text ?? ''}
          canMerge={state.conflict.current.data !== null}
          onReload={() => { if (state.conflict) reload(state.conflict.current); }}
          onMerge={() => { if (state.conflict) merge(state.conflict.current); }}
          onCancel={() => { dispatch({ type: 'dismiss-conflict' }); }}
        />
      ) : null}
      {help ? <ShortcutsDialog onClose={() => { setHelp(false); }} /> : null}
    </div>
  );
}

function DiffToggle({ before, after }: { before: string; after: string }) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  // Escape closes the change as it closes a dialog, and the focus goes back to its button.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open]);
  return (
    <>
      <button ref={toggle} className="link" aria-expanded={open} onClick={() => { setOpen(!open); }}>{open ? 'hide change' : 'show change'}</button>
      {open ? (
        <div className="diff-pop">
          <DiffView before={before} after={after} />
        </div>
      ) : null}
    </>
  );
}
