/**
 * Undo/redo over model snapshots. Edits that arrive in a burst (typing in a field, dragging)
 * can share one step by passing the same `group`.
 */
import type { Model } from '@threatwright/core';

export interface History {
  past: Model[];
  present: Model;
  future: Model[];
  /** The group of the last step, so the next edit in the same group replaces it instead of adding one. */
  group: string | undefined;
}

export const HISTORY_LIMIT = 200;

export function startHistory(model: Model): History {
  return { past: [], present: model, future: [], group: undefined };
}

export function record(h: History, next: Model, group?: string): History {
  if (next === h.present) return h;
  if (group !== undefined && group === h.group) return { ...h, present: next, future: [] };
  const past = [...h.past, h.present];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, present: next, future: [], group };
}

export function undo(h: History): History {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], group: undefined };
}

export function redo(h: History): History {
  const next = h.future[0];
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: h.future.slice(1), group: undefined };
}
