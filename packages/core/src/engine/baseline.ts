/**
 * Which baseline entries specific findings already answer: one test, applied by the engine while it
 * runs (an entry answered by a finding of the same run is not made) and by analyze afterwards (for
 * entries and findings of different runs, as the editor's incremental analysis mixes them).
 *
 * An entry names its element first, then the flows it lists. An entry about its element (validation,
 * audit log, rate limits) is answered by a specific finding of its category on the element or on one
 * of those flows; an entry about each flow (`meta.asksAboutFlows`: authentication, encryption,
 * authorisation) only when specific findings of its category name every flow it lists, as a finding
 * about the element does not answer a question about a flow.
 */
import type { AnyRule, Finding } from './types.js';

/** Element ids that specific findings name, by category. */
export type Covered = ReadonlyMap<string, ReadonlySet<string>>;

/** The elements the findings name, by category, leaving out baseline entries; with `only`, just those ids. */
export function coveredElements(lists: Iterable<readonly Finding[]>, isEntry: (f: Finding) => boolean, only?: ReadonlySet<string>): Covered {
  const covered = new Map<string, Set<string>>();
  for (const list of lists) {
    for (let k = 0; k < list.length; k++) {
      const f = list[k] as Finding;
      if (isEntry(f)) continue;
      let ids: Set<string> | undefined;
      for (let e = 0; e < f.elements.length; e++) {
        const id = f.elements[e] as string;
        if (only !== undefined && !only.has(id)) continue;
        if (ids === undefined) {
          ids = covered.get(f.category);
          if (ids === undefined) covered.set(f.category, (ids = new Set()));
        }
        ids.add(id);
      }
    }
  }
  return covered;
}

/** Whether specific findings of its category (`named`) answer an entry naming `elements`. */
export function isAnswered(named: ReadonlySet<string> | undefined, elements: readonly string[], aboutFlows: boolean): boolean {
  if (named === undefined) return false;
  if (aboutFlows) {
    // An entry that lists no flow is about its element alone: nothing answers it but its own fact.
    if (elements.length < 2) return false;
    for (let k = 1; k < elements.length; k++) if (!named.has(elements[k] as string)) return false;
    return true;
  }
  for (let k = 0; k < elements.length; k++) if (named.has(elements[k] as string)) return true;
  return false;
}

/** The findings without the baseline entries that specific findings answer, in their order. */
export function withoutCoveredBaseline(findings: readonly Finding[], rules: readonly AnyRule[]): readonly Finding[] {
  const baseline = new Map<string, AnyRule>();
  for (const r of rules) if (r.meta.tier === 'baseline') baseline.set(r.id, r);
  if (baseline.size === 0) return findings;
  const isEntry = (f: Finding): boolean => baseline.has(f.ruleId);
  // Only the elements entries name can answer one: the rest need not be collected.
  const named = new Set<string>();
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k] as Finding;
    if (isEntry(f)) for (let e = 0; e < f.elements.length; e++) named.add(f.elements[e] as string);
  }
  if (named.size === 0) return findings;
  const covered = coveredElements([findings], isEntry, named);
  if (covered.size === 0) return findings;
  return findings.filter((f) => {
    const rule = baseline.get(f.ruleId);
    return rule === undefined || !isAnswered(covered.get(f.category), f.elements, rule.meta.asksAboutFlows === true);
  });
}
