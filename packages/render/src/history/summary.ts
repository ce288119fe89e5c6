/**
 * What a revision changed, in words: the one wording the changelog, the reports' revision history
 * and the terminal share. Plain text; each caller escapes it for its format.
 */
import type { ChangeSummary, DiffList } from '@threatwright/core';

/** Each model list as one of its entries is called, and several. */
export const LIST_NOUN: Readonly<Record<DiffList, { readonly one: string; readonly many: string }>> = {
  components: { one: 'component', many: 'components' },
  flows: { one: 'flow', many: 'flows' },
  boundaries: { one: 'boundary', many: 'boundaries' },
  assets: { one: 'asset', many: 'assets' },
  mitigations: { one: 'mitigation', many: 'mitigations' },
  dependencies: { one: 'dependency', many: 'dependencies' },
  stakeholders: { one: 'stakeholder', many: 'stakeholders' },
  assumptions: { one: 'assumption', many: 'assumptions' },
  attack_trees: { one: 'attack tree', many: 'attack trees' },
};

/** More entries than this in one group (added components, say) are counted instead of listed, so a line stays readable. */
export const LIST_AT_MOST = 6;

const KINDS = ['added', 'changed', 'removed'] as const;
type ChangeKind = (typeof KINDS)[number];

/** The parts of a change summary, each plain text: how the changelog and the one-line summary are both written. */
export interface ChangeParts {
  /** "added component C3 "Admin", flow F2"; empty when nothing of that kind changed. */
  readonly elements: Readonly<Record<ChangeKind, string>>;
  /** "2 new, 1 mitigated, 1 gone"; empty when no threat moved. */
  readonly threats: string;
  /** "mitigation M1 planned → implemented", "mitigations M1 …, M4 proposed → planned"; empty when no status moved. */
  readonly mitigations: string;
}

const quoted = (name: string) => `"${name}"`;

function elementText(e: ChangeSummary['elements'][number]): string {
  if (e.change === 'changed') return e.renamedFrom !== undefined ? `${e.id} (renamed from ${quoted(e.renamedFrom)})` : e.id;
  return e.name !== '' && e.name !== e.id ? `${e.id} ${quoted(e.name)}` : e.id;
}

function plural(n: number, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}

/** The parts of what a revision changed; `atMost` entries per group are listed, more are counted. */
export function changeParts(c: ChangeSummary, atMost = LIST_AT_MOST): ChangeParts {
  const elements = { added: '', changed: '', removed: '' };
  // A mitigation whose status moved is told by its move (below), not again as changed (unless renamed).
  const moved = new Set(c.mitigations.filter((m) => m.before !== undefined && m.after !== undefined).map((m) => m.id));
  const told = (e: ChangeSummary['elements'][number]) => !(e.change === 'changed' && e.list === 'mitigations' && e.renamedFrom === undefined && moved.has(e.id));
  for (const kind of KINDS) {
    const groups: string[] = [];
    for (const list of Object.keys(LIST_NOUN) as DiffList[]) {
      const mine = c.elements.filter((e) => e.change === kind && e.list === list && told(e));
      if (mine.length === 0) continue;
      const noun = LIST_NOUN[list];
      if (mine.length > atMost) groups.push(plural(mine.length, noun.one, noun.many));
      else groups.push(`${mine.length === 1 ? noun.one : noun.many} ${mine.map(elementText).join(', ')}`);
    }
    elements[kind] = groups.length === 0 ? '' : `${kind} ${groups.join(', ')}`;
  }
  const t = c.threats;
  const threats = [
    [t.new, 'new'],
    [t.mitigated, 'mitigated'],
    [t.decided, 'decided'],
    [t.reopened, 'reopened'],
    [t.gone, 'gone'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${String(n)} ${String(what)}`)
    .join(', ');
  // A mitigation that came or went with its model entry is already in the elements; only its status moves are news.
  const listed = new Set(c.elements.filter((e) => e.list === 'mitigations' && e.change !== 'changed').map((e) => e.id));
  const moves = c.mitigations.filter((m) => !(listed.has(m.id) && (m.before === undefined || m.after === undefined)));
  const move = (m: ChangeSummary['mitigations'][number]) => (m.before === undefined ? `${m.id} new (${m.after ?? ''})` : m.after === undefined ? `${m.id} gone (was ${m.before})` : `${m.id} ${m.before} → ${m.after}`);
  const mitigations = moves.length === 0 ? '' : moves.length > atMost ? `${String(moves.length)} mitigation status changes` : `${moves.length === 1 ? 'mitigation' : 'mitigations'} ${moves.map(move).join(', ')}`;
  return { elements, threats, mitigations };
}

/**
 * One plain-text line saying what a revision changed: `added component C3 "Admin", flow F2; changed
 * component C2 (renamed from "Web app"); removed boundary B9; threats: 2 new, 1 mitigated, 1 gone;
 * mitigation M1 planned → implemented`. Callers escape it for their format.
 */
export function changeSummaryText(c: ChangeSummary): string {
  const p = changeParts(c);
  const parts = [p.elements.added, p.elements.changed, p.elements.removed];
  if (p.threats !== '') parts.push(`threats: ${p.threats}`);
  parts.push(p.mitigations);
  const line = parts.filter((x) => x !== '').join('; ');
  return line === '' ? 'no change to elements or threats' : line;
}
