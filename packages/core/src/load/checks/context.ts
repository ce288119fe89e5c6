/** What every semantic check receives: the merged model, an index of its ids, and "today". */
import type { Issue } from '../../issues.js';
import type { Model } from '../../model/types.js';
import { SECTION_NOUNS } from '../schema-issues.js';
import { printable } from '../printable.js';
import { didYouMean } from '../suggest.js';

export type Path = (string | number)[];

/** Sections whose items carry an `id`, plus the nodes of attack trees. */
export type IdKind = keyof typeof SECTION_NOUNS | 'attack_tree_nodes';

export interface IdEntry {
  kind: IdKind;
  /** Path of the object that declares the id. */
  path: Path;
}

export interface CheckContext {
  model: Model;
  /** First declaration of each id. */
  ids: ReadonlyMap<string, IdEntry>;
  /** Later declarations of an id already in `ids`, in model order. */
  duplicates: readonly { id: string; entry: IdEntry }[];
  /** "Today", when known; checks about time are skipped without it. */
  now: Date | undefined;
  /**
   * What the schema refused and the loader set aside before the checks (see load/set-aside.ts):
   * the checks run over the rest, and say nothing that follows only from what is missing.
   */
  setAside?: SetAside | undefined;
}

/** What was set aside from a model with schema errors, as far as other parts of the model can name it. */
export interface SetAside {
  /** Ids of the items set aside (a malformed id included): a reference to one is not "unknown". */
  ids: ReadonlySet<string>;
  /** Property keys declared, or read by custom rules, in parts set aside: known, but not checked. */
  properties: ReadonlySet<string>;
  /** Sections that lost an item or part of one (`flows`, `system`, …). */
  sections: ReadonlySet<string>;
  /** List items (the objects of the model the checks see) that lost a part: checks of what an item lacks skip them. */
  items: ReadonlySet<object>;
}

/**
 * An issue found by a check; `seeAlso` names a second place (e.g. the first declaration of a
 * duplicate id); `atKey` locates it at the key of its path rather than the value (an unknown key).
 */
export type CheckIssue = Issue & { seeAlso?: Path; atKey?: boolean };

export type Check = (ctx: CheckContext) => CheckIssue[];

const NOUNS: Record<IdKind, string> = { ...SECTION_NOUNS, attack_tree_nodes: 'attack-tree node' };
export const nounOf = (kind: IdKind): string => NOUNS[kind];
/** "a", "a or b", "a, b or c". */
export function listWithOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}
export const withArticle = (noun: string): string => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

const LIST_SECTIONS = Object.keys(SECTION_NOUNS) as (keyof typeof SECTION_NOUNS)[];

export function buildContext(model: Model, now: Date | undefined): CheckContext {
  const ids = new Map<string, IdEntry>();
  const duplicates: { id: string; entry: IdEntry }[] = [];
  const add = (id: string, entry: IdEntry): void => {
    if (ids.has(id)) duplicates.push({ id, entry });
    else ids.set(id, entry);
  };
  for (const kind of LIST_SECTIONS) {
    const list = (model as Record<string, unknown>)[kind];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      if (typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string') add((item as { id: string }).id, { kind, path: [kind, i] });
    }
  }
  (model.attack_trees ?? []).forEach((tree, t) => {
    // Walk the tree with an explicit stack: nesting is bounded by the loader, but no recursion is needed.
    const stack: { node: typeof tree.root; path: Path }[] = [{ node: tree.root, path: ['attack_trees', t, 'root'] }];
    while (stack.length > 0) {
      const { node, path } = stack.pop() ?? { node: tree.root, path: [] };
      if (node.id !== undefined) add(node.id, { kind: 'attack_tree_nodes', path });
      for (const gate of ['or', 'and'] as const) {
        const children = node[gate] ?? [];
        for (let c = children.length - 1; c >= 0; c--) {
          const child = children[c];
          if (child) stack.push({ node: child, path: [...path, gate, c] });
        }
      }
    }
  });
  return { model, ids, duplicates, now };
}

/**
 * Checks one reference: reports an unknown id (with "did you mean" among ids of the right kind)
 * or an id of the wrong kind.
 */
export function checkReference(ctx: CheckContext, ref: string, accepted: readonly IdKind[], role: string, at: Path, subject: string | undefined, out: Issue[], unknownHint?: string): void {
  const entry = ctx.ids.get(ref);
  const sub = subject !== undefined ? { subject } : {};
  const expected = listWithOr(accepted.map(nounOf));
  if (!entry) {
    if (ctx.setAside?.ids.has(ref)) return; // the schema refused the object it names: reported there
    const candidates: string[] = [];
    for (const [id, e] of ctx.ids) if (accepted.includes(e.kind)) candidates.push(id);
    const suggestion = didYouMean(ref, candidates, { minFuzzyLength: 4 });
    out.push({
      code: 'unknown-reference',
      severity: 'error',
      message: `${role} "${printable(ref)}" does not exist`,
      path: at,
      ...sub,
      hint: unknownHint && !suggestion ? unknownHint : suggestion ? `Did you mean "${suggestion}"?` : candidates.length > 0 ? `Known ${expected} ids: ${candidates.slice(0, 8).join(', ')}${candidates.length > 8 ? ', …' : ''}.` : `The model has no ${expected} yet: add one with id "${printable(ref)}".`,
    });
    return;
  }
  if (!accepted.includes(entry.kind)) {
    out.push({
      code: 'wrong-reference-kind',
      severity: 'error',
      message: `${role} "${printable(ref)}" is ${withArticle(nounOf(entry.kind))}, not ${withArticle(expected)}`,
      path: at,
      ...sub,
      hint: `Refer to ${withArticle(expected)} here.`,
    });
  }
}
