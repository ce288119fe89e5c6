/**
 * Custom rules written as data (`rules.custom` in a model, or a rules file): a declarative condition
 * evaluated against components or flows. Nothing is ever evaluated as code.
 */
import { z } from 'zod';
import { append } from '../data.js';
import type { Issue } from '../issues.js';
import { schemaIssues } from '../load/schema-issues.js';
import { locateIn } from '../load/locate.js';
import { parseSource } from '../load/source.js';
import { CustomRuleSchema, type ConditionInput } from '../model/schema.js';
import type { Classification } from '../model/types.js';
import { readProperty, type ComponentNode, type ElementNode } from '../graph/index.js';
import { defineRule } from './define-rule.js';
import type { AnyRule, Evidence, RuleContext, Scale } from './types.js';

export type CustomRuleInput = z.infer<typeof CustomRuleSchema>;

const RANK: Record<Classification, number> = { public: 0, internal: 1, confidential: 2, restricted: 3, secret: 4 };

function describe(c: ConditionInput): string {
  if (c.all) return `all of (${c.all.map(describe).join('; ')})`;
  if (c.any) return `any of (${c.any.map(describe).join('; ')})`;
  if (c.not) return `not ${describe(c.not)}`;
  const key = c.property ?? c.attribute;
  if (key !== undefined) {
    if (c.equals !== undefined) return `${key} = ${String(c.equals)}`;
    if (c.in) return `${key} in [${c.in.map(String).join(', ')}]`;
    return c.exists === false ? `${key} not stated` : `${key} stated`;
  }
  if (c.lacks !== undefined) return `${c.lacks} is not true`;
  if (c.capability !== undefined) return `capability ${c.capability}`;
  if (c.crosses_boundary !== undefined) return `crosses a boundary (${c.crosses_boundary})`;
  if (c.carries_asset) return `carries an asset (${Object.entries(c.carries_asset).map(([k, v]) => `${k} ${String(v)}`).join(', ')})`;
  if (c.exposure !== undefined) return `exposure ${c.exposure}`;
  if (c.source) return `source: ${describe(c.source)}`;
  if (c.target) return `target: ${describe(c.target)}`;
  return '?';
}

function attributeOf(el: ElementNode, name: NonNullable<ConditionInput['attribute']>): readonly (string | number | boolean)[] | undefined {
  if (el.type === 'component') {
    const c = el.component;
    switch (name) {
      case 'id': return [c.id];
      case 'name': return [c.name];
      case 'kind': return [c.kind];
      case 'type': return c.type !== undefined ? [c.type] : undefined;
      case 'tech': return c.tech !== undefined ? [c.tech] : undefined;
      case 'tag': return c.tags;
      case 'boundary': return el.boundaries.length > 0 ? el.boundaries : undefined;
      default: return undefined;
    }
  }
  const f = el.flow;
  switch (name) {
    case 'id': return [f.id];
    case 'name': return f.label !== undefined ? [f.label] : undefined;
    case 'kind': return ['flow'];
    case 'protocol': return f.protocol !== undefined ? [f.protocol] : undefined;
    case 'authentication': return f.authentication !== undefined ? [f.authentication] : undefined;
    case 'tag': return f.tags;
    default: return undefined;
  }
}

/** Evaluates a condition; returns the evidence when it holds, undefined when it does not. */
export function evaluate(c: ConditionInput, el: ElementNode, ctx: Omit<RuleContext, 'report'>): Evidence[] | undefined {
  if (c.all) {
    const out: Evidence[] = [];
    for (const sub of c.all) {
      const r = evaluate(sub, el, ctx);
      if (!r) return undefined;
      append(out, r);
    }
    return out;
  }
  if (c.any) {
    for (const sub of c.any) {
      const r = evaluate(sub, el, ctx);
      if (r) return r;
    }
    return undefined;
  }
  if (c.not) return evaluate(c.not, el, ctx) ? undefined : [ctx.fact(el, 'condition', describe(c))];
  if (c.property !== undefined) {
    const v = readProperty(el, c.property);
    if (c.exists !== undefined) return (v !== undefined) === c.exists ? [v !== undefined ? (ctx.property(el, c.property) ?? ctx.fact(el, c.property, String(v))) : ctx.fact(el, c.property, 'not stated')] : undefined;
    if (v === undefined) return undefined;
    const ok = c.equals !== undefined ? v === c.equals : (c.in ?? []).includes(v);
    const fact = ctx.property(el, c.property);
    return ok && fact ? [fact] : undefined;
  }
  if (c.attribute !== undefined) {
    const vals = attributeOf(el, c.attribute);
    if (c.exists !== undefined) return (vals !== undefined && vals.length > 0) === c.exists ? [ctx.fact(el, c.attribute, vals?.join(', ') ?? 'not stated')] : undefined;
    if (!vals) return undefined;
    const hit = vals.find((v) => (c.equals !== undefined ? v === c.equals : (c.in ?? []).includes(v)));
    return hit !== undefined ? [ctx.fact(el, c.attribute, hit)] : undefined;
  }
  if (c.lacks !== undefined) {
    const gap = ctx.gap(el, c.lacks);
    return gap ? [gap] : undefined;
  }
  if (c.capability !== undefined) {
    const f = ctx.capability(el, c.capability);
    return f ? [f] : undefined;
  }
  if (c.crosses_boundary !== undefined) {
    if (el.type !== 'flow') return undefined;
    const f = ctx.crossing(el, c.crosses_boundary === 'any' ? undefined : c.crosses_boundary);
    return f ? [f] : undefined;
  }
  if (c.carries_asset) {
    const want = c.carries_asset;
    const ids = el.type === 'flow' ? el.assets : [...el.carried, ...el.processed, ...el.stored];
    for (const id of ids) {
      const a = ctx.graph.assets.get(id);
      if (!a) continue;
      if (want.classification_at_least !== undefined && a.sensitivity < RANK[want.classification_at_least]) continue;
      if (want.personal_data !== undefined && (a.asset.personal_data === true) !== want.personal_data) continue;
      if (want.type !== undefined && a.asset.type !== want.type) continue;
      return [ctx.fact(el, el.type === 'flow' ? 'carries' : 'handles', `${a.asset.name} (${id})`)];
    }
    return undefined;
  }
  if (c.exposure !== undefined) {
    const exposed = ctx.exposure(el);
    if (c.exposure === 'internet') return exposed ? [exposed] : undefined;
    return exposed || (el.type === 'component' && el.exposure === 'external') ? undefined : [ctx.fact(el, 'exposure', 'internal')];
  }
  if (c.source || c.target) {
    if (el.type !== 'flow') return undefined;
    const end: ComponentNode | undefined = c.source ? el.source : el.target;
    const sub = c.source ?? c.target;
    if (!end || !sub) return undefined;
    return evaluate(sub, end, ctx);
  }
  return undefined;
}

/** Turns a custom rule (data) into a rule the engine runs like any other. */
export function compileCustomRule(input: CustomRuleInput): AnyRule {
  return defineRule({
    id: input.id,
    meta: {
      title: input.title,
      category: input.category,
      appliesTo: [input.applies_to === 'flow' ? 'flow' : 'process'],
      description: input.description ?? input.title,
      references: input.references ?? {},
      defaults: { likelihood: (input.likelihood ?? 3) as Scale, impact: (input.impact ?? 3) as Scale },
      mitigations: input.mitigations ?? [],
      ...(input.false_positives ? { falsePositives: input.false_positives } : {}),
    },
    messages: { default: input.message },
    check(ctx) {
      const elements: readonly ElementNode[] = input.applies_to === 'flow' ? ctx.flows : ctx.components;
      for (const el of elements) {
        const facts = evaluate(input.when, el, ctx);
        if (facts) ctx.report({ element: el, messageId: 'default', facts: facts.length > 0 ? facts : [ctx.fact(el, 'condition', describe(input.when))] });
      }
    },
  });
}

export const CustomRulesFileSchema = z
  .strictObject({
    threatwright: z.literal(1).optional(),
    rules: z.array(CustomRuleSchema),
  })
  .describe('A file of custom rules shared between models: `rules:` is a list of custom rules.');

/** Parses a custom-rules file (YAML or JSON) with locations for every problem. Pure: the caller reads the file. */
export function parseCustomRules(input: { file: string; text: string }): { rules: CustomRuleInput[]; issues: Issue[] } {
  const parsed = parseSource(input);
  if (!parsed.ok) return { rules: [], issues: [parsed.issue] };
  const checked = CustomRulesFileSchema.safeParse(parsed.value);
  if (checked.success) return { rules: checked.data.rules, issues: [] };
  const issues = schemaIssues(checked.error.issues, parsed.value, CustomRulesFileSchema).map((issue) => {
    const location = locateIn(parsed.source, issue.path, { key: issue.code === 'unknown-key' });
    return location ? { ...issue, location } : issue;
  });
  return { rules: [], issues };
}
