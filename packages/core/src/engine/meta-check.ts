/** Checks a rule's metadata: every rule must explain itself, cite references and offer testable mitigations. */
import { RuleIdSchema, ThreatCategorySchema } from '../model/schema.js';
import type { AnyRule } from './types.js';

export function checkRuleMeta(rule: AnyRule): string[] {
  const problems: string[] = [];
  const m = rule.meta;
  if (!RuleIdSchema.safeParse(rule.id).success) problems.push(`id "${rule.id}" is not lower-case words joined by "-"`);
  if (!m.title.trim()) problems.push('title is empty');
  if (!ThreatCategorySchema.safeParse(m.category).success) problems.push(`category "${m.category}" is not a STRIDE or LINDDUN category`);
  if (m.appliesTo.length === 0) problems.push('appliesTo is empty');
  if (m.description.trim().length < 40) problems.push('description is shorter than 40 characters: say what goes wrong and why');
  const refs = m.references;
  if ((refs.cwe?.length ?? 0) + (refs.capec?.length ?? 0) + (refs.owasp?.length ?? 0) + (refs.asvs?.length ?? 0) === 0) problems.push('references name no CWE, CAPEC, OWASP or ASVS entry');
  for (const o of refs.owasp ?? []) if (!/^(A\d{2}:2025|API\d{1,2}:2023|LLM\d{2}:2025|M\d{1,2}:2024)$/.test(o)) problems.push(`OWASP reference "${o}" is not like A01:2025, API1:2023, LLM01:2025 or M1:2024`);
  for (const k of ['likelihood', 'impact'] as const) {
    const v = m.defaults[k];
    if (!Number.isInteger(v) || v < 1 || v > 5) problems.push(`defaults.${k} ${v} is not 1–5`);
  }
  if (m.mitigations.length === 0) problems.push('no mitigations');
  for (const [i, mit] of m.mitigations.entries()) {
    if (!mit.title.trim() || !mit.acceptance.trim() || !mit.verification.trim()) problems.push(`mitigation ${i + 1} needs a title, acceptance criteria and a verification test`);
  }
  const ids = Object.keys(rule.messages);
  if (ids.length === 0) problems.push('no messages');
  for (const id of ids) {
    const text = (rule.messages as Record<string, string>)[id] ?? '';
    if (/<[a-z/]|\*\*|`/.test(text)) problems.push(`message "${id}" contains markup: rules report plain text, renderers format it`);
  }
  return problems;
}
