import type { Rule } from './types.js';

/** Identity with type inference: ties `messageId`s in `check` to the keys of `messages`. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** `<rule-id>@<element ids joined by +>`. `@` never appears in model ids, so a reference containing `@` is a fingerprint. */
export function fingerprintOf(ruleId: string, elementIds: readonly string[]): string {
  return `${ruleId}@${elementIds.join('+')}`;
}

export function parseFingerprint(fp: string): { ruleId: string; elements: string[] } | undefined {
  const at = fp.indexOf('@');
  if (at <= 0 || at === fp.length - 1) return undefined;
  return { ruleId: fp.slice(0, at), elements: fp.slice(at + 1).split('+') };
}
