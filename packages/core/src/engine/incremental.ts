/**
 * Incremental rule runs, for the editor: after an edit, re-run the rules only around the elements
 * whose facts may have changed and keep every other finding of the previous run.
 *
 * An element is changed when its model entry differs (the same object is the same entry; otherwise
 * their data is compared), when it appeared or disappeared, or when the way the internet reaches it
 * changed. What rules read about an element otherwise follows from its own entry, its neighbours'
 * entries and the model's context (boundaries, assets, taxonomy, custom and disabled rules; any
 * change there runs everything again), so the radii below bound an edit's effects. `system` rules,
 * which compare elements across the whole model, always run in full. A differential test checks the
 * result equals a full run over thousands of random edits.
 */
import type { ComponentNode, ElementNode, GraphIndex } from '../graph/index.js';
import { sameData } from '../data.js';
import type { Model } from '../model/types.js';
import { runRules, settleFinding, type RunResult } from './run.js';
import type { AnyRule, Finding } from './types.js';

/** What a run leaves for the next one. */
export interface RunState {
  /** Everything outside components and flows that findings depend on, serialised. */
  readonly context: string;
  /** The graph the findings were found on. */
  readonly graph: GraphIndex;
  /** Element id → what it was: its model entry and, for components, how the internet reaches it. */
  readonly elements: ReadonlyMap<string, ElementState>;
  readonly result: RunResult;
}

interface ElementState {
  readonly entry: object;
  readonly reach: string;
}

export interface IncrementalRun {
  readonly result: RunResult;
  readonly state: RunState;
  /** `full`: nothing could be reused; `unchanged`: no element changed; `incremental`: rules re-ran around the change. */
  readonly mode: 'full' | 'incremental' | 'unchanged';
  /** Elements whose model entry or reach changed, appeared or disappeared. */
  readonly changed: number;
  /** Elements the neighbourhood rules looked at again. */
  readonly focus: number;
}

/**
 * How far, in steps between a component and a flow, an edit's effects are followed. Rules read
 * an element and what lies one flow away (two steps: component → flow → component), so the facts
 * of everything within two steps of a changed entry may change; findings naming anything within
 * two more steps of those are dropped, and neighbourhood rules re-run on everything within two
 * further steps, where any dropped finding could have been reported from.
 */
const AFFECTED = 2;
const DROPPED = AFFECTED + 2;
const FOCUSED = DROPPED + 2;

function contextOf(model: Model, rules: readonly AnyRule[], disabled: ReadonlySet<string>): string {
  return JSON.stringify([model.taxonomy ?? null, model.boundaries ?? null, model.assets ?? null, model.rules ?? null, rules.map((r) => r.id), [...disabled].sort()]);
}

/**
 * How the internet reaches a component: the one thing rules read that is decided far away (a
 * breadth-first walk over the whole graph). Everything else about an element follows from its own
 * entry, its neighbours' entries and the context.
 */
function reachOf(c: ComponentNode): string {
  if (!c.reachable) return '';
  let reach = '+';
  let cur: ComponentNode | undefined = c;
  for (let hops = 0; cur?.reachedVia && hops < 8; hops++) {
    reach += `${cur.reachedVia.id}<`;
    cur = cur.reachedVia.source;
  }
  if (cur && cur !== c) reach += `${cur.id}:${cur.component.name}`;
  return reach;
}

function elementsOf(graph: GraphIndex): Map<string, ElementState> {
  const out = new Map<string, ElementState>();
  for (const c of graph.components) out.set(c.id, { entry: c.component, reach: reachOf(c) });
  for (const f of graph.flows) out.set(f.id, { entry: f.flow, reach: '' });
  return out;
}

function neighboursIn(graph: GraphIndex, id: string): string[] {
  const el = graph.byId.get(id);
  if (!el) return [];
  if (el.type === 'flow') return [el.flow.from, el.flow.to];
  const out: string[] = [];
  for (const f of el.in) out.push(f.id);
  for (const f of el.out) out.push(f.id);
  return out;
}

/** Ids within `radius` steps of the seeds, in the new graph and (for what was removed) the old one. */
function around(seeds: Iterable<string>, radius: number, now: GraphIndex, before: GraphIndex): Set<string> {
  const seen = new Set<string>(seeds);
  let frontier = [...seen];
  for (let step = 0; step < radius && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of [...neighboursIn(now, id), ...neighboursIn(before, id)]) {
        if (!seen.has(n)) {
          seen.add(n);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

/**
 * Runs the rules on `graph`, reusing `previous` (the state of the last run on an earlier version
 * of the same model) where nothing the findings depend on changed. Same findings as `runRules`.
 */
export function runRulesIncremental(previous: RunState | undefined, graph: GraphIndex, rules: readonly AnyRule[], disabled: ReadonlySet<string> = new Set()): IncrementalRun {
  const context = contextOf(graph.model, rules, disabled);
  const elements = elementsOf(graph);
  const full = (): IncrementalRun => {
    const result = runRules(graph, rules, { disabled, answerBaseline: false });
    return { result, state: { context, graph, elements, result }, mode: 'full', changed: elements.size, focus: elements.size };
  };
  if (!previous || previous.context !== context || previous.result.issues.length > 0) return full();

  const changed = new Set<string>();
  for (const [id, now] of elements) {
    const before = previous.elements.get(id);
    if (!before || before.reach !== now.reach || !sameData(before.entry, now.entry)) changed.add(id);
  }
  for (const id of previous.elements.keys()) if (!elements.has(id)) changed.add(id);
  if (changed.size === 0) {
    return { result: previous.result, state: { context, graph, elements, result: previous.result }, mode: 'unchanged', changed: 0, focus: 0 };
  }

  const drop = around(changed, DROPPED, graph, previous.graph);
  const focusIds = around(drop, FOCUSED - DROPPED, graph, previous.graph);
  const focus = new Set<ElementNode>();
  for (const id of focusIds) {
    const el = graph.byId.get(id);
    if (el) focus.add(el);
  }
  if (focus.size * 2 > elements.size) return full();

  const system = new Set(rules.filter((r) => r.meta.scope === 'system').map((r) => r.id));
  const fresh = runRules(graph, rules, { disabled, focus, answerBaseline: false });
  // Both lists are sorted by fingerprint: merge them, a fresh finding replacing an old one.
  const old = previous.result.findings;
  const add = fresh.findings;
  const findings: Finding[] = [];
  let i = 0;
  let j = 0;
  const keep = (f: Finding): boolean => {
    // Disabled rules are part of the context: a change to them runs everything.
    if (system.has(f.ruleId)) return false;
    for (const id of f.elements) if (drop.has(id)) return false;
    return true;
  };
  while (i < old.length || j < add.length) {
    const a = old[i];
    const b = add[j];
    if (b === undefined || (a !== undefined && a.fingerprint < b.fingerprint)) {
      if (a !== undefined && keep(a)) {
        settleFinding(a);
        findings.push(a);
      }
      i++;
    } else {
      if (a !== undefined && a.fingerprint === b.fingerprint) i++;
      findings.push(b);
      j++;
    }
  }
  const result: RunResult = { findings, issues: fresh.issues };
  return { result, state: { context, graph, elements, result }, mode: 'incremental', changed: changed.size, focus: focus.size };
}
