/**
 * The baseline tier: STRIDE per interaction where the model says little. For every element a flow
 * enters from a part of the system it should not simply trust (across a trust boundary of any shape,
 * or from a client: an external entity, person, browser or client app), each baseline rule asks the
 * one fact that controls its STRIDE category, unless the model already answers it. One entry per
 * element and category lists the flows it is about; a specific rule of the same category on the same
 * element or flow replaces it (see analyze). `rules.baseline` in the model widens it to every flow
 * into a process or data store (`all`) or turns it off (`off`).
 */
import type { ComponentNode, FlowNode } from '../graph/index.js';
import type { Fact, RuleContext, RuleMeta, Unstated } from '../engine/types.js';

/** Why each flow counts as an entry point: it crosses a boundary, or where it comes from. */
export function entryFacts(ctx: RuleContext, flows: readonly FlowNode[]): Fact[] {
  return flows.map((f) => ctx.crossing(f) ?? ctx.route(f));
}

export type BaselineMode = 'entry-points' | 'all' | 'off';

function baselineMode(ctx: RuleContext): BaselineMode {
  return ctx.model.rules?.baseline ?? 'entry-points';
}

/** Processes and data stores of the system itself: clients are where requests come from, not where they land. */
function isBaselineTarget(c: ComponentNode): boolean {
  return !c.client && !c.outOfScope && (c.kind === 'process' || c.kind === 'datastore');
}

/** Whether the flow enters the part of the system its target is in from somewhere it should not simply trust. */
function entersFromOutside(f: FlowNode): boolean {
  return f.crossesBoundary || f.source?.client === true;
}

const NO_FLOWS: readonly FlowNode[] = Object.freeze([]);
/** Each component's entering flows, worked out once for the six baseline rules of a run (components are new per graph). */
const entering = new WeakMap<ComponentNode, { readonly mode: BaselineMode; readonly flows: readonly FlowNode[] }>();

/** The flows into `c` the baseline looks at, in model order: entry points, or every flow with `all`. */
export function enteringFlows(c: ComponentNode, mode: BaselineMode): readonly FlowNode[] {
  if (mode === 'off') return NO_FLOWS;
  const known = entering.get(c);
  if (known?.mode === mode) return known.flows;
  let out: FlowNode[] | undefined;
  for (let k = 0; k < c.in.length; k++) {
    const f = c.in[k] as FlowNode;
    if (f.outOfScope || f.source === undefined || f.source === c) continue;
    if (mode === 'all' || entersFromOutside(f)) (out ??= []).push(f);
  }
  const flows = out ?? NO_FLOWS;
  entering.set(c, { mode, flows });
  return flows;
}

/**
 * Calls `visit` with each process or data store of the system that flows enter from outside (or, with
 * `rules.baseline: all`, any flow), and those flows: the loop every baseline rule starts with.
 */
export function forEachEntryPoint(ctx: RuleContext, visit: (c: ComponentNode, flows: readonly FlowNode[]) => void): void {
  const mode = baselineMode(ctx);
  if (mode === 'off') return;
  for (const c of ctx.components) {
    if (!isBaselineTarget(c)) continue;
    const flows = enteringFlows(c, mode);
    if (flows.length > 0) visit(c, flows);
  }
}

/** The flows' ids for a message: "F1", "F1 and F4", "F1, F4 and F7". */
export function flowList(flows: readonly FlowNode[]): string {
  const ids = flows.map((f) => f.id);
  if (ids.length <= 1) return ids.join('');
  return `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1] ?? ''}`;
}

/** What every baseline rule's metadata shares. */
export const BASELINE_META: Pick<RuleMeta, 'tier' | 'defaults' | 'appliesTo'> = {
  tier: 'baseline',
  defaults: { likelihood: 2, impact: 3 },
  appliesTo: ['process', 'datastore', 'flow'],
};

/** The false positive every baseline entry shares. */
export const BASELINE_FALSE_POSITIVE = 'The entry asks a question; it is not a finding. Answer it by stating the property it names (the safe value closes it; the unsafe one turns it into a specific finding), or turn the baseline off with `rules.baseline: off`.';

/**
 * A baseline entry about a fact of each entering flow (authenticated, encrypted, authorized): the flows
 * whose fact is unstated or unsafe, with that evidence, or undefined when every flow answers safely.
 */
export function flowGaps(ctx: RuleContext, flows: readonly FlowNode[], key: string, answered?: (f: FlowNode) => boolean): { flows: FlowNode[]; facts: (Fact | Unstated)[] } | undefined {
  const open: FlowNode[] = [];
  const facts: (Fact | Unstated)[] = [];
  for (const f of flows) {
    const gap = ctx.gap(f, key);
    if (!gap) continue;
    if (gap.kind === 'unstated' && answered?.(f) === true) continue;
    open.push(f);
    facts.push(gap);
  }
  return open.length === 0 ? undefined : { flows: open, facts };
}
