/**
 * The shape shared by the injection rules: a process that untrusted input reaches builds a query
 * or command for an interpreter from that input. One finding per (process, interpreter) pair,
 * reported on both so the fix (in the process) and the target (the interpreter) are named.
 */
import type { ComponentNode } from '../graph/index.js';
import type { Evidence, RuleContext } from '../engine/types.js';

interface Sink {
  /** The capability of the interpreter the process sends queries to. */
  capability: string;
  /** The process property that, when true, closes the finding. */
  safeguard: string;
  /** Also accepted as closing the finding (e.g. input validation for SQL), when stated true. */
  alsoSafe?: readonly string[];
}

/** Interpreters reached over flows from processes that untrusted input reaches. */
export function checkQuerySinks<M extends string>(ctx: RuleContext<M>, sink: Sink, messageId: M): void {
  for (const target of ctx.withCapability(sink.capability)) {
    for (const f of target.in) {
      const app = f.source;
      if (!app || app === target || !app.capabilities.has('executes-code')) continue;
      reportIfUnsafe(ctx, app, sink, messageId, [ctx.capability(target, sink.capability), ctx.route(f)], [app, target]);
    }
  }
}

/** The process itself is the interpreter (it runs commands, evaluates XPath, opens paths). */
export function checkLocalSink<M extends string>(ctx: RuleContext<M>, sink: Sink, messageId: M): void {
  for (const app of ctx.withCapability(sink.capability)) {
    reportIfUnsafe(ctx, app, sink, messageId, [ctx.capability(app, sink.capability)], [app]);
  }
}

function reportIfUnsafe<M extends string>(ctx: RuleContext<M>, app: ComponentNode, sink: Sink, messageId: M, facts: (Evidence | undefined)[], elements: ComponentNode[]): void {
  const reach = ctx.reach(app);
  if (!reach) return;
  if (sink.alsoSafe?.some((k) => ctx.prop(app, k) === true)) return;
  const gap = ctx.gap(app, sink.safeguard);
  if (!gap) return;
  ctx.report({ elements, messageId, facts: [...facts, reach, gap] });
}
