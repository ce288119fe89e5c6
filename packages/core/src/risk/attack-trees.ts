/**
 * Attack trees: a goal decomposed into AND (all needed) / OR (any suffices) sub-goals down to
 * leaf attacks. Computed here:
 * - which leaves no implemented mitigation covers (a leaf is covered by its own mitigations, by
 *   the implemented mitigations of the threats it links to, or by a mitigation on an ancestor);
 * - the goal's status: mitigated (every way to it meets an implemented mitigation), planned
 *   (it would be once the mitigations already named are implemented) or open;
 * - the cheapest and the most likely way to the goal that is still open, with its skill.
 */
import type { AttackTree, AttackTreeNode, Level } from '../model/types.js';
import type { Assessment } from './assess.js';

export type GoalStatus = 'mitigated' | 'planned' | 'open';

export interface LeafInfo {
  /** Titles from the root to the leaf. */
  readonly path: readonly string[];
  readonly id?: string;
  readonly title: string;
  readonly cost?: number;
  readonly probability?: number;
  readonly skill?: Level;
  readonly threats: readonly string[];
  /** Mitigations named on the leaf, its ancestors or its threats. */
  readonly mitigations: readonly string[];
  /** The implemented ones among them. */
  readonly coveredBy: readonly string[];
}

export interface AttackPath {
  /** The leaves an attacker needs, in tree order. */
  readonly leaves: readonly LeafInfo[];
  readonly cost?: number;
  readonly probability?: number;
  /** The highest skill any of its leaves needs. */
  readonly skill?: Level;
}

export interface AttackTreeResult {
  readonly id: string;
  readonly goal: string;
  readonly status: GoalStatus;
  readonly reason: string;
  readonly leaves: readonly LeafInfo[];
  readonly uncovered: readonly LeafInfo[];
  /** The cheapest open way to the goal, over the leaves that state a cost. */
  readonly cheapest?: AttackPath;
  /** The most likely open way to the goal, over the leaves that state a probability. */
  readonly mostLikely?: AttackPath;
}

const SKILL_RANK: Readonly<Record<Level, number>> = { low: 0, medium: 1, high: 2 };
const MAX_DEPTH = 64;

interface Eval {
  /** Every way to reach this node (one list of leaves per way), capped to keep wide trees cheap. */
  readonly ways: readonly (readonly LeafInfo[])[];
}
const MAX_WAYS = 4096;

function children(n: AttackTreeNode): { op: 'and' | 'or'; list: readonly AttackTreeNode[] } | undefined {
  if (n.and && n.and.length > 0) return { op: 'and', list: n.and };
  if (n.or && n.or.length > 0) return { op: 'or', list: n.or };
  return undefined;
}

function pathOf(leaves: readonly LeafInfo[]): AttackPath {
  const costs = leaves.flatMap((l) => (l.cost !== undefined ? [l.cost] : []));
  const probs = leaves.flatMap((l) => (l.probability !== undefined ? [l.probability] : []));
  const skills = leaves.map((l) => l.skill).filter((s): s is Level => s !== undefined);
  const skill = skills.sort((a, b) => SKILL_RANK[b] - SKILL_RANK[a])[0];
  return {
    leaves,
    ...(costs.length === leaves.length ? { cost: costs.reduce((a, b) => a + b, 0) } : {}),
    ...(probs.length === leaves.length ? { probability: Math.round(probs.reduce((a, b) => a * b, 1) * 1e6) / 1e6 } : {}),
    ...(skill ? { skill } : {}),
  };
}

export function analyzeAttackTree(tree: AttackTree, assessment: Pick<Assessment, 'threats' | 'mitigations'>): AttackTreeResult {
  const implemented = new Set(assessment.mitigations.filter((m) => m.implemented).map((m) => m.id));
  const threatMitigations = new Map(assessment.threats.map((t) => [t.id, t.mitigations]));
  const leaves: LeafInfo[] = [];

  const visit = (n: AttackTreeNode, trail: readonly string[], inherited: readonly string[], depth: number): Eval => {
    const path = [...trail, n.title];
    const own = [...inherited, ...(n.mitigations ?? [])];
    const kids = depth < MAX_DEPTH ? children(n) : undefined;
    if (!kids) {
      const viaThreats = (n.threats ?? []).flatMap((t) => threatMitigations.get(t) ?? []);
      const mitigations = [...new Set([...own, ...viaThreats])];
      const leaf: LeafInfo = {
        path,
        title: n.title,
        threats: n.threats ?? [],
        mitigations,
        coveredBy: mitigations.filter((m) => implemented.has(m)),
        ...(n.id !== undefined ? { id: n.id } : {}),
        ...(n.cost !== undefined ? { cost: n.cost } : {}),
        ...(n.probability !== undefined ? { probability: n.probability } : {}),
        ...(n.skill !== undefined ? { skill: n.skill } : {}),
      };
      leaves.push(leaf);
      return { ways: [[leaf]] };
    }
    const evals = kids.list.map((k) => visit(k, path, own, depth + 1));
    if (kids.op === 'or') return { ways: evals.flatMap((e) => e.ways).slice(0, MAX_WAYS) };
    let ways: (readonly LeafInfo[])[] = [[]];
    for (const e of evals) {
      const next: (readonly LeafInfo[])[] = [];
      for (const w of ways) for (const x of e.ways) if (next.length < MAX_WAYS) next.push([...w, ...x]);
      ways = next;
    }
    return { ways };
  };

  const { ways } = visit(tree.root, [], [], 0);
  const open = ways.filter((w) => w.every((l) => l.coveredBy.length === 0));
  const stillOpenIfPlanned = ways.filter((w) => w.every((l) => l.mitigations.length === 0));
  const uncovered = leaves.filter((l) => l.coveredBy.length === 0);
  const status: GoalStatus = open.length === 0 ? 'mitigated' : stillOpenIfPlanned.length === 0 ? 'planned' : 'open';
  const reason =
    status === 'mitigated'
      ? 'every way to the goal meets an implemented mitigation'
      : status === 'planned'
        ? `${String(open.length)} way${open.length === 1 ? '' : 's'} to the goal meet no implemented mitigation yet; each has one named, not yet implemented`
        : `${String(stillOpenIfPlanned.length)} way${stillOpenIfPlanned.length === 1 ? '' : 's'} to the goal have no mitigation at all`;

  const paths = open.map(pathOf);
  const cheapest = paths.filter((p) => p.cost !== undefined).sort((a, b) => (a.cost ?? 0) - (b.cost ?? 0) || (b.probability ?? 0) - (a.probability ?? 0))[0];
  const mostLikely = paths.filter((p) => p.probability !== undefined).sort((a, b) => (b.probability ?? 0) - (a.probability ?? 0) || (a.cost ?? 0) - (b.cost ?? 0))[0];
  return {
    id: tree.id,
    goal: tree.goal,
    status,
    reason,
    leaves,
    uncovered,
    ...(cheapest ? { cheapest } : {}),
    ...(mostLikely ? { mostLikely } : {}),
  };
}

export function analyzeAttackTrees(trees: readonly AttackTree[] | undefined, assessment: Pick<Assessment, 'threats' | 'mitigations'>): AttackTreeResult[] {
  return (trees ?? []).map((t) => analyzeAttackTree(t, assessment));
}
