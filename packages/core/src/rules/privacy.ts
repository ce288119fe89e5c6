/** Predicates shared by the privacy (LINDDUN) and data-sharing rules. Cheap: they look at one element's flows. */
import type { ComponentNode, ElementNode, FlowNode } from '../graph/index.js';
import type { Fact, RuleContext } from '../engine/types.js';

const PERSONAL_TYPES = new Set(['personal-data', 'pii', 'health', 'biometric', 'location', 'contact', 'profile']);

/** The ids among `ids` that are personal data: stated `personal_data`/`special_category`, or a personal asset type. */
export function personalAssets(ctx: Pick<RuleContext, 'graph'>, ids: Iterable<string>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const a = ctx.graph.assets.get(id)?.asset;
    if (!a || a.personal_data === false) continue;
    if (a.personal_data === true || a.special_category === true || (a.type !== undefined && PERSONAL_TYPES.has(a.type))) out.push(id);
  }
  return out;
}

/** The ids among `ids` that are special-category personal data (health, biometrics, beliefs, …). */
export function specialCategoryAssets(ctx: Pick<RuleContext, 'graph'>, ids: Iterable<string>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const a = ctx.graph.assets.get(id)?.asset;
    if (a && (a.special_category === true || a.type === 'health' || a.type === 'biometric')) out.push(id);
  }
  return out;
}

/** Evidence naming the personal data assets: "F3 carries personal data: A1 Email address, A2 Profile". */
export function personalDataFact(ctx: Pick<RuleContext, 'graph' | 'fact'>, el: ElementNode, ids: readonly string[], verb = 'carries personal data'): Fact | undefined {
  if (ids.length === 0) return undefined;
  const names = ids.map((id) => `${id} ${ctx.graph.assets.get(id)?.asset.name ?? ''}`.trim()).join(', ');
  return ctx.fact(el, verb, names);
}

/** Is this component run by someone else (a third party, or external and not a person or a user's device)? */
export function isThirdParty(c: ComponentNode | undefined): boolean {
  if (!c) return false;
  const k = c.capabilities;
  if (k.has('third-party')) return true;
  return k.has('is-external') && !k.has('is-human') && !k.has('is-browser') && !k.has('is-client-app');
}

/** Flows leaving `c` towards third parties that carry personal data, with the personal assets on each. */
export function personalDataToThirdParties(ctx: Pick<RuleContext, 'graph'>, c: ComponentNode): { flow: FlowNode; personal: string[] }[] {
  const out: { flow: FlowNode; personal: string[] }[] = [];
  for (const f of c.out) {
    if (!isThirdParty(f.target)) continue;
    const personal = personalAssets(ctx, f.assets);
    if (personal.length > 0) out.push({ flow: f, personal });
  }
  return out;
}
