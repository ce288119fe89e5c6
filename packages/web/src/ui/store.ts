/** The editor's state and the one reducer that changes it. Domain edits go through model/ops. */
import type { Model } from '@threatwright/core';
import type { ModelSnapshot } from '@threatwright/server/client';
import { record, redo, startHistory, undo, type History } from '../model/history.js';
import { openingLayout } from '../model/layout.js';
import { withPositions, type Position } from '../model/ops.js';

export type Panel = 'threats' | 'mitigations' | 'properties' | 'issues' | 'risk' | 'report' | 'guide';

export interface EditorState {
  phase: 'loading' | 'ready' | 'unreadable' | 'failed';
  message: string | undefined;
  snapshot: ModelSnapshot | undefined;
  /** The model as on disk at `snapshot.version`. */
  base: Model | undefined;
  history: History | undefined;
  /** Automatic layout for elements without stored positions (not saved until something is arranged). */
  auto: Record<string, Position>;
  selection: string[];
  panel: Panel;
  saving: boolean;
  /** Save refused or the file changed on disk while there were unsaved edits. */
  conflict: { current: ModelSnapshot; reason: 'save' | 'external' } | undefined;
  /** A short notice shown in the status bar. */
  notice: { text: string; diff?: { before: string; after: string } } | undefined;
  /** Threats panel filter on one element, set from the canvas. */
  focusElement: string | undefined;
  /** The threat open for triage in the threats panel (id or fingerprint). */
  openThreat: string | undefined;
  /** The mitigation open for editing in the mitigations panel. */
  openMitigation: string | undefined;
}

export const initialState: EditorState = {
  phase: 'loading',
  message: undefined,
  snapshot: undefined,
  base: undefined,
  history: undefined,
  auto: {},
  selection: [],
  panel: 'threats',
  saving: false,
  conflict: undefined,
  notice: undefined,
  focusElement: undefined,
  openThreat: undefined,
  openMitigation: undefined,
};

export type Action =
  | { type: 'loaded'; snapshot: ModelSnapshot; notice?: EditorState['notice'] }
  | { type: 'failed'; message: string }
  | { type: 'edit'; model: Model; group?: string; select?: string[] }
  | { type: 'auto-layout'; positions: Record<string, Position> }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; ids: string[] }
  | { type: 'panel'; panel: Panel }
  | { type: 'saving' }
  | { type: 'saved'; snapshot: ModelSnapshot }
  | { type: 'save-failed'; message: string }
  | { type: 'conflict'; current: ModelSnapshot; reason: 'save' | 'external' }
  | { type: 'merged'; snapshot: ModelSnapshot; model: Model; conflicts: string[] }
  | { type: 'dismiss-conflict' }
  | { type: 'notice'; notice: EditorState['notice'] }
  | { type: 'focus'; element: string | undefined }
  /** Opens a threat for triage (showing the threats panel), or closes it; `toggle` closes it when it is the open one. */
  | { type: 'open-threat'; key: string | undefined; toggle?: boolean; show?: boolean }
  /** Opens a mitigation in the mitigations panel, or closes it. */
  | { type: 'open-mitigation'; id: string | undefined; toggle?: boolean; show?: boolean };

export function isDirty(s: EditorState): boolean {
  return s.history !== undefined && s.base !== undefined && s.history.present !== s.base;
}

/**
 * Once anything in an automatically laid-out diagram gets a stored position, every element's
 * position is stored, so the file reopens looking the same.
 */
export function materialize(model: Model, auto: Readonly<Record<string, Position>>): Model {
  const stored = model.layout?.positions;
  if (!stored || Object.keys(stored).length === 0 || Object.keys(auto).length === 0) return model;
  const ids = new Set([...(model.components ?? []), ...(model.boundaries ?? [])].map((e) => e.id));
  const missing = Object.entries(auto).filter(([id]) => ids.has(id) && stored[id] === undefined);
  return missing.length > 0 ? withPositions(model, Object.fromEntries(missing)) : model;
}

export function reducer(s: EditorState, a: Action): EditorState {
  switch (a.type) {
    case 'loaded': {
      const data = a.snapshot.data;
      if (data === null || typeof data !== 'object') {
        return { ...s, phase: 'unreadable', snapshot: a.snapshot, base: undefined, history: undefined, conflict: undefined, notice: a.notice };
      }
      const model = data as Model;
      const json = s.selection.length > 0 ? JSON.stringify(model) : '';
      return { ...s, phase: 'ready', snapshot: a.snapshot, base: model, history: startHistory(model), auto: openingLayout(model), conflict: undefined, notice: a.notice, selection: s.selection.filter((id) => json.includes(`"${id}"`)) };
    }
    case 'failed':
      return { ...s, phase: 'failed', message: a.message };
    case 'edit': {
      if (!s.history) return s;
      const model = materialize(a.model, s.auto);
      return { ...s, history: record(s.history, model, a.group), ...(a.select ? { selection: a.select } : {}) };
    }
    case 'auto-layout':
      return { ...s, auto: a.positions };
    case 'undo':
    case 'redo': {
      if (!s.history) return s;
      const history = a.type === 'undo' ? undo(s.history) : redo(s.history);
      // Keep the selection on what still exists.
      const json = JSON.stringify(history.present);
      return { ...s, history, selection: s.selection.filter((id) => json.includes(`"id":${JSON.stringify(id)}`)) };
    }
    case 'select':
      return { ...s, selection: a.ids };
    case 'panel':
      return { ...s, panel: a.panel };
    case 'saving':
      return { ...s, saving: true };
    case 'saved':
      // What was saved is now the base; keep the edit history so undo still works.
      return { ...s, saving: false, snapshot: a.snapshot, base: s.history?.present, conflict: undefined, notice: { text: `Saved ${a.snapshot.file}` } };
    case 'save-failed':
      return { ...s, saving: false, notice: { text: `Not saved: ${a.message}` } };
    case 'conflict':
      return { ...s, saving: false, conflict: { current: a.current, reason: a.reason } };
    case 'merged': {
      if (!s.history) return s;
      const theirs = a.snapshot.data as Model;
      return {
        ...s,
        snapshot: a.snapshot,
        base: theirs,
        history: record(s.history, a.model),
        conflict: undefined,
        notice: { text: a.conflicts.length > 0 ? `Merged; your version kept where both changed: ${a.conflicts.join(', ')}` : 'Merged the changes from disk with yours; save to write them.' },
      };
    }
    case 'dismiss-conflict':
      return { ...s, conflict: undefined };
    case 'notice':
      return { ...s, notice: a.notice };
    case 'focus':
      return { ...s, focusElement: a.element, panel: 'threats' };
    case 'open-threat': {
      const key = a.toggle && s.openThreat === a.key ? undefined : a.key;
      // The open threat stays listed whatever the filters say (the threats panel keeps it in view).
      return { ...s, openThreat: key, ...(a.show ? { panel: 'threats' as const } : {}) };
    }
    case 'open-mitigation': {
      const id = a.toggle && s.openMitigation === a.id ? undefined : a.id;
      return { ...s, openMitigation: id, ...(a.show ? { panel: 'mitigations' as const } : {}) };
    }
  }
}
