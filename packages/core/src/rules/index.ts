/**
 * The explicit, sorted registry of built-in rules. Add one import and one entry per rule, in
 * alphabetical order of the rule id (a test checks the order). No directory scanning.
 */
import type { AnyRule } from '../engine/types.js';
import { rule as csrf } from './spoofing/csrf.js';
import { rule as unencryptedFlow } from './information-disclosure/unencrypted-flow.js';

export const builtinRules: readonly AnyRule[] = [
  csrf,
  unencryptedFlow,
];

/** Rule ids that were renamed: decisions keyed by an old fingerprint follow the new id. */
export const renamedRules: Readonly<Record<string, string>> = {};
