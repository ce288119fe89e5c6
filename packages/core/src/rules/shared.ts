/** Small predicates shared by rules. Keep them cheap: they run per element. */
import type { ComponentNode, FlowNode } from '../graph/index.js';
import type { Fact, RuleContext } from '../engine/types.js';

/** A person, or software in a person's hands (browser, mobile or desktop app). */
export function isUserAgent(c: ComponentNode | undefined): boolean {
  if (!c) return false;
  const k = c.capabilities;
  return k.has('is-human') || k.has('is-browser') || k.has('is-client-app');
}

/** Browsers (and people using one) send ambient cookies. */
export function isBrowserLike(c: ComponentNode | undefined): boolean {
  return c !== undefined && (c.capabilities.has('is-browser') || c.capabilities.has('is-human'));
}

/** Authentication by a long-lived secret shared by every caller of a kind: it proves possession of the secret, not who sent the request. */
const STATIC = /^(api[-_ ]?key|basic|password|shared[-_ ]?secret|static[-_ ]?token|token)$/i;
export function staticCredential(f: FlowNode): string | undefined {
  const a = f.flow.authentication;
  return a !== undefined && STATIC.test(a.trim()) ? a : undefined;
}

/** Assets on the flow whose integrity is rated high. */
export function highIntegrityAssets(f: FlowNode, assets: ReadonlyMap<string, { asset: { integrity?: 'low' | 'medium' | 'high' | undefined } }>): string[] {
  return f.assets.filter((id) => assets.get(id)?.asset.integrity === 'high');
}

/** The component keeps a session for browsers: a session cookie arrives on one of its flows, or a session token asset passes through it. */
export function keepsBrowserSessions(c: ComponentNode, assets: ReadonlyMap<string, { asset: { type?: string | undefined } }>): FlowNode | undefined {
  return c.in.find((f) => isBrowserLike(f.source) && (/cookie|session/i.test(f.flow.authentication ?? '') || f.assets.some((a) => assets.get(a)?.asset.type === 'session-token')));
}

/** Why a flow counts as carrying a browser session: its authentication, or the session-token asset it carries. */
export function sessionEvidence(ctx: Pick<RuleContext, 'fact' | 'graph'>, f: FlowNode): Fact {
  const how = f.flow.authentication;
  if (how !== undefined && /cookie|session/i.test(how)) return ctx.fact(f, 'authentication', how);
  const token = f.assets.find((a) => ctx.graph.assets.get(a)?.asset.type === 'session-token') ?? '';
  const name = ctx.graph.assets.get(token)?.asset.name ?? token;
  return ctx.fact(f, 'carries session token', `${name} (${token})`);
}

/** A flow into a log store from a component whose logs are security events (sign-ins, admin actions, token issuance). */
export function securityEventFeed(logStore: ComponentNode): FlowNode | undefined {
  return logStore.in.find((f) => {
    const k = f.source?.capabilities;
    return k !== undefined && (k.has('authenticates-users') || k.has('admin-interface') || k.has('identity-provider'));
  });
}
