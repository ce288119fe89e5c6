/**
 * The baseline apart from the threats: baseline entries (confidence `baseline`) are STRIDE questions
 * the model does not answer yet about an element a flow enters from outside, not findings. Reports,
 * the risk overlay and the backlog show threats from `withoutBaseline`, and the baseline per element
 * from `baselineByElement`.
 */
import type { ThreatCategory } from '@threatwright/core';
import { isBaseline, isOpen, type ReportData, type ThreatView } from './types.js';

/** STRIDE order, for the categories of one element. */
const STRIDE: readonly string[] = ['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege'];

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
  const at = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  const byModel = (a: string, b: string) => at(a) - at(b) || a.localeCompare(b, 'en');
  const stride = (c: string | undefined) => {
    const i = c === undefined ? -1 : STRIDE.indexOf(c);
    return i < 0 ? STRIDE.length : i;
  };
  const groups = new Map<string, BaselineGroup>();
  for (const t of data.threats) {
    if (!isBaseline(t) || !isOpen(t)) continue;
    const element = t.elements[0] ?? t.id;
    let g = groups.get(element);
    if (g === undefined) {
      g = { element, entries: [], flows: [] };
      groups.set(element, g);
    }
    const flows = t.elements.slice(1);
    g.entries.push({ threat: t, category: t.category, flows, questions: [...new Set(t.questions)] });
    for (const f of flows) if (!g.flows.includes(f)) g.flows.push(f);
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.entries.sort((a, b) => stride(a.category) - stride(b.category) || a.threat.id.localeCompare(b.threat.id, 'en'));
    g.flows.sort(byModel);
  }
  return out.sort((a, b) => byModel(a.element, b.element));
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
