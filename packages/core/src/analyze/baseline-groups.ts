/**
 * Baseline entries grouped by the element they ask about, as every output shows them (the terminal
 * summary, the reports, the editor): an entry names its element first, then the flows it lists.
 */

/** STRIDE order, for the categories of one element. */
const STRIDE: readonly string[] = ['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege'];

export interface ElementBaseline<T> {
  /** The element the entries ask about: a process or data store a flow enters from outside. */
  readonly element: string;
  /** Its entries, in STRIDE order, then by key. */
  readonly entries: T[];
  /** Every flow the entries list, in model order. */
  readonly flows: string[];
}

/**
 * Groups baseline entries (the caller chooses which: open ones, usually) by their first element. Groups
 * and flows follow `order` (position by id, the model's order), then id; `key` breaks ties between entries.
 */
export function groupBaseline<T extends { readonly elements: readonly string[]; readonly category?: string | undefined }>(entries: readonly T[], order: ReadonlyMap<string, number>, key: (t: T) => string): ElementBaseline<T>[] {
  const groups = new Map<string, ElementBaseline<T>>();
  for (const t of entries) {
    const element = t.elements[0] ?? key(t);
    let g = groups.get(element);
    if (g === undefined) {
      g = { element, entries: [], flows: [] };
      groups.set(element, g);
    }
    g.entries.push(t);
    for (let k = 1; k < t.elements.length; k++) {
      const f = t.elements[k] as string;
      if (!g.flows.includes(f)) g.flows.push(f);
    }
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const at = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  const byModel = (a: string, b: string) => at(a) - at(b) || byId(a, b);
  const stride = (c: string | undefined) => {
    const i = c === undefined ? -1 : STRIDE.indexOf(c);
    return i < 0 ? STRIDE.length : i;
  };
  const out = [...groups.values()];
  for (const g of out) {
    g.entries.sort((a, b) => stride(a.category) - stride(b.category) || byId(key(a), key(b)));
    g.flows.sort(byModel);
  }
  return out.sort((a, b) => byModel(a.element, b.element));
}
