/**
 * The property vocabulary, checked: every key under a component's or flow's `properties:` is one
 * the analysis knows, and every value has the type (and, for a list of values, one of the values)
 * the catalogue says. Known keys are the catalogue's (taxonomy/properties.ts), the model's own
 * declared in `taxonomy.properties`, and those its custom rules read.
 *
 * - an unknown key is a warning at the key, with the closest known one: no rule reads it, so the
 *   fact it meant to state is not stated;
 * - a value of the wrong type, or outside the property's values, is an error: the model does not
 *   load, so it is never read as a fact (`rate_limiting: yes` is the text "yes", not true);
 * - a key stated where it does not apply: between components and flows a warning (rules read a
 *   flow's properties on flows and a component's on components); between kinds of component a note,
 *   as rules choose components by capability and may read it there all the same;
 * - a flow field (`encrypted`, `authenticated`, `authorized`) written under `properties:` is a warning.
 *
 * One map lookup per key; a suggestion is worked out once per distinct unknown key.
 */
import type { Issue } from '../../issues.js';
import type { ConditionInput } from '../../model/schema.js';
import { PROPERTIES, withDeclared, type ElementKindName, type PropertySpec, type PropertyValue } from '../../taxonomy/properties.js';
import { printable } from '../printable.js';
import { describeValue } from '../schema-issues.js';
import { didYouMean } from '../suggest.js';
import { listWithOr, type Check, type CheckIssue, type Path } from './context.js';

const PLURAL: Record<ElementKindName, string> = { process: 'processes', datastore: 'data stores', 'external-entity': 'external entities', flow: 'flows' };
const SINGULAR: Record<ElementKindName, string> = { process: 'a process', datastore: 'a data store', 'external-entity': 'an external entity', flow: 'a flow' };

const code = (s: string): string => `\`${printable(s, 60)}\``;

/** The property keys custom rules read (`property:` and `lacks:`), walked without recursion. */
export function ruleProperties(rules: readonly { when: ConditionInput }[] | undefined): Map<string, number> {
  const keys = new Map<string, number>();
  (rules ?? []).forEach((rule, r) => {
    const stack: ConditionInput[] = [rule.when];
    while (stack.length > 0) {
      const c = stack.pop() as ConditionInput;
      if (c.property !== undefined && !keys.has(c.property)) keys.set(c.property, r);
      if (c.lacks !== undefined && !keys.has(c.lacks)) keys.set(c.lacks, r);
      for (const sub of [...(c.all ?? []), ...(c.any ?? [])]) stack.push(sub);
      for (const sub of [c.not, c.source, c.target]) if (sub) stack.push(sub);
    }
  });
  return keys;
}

/** "true or false", "text", "a number", or "one of a, b or c". */
function expected(spec: PropertySpec): string {
  if (spec.type === 'boolean') return 'true or false';
  if (spec.type === 'number') return 'a number';
  return spec.values ? `one of ${listWithOr(spec.values)}` : 'text';
}

function example(spec: PropertySpec): string {
  if (spec.type === 'boolean') return `${spec.key}: ${spec.safe === false ? 'false' : 'true'}`;
  if (spec.type === 'number') return `${spec.key}: 3`;
  return `${spec.key}: ${spec.values?.[0] ?? '"…"'}`;
}

/** The error for a value the property cannot take, or undefined when it fits. */
function valueIssue(spec: PropertySpec, value: PropertyValue, path: Path, subject: string): Issue | undefined {
  const fits = typeof value === spec.type;
  if (fits && !(spec.type === 'string' && spec.values && !spec.values.includes(value as string))) return undefined;
  const sub = { path, subject };
  if (fits) {
    const suggestion = didYouMean(value as string, spec.values ?? []);
    return {
      code: 'unknown-property-value',
      severity: 'error',
      message: `${code(spec.key)} is ${describeValue(value)}: expected ${expected(spec)}`,
      ...sub,
      hint: `${suggestion ? `Did you mean \`${spec.key}: ${suggestion}\`? ` : ''}Leave the key out when it is not known: the analysis asks instead.`,
    };
  }
  let hint = 'Leave the key out when it is not known: the analysis asks instead.';
  if (typeof value === 'string' && /^(true|false|-?\d+(\.\d+)?)$/i.test(value.trim())) hint = `Remove the quotes: a quoted value is text. ${hint}`;
  else if (spec.type === 'boolean' && typeof value === 'string' && /^(yes|no|y|n|on|off)$/i.test(value)) hint = `YAML 1.2 reads ${value} as text: write true or false. ${hint}`;
  else if (spec.type === 'string') hint = `Quote it to make it text. ${hint}`;
  return { code: 'wrong-property-type', severity: 'error', message: `${code(spec.key)} is ${describeValue(value)}: expected ${expected(spec)}, e.g. \`${example(spec)}\``, ...sub, hint };
}

/** Every property key of every component and flow is known, of its type, and stated where it applies. */
export const properties: Check = (ctx) => {
  const { model } = ctx;
  const out: CheckIssue[] = [];
  const declared = model.taxonomy?.properties;
  if (declared) {
    for (const key of Object.keys(declared)) {
      if (!PROPERTIES.has(key)) continue;
      out.push({ code: 'property-redeclared', severity: 'warning', message: `${code(key)} is in the property catalogue: its declaration here is ignored`, path: ['taxonomy', 'properties', key], atKey: true, subject: key, hint: 'Remove it from `taxonomy.properties`: `threatwright rules --properties` says what it means.' });
    }
  }
  const specs = withDeclared(declared);
  const fromRules = ruleProperties(model.rules?.custom);
  const setAside = ctx.setAside?.properties;
  // A key a custom rule reads is known; one that is close to a known key may be a slip in the rule.
  const candidates = [...specs.keys()];
  for (const [key, r] of fromRules) {
    if (specs.has(key) || setAside?.has(key)) continue;
    const suggestion = didYouMean(key, candidates);
    if (suggestion === undefined) continue;
    const rule = model.rules?.custom?.[r];
    out.push({
      code: 'unknown-property',
      severity: 'warning',
      message: `custom rule reads ${code(key)}, which no element can state as a known property; did you mean ${code(suggestion)}?`,
      path: ['rules', 'custom', r, 'when'],
      ...(rule ? { subject: rule.id } : {}),
      hint: `Did you mean \`${suggestion}\`? If \`${key}\` is a property of your own, declare it under \`taxonomy.properties\` (its type and what it means).`,
    });
  }
  for (const key of fromRules.keys()) candidates.push(key);

  const suggestions = new Map<string, string | null>();
  const suggest = (key: string): string | undefined => {
    let s = suggestions.get(key);
    if (s === undefined) {
      s = didYouMean(key, candidates) ?? null;
      suggestions.set(key, s);
    }
    return s ?? undefined;
  };

  const checkElement = (props: Readonly<Record<string, PropertyValue>> | undefined, kind: ElementKindName, at: Path, subject: string): void => {
    if (!props) return;
    for (const key of Object.keys(props)) {
      const value = props[key] as PropertyValue;
      const spec = specs.get(key);
      if (spec && spec.field === undefined && typeof value === spec.type && spec.values === undefined && spec.appliesTo.includes(kind)) continue; // the common case: nothing to say
      const path = [...at, 'properties', key];
      if (!spec) {
        if (fromRules.has(key) || setAside?.has(key)) continue;
        const suggestion = suggest(key);
        const type = typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string';
        out.push({
          code: 'unknown-property',
          severity: 'warning',
          message: `unknown property ${code(key)}: no rule reads it`,
          path,
          atKey: true,
          subject,
          hint: `${suggestion ? `Did you mean \`${suggestion}\`? ` : 'Known keys: `threatwright rules --properties`. '}A property of your own is declared under \`taxonomy.properties\`, e.g. \`${printable(key, 60)}: { type: ${type}, description: … }\`.`,
        });
        continue;
      }
      const wrong = valueIssue(spec, value, path, subject);
      if (wrong) {
        out.push(wrong);
        continue;
      }
      if (kind === 'flow' && spec.field) {
        out.push({ code: 'property-is-a-field', severity: 'warning', message: `${code(key)} is a field of a flow, not one of its properties`, path, atKey: true, subject, hint: `Write \`${key}: ${String(value)}\` beside \`from:\` and \`to:\`, and remove it from \`properties:\`.` });
        continue;
      }
      if (spec.appliesTo.includes(kind)) continue;
      const where = listWithOr(spec.appliesTo.map((k) => PLURAL[k]));
      // Rules read a flow's properties on flows and a component's on components: across that line
      // the key is never read. Between kinds of component it may be (rules choose by capability).
      const acrossFlows = kind === 'flow' || spec.appliesTo.every((k) => k === 'flow');
      if (acrossFlows) {
        const onFlow = kind === 'flow';
        out.push({
          code: 'property-not-applicable',
          severity: 'warning',
          message: `${code(key)} is a property of ${where}, not of ${SINGULAR[kind]}: no rule reads it here`,
          path,
          atKey: true,
          subject,
          hint: onFlow ? 'State it on the component the flow comes from or goes to.' : 'State it on the flows it describes.',
        });
      } else {
        out.push({
          code: 'property-not-applicable',
          severity: 'info',
          message: `${code(key)} is a property of ${where}, not of ${SINGULAR[kind]}`,
          path,
          atKey: true,
          subject,
          hint: `Rules look for it on ${where}: state it on the element it describes, unless the analysis asks about it here.`,
        });
      }
    }
  };
  const components = model.components ?? [];
  for (let i = 0; i < components.length; i++) {
    const c = components[i];
    if (c) checkElement(c.properties, c.kind, ['components', i], c.id);
  }
  const flows = model.flows ?? [];
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i];
    if (f) checkElement(f.properties, 'flow', ['flows', i], f.id);
  }
  return out;
};
