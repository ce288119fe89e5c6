/**
 * The baseline apart from the threats: baseline entries (confidence `baseline`) are STRIDE questions
 * the model does not answer yet about an element a flow enters from outside, not findings. Reports,
 * the risk overlay and the backlog show threats from `withoutBaseline`, and the baseline per element
 * from `baselineByElement`.
 */
import { groupBaseline, type ThreatCategory } from '@threatwright/core';
import { isBaseline, isOpen, type ReportData, type ThreatView } from './types.js';

export interface BaselineEntryView {
  threat: ThreatView;
  category: ThreatCategory | undefined;
  /** The flows it is about (the entry's elements after the first). */
  flows: string[];
  questions: string[];
}

export interface BaselineGroup {
  /** The element the entries are about: a process or data store a flow enters from outside. */
  element: string;
  /** One per category, in STRIDE order. */
  entries: BaselineEntryView[];
  /** Every flow the entries list, in model order. */
  flows: string[];
}

/** The report data with the baseline entries left out: what the threat sections show. */
export function withoutBaseline(data: ReportData): ReportData {
  return data.threats.some(isBaseline) ? { ...data, threats: data.threats.filter((t) => !isBaseline(t)) } : data;
}

/** The open baseline entries grouped by the element they are about, in model order (components, then flows). */
export function baselineByElement(data: Pick<ReportData, 'threats' | 'model'>): BaselineGroup[] {
  const order = new Map<string, number>();
  for (const c of data.model.components ?? []) order.set(c.id, order.size);
  for (const f of data.model.flows ?? []) order.set(f.id, order.size);
  const entries = data.threats.filter((t) => isBaseline(t) && isOpen(t));
  return groupBaseline(entries, order, (t) => t.id).map((g) => ({
    element: g.element,
    entries: g.entries.map((t) => ({ threat: t, category: t.category, flows: t.elements.slice(1), questions: [...new Set(t.questions)] })),
    flows: g.flows,
  }));
}

/**
 * The open questions split: those about a threat (or an assumption), and how many only baseline
 * entries ask (the baseline section lists those with its entries).
 */
export function questionsApart(data: Pick<ReportData, 'threats' | 'questions'>): { questions: ReportData['questions']; baselineOnly: number } {
  const baseline = new Set(data.threats.filter((t) => isBaseline(t) && isOpen(t)).map((t) => t.fingerprint));
  if (baseline.size === 0) return { questions: data.questions, baselineOnly: 0 };
  const questions = data.questions.filter((q) => q.affects.length === 0 || !q.affects.every((id) => baseline.has(id)));
  return { questions, baselineOnly: data.questions.length - questions.length };
}
