/**
 * Schema errors for people: zod's issues turned into Issue data with the subject's id,
 * "did you mean" for unknown keys and enum values, and plain words for types.
 */
import type { z } from 'zod';
import { append, own } from '../data.js';
import type { Issue } from '../issues.js';
import { printable } from './printable.js';
import { didYouMean } from './suggest.js';

type Path = (string | number)[];
type ZodIssue = z.core.$ZodIssue;

/** What one item of each list section is called in messages. */
export const SECTION_NOUNS = {
  components: 'component',
  assets: 'asset',
  flows: 'flow',
  boundaries: 'boundary',
  dependencies: 'dependency',
  stakeholders: 'stakeholder',
  assumptions: 'assumption',
  threats: 'threat',
  mitigations: 'mitigation',
  attack_trees: 'attack tree',
} as const satisfies Record<string, string>;
const NOUN_OF: Readonly<Record<string, string>> = SECTION_NOUNS;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (Array.isArray(v) && typeof key === 'number') v = v[key];
    else if (isRecord(v) && typeof key === 'string') v = v[key];
    else return undefined;
  }
  return v;
}

/** The zod schema that validates the value at `path`, following objects, lists, records, optionals and lazies. */
function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let s: z.core.$ZodType | undefined = schema;
  let i = 0;
  for (let guard = 0; s && guard < 10_000; guard++) {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'nonoptional':
        s = def['innerType'] as z.core.$ZodType;
        continue;
      case 'lazy':
        s = (def['getter'] as () => z.core.$ZodType)();
        continue;
      case 'pipe':
        s = def['in'] as z.core.$ZodType;
        continue;
    }
    if (i === path.length) return s;
    const key = path[i++];
    if (def.type === 'object' && typeof key === 'string') s = (def['shape'] as Record<string, z.core.$ZodType>)[key];
    else if (def.type === 'array' && typeof key === 'number') s = def['element'] as z.core.$ZodType;
    else if (def.type === 'record') s = def['valueType'] as z.core.$ZodType;
    else if (def.type === 'union') {
      const rest = path.slice(i - 1);
      for (const option of def['options'] as z.core.$ZodType[]) {
        const found = schemaAt(option, rest);
        if (found) return found;
      }
      return undefined;
    } else return undefined;
  }
  return undefined;
}

function allowedKeys(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(schema, path);
  const def = s?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The id (or fingerprint) of the innermost identified object on the path, and what it is called. */
export function subjectOf(root: unknown, path: readonly PropertyKey[]): { subject?: string; noun: string; depth: number } {
  const section = path[0];
  const noun = typeof section === 'string' ? (own(NOUN_OF, section) ?? (section === 'system' ? 'system' : section)) : 'model';
  if (typeof section !== 'string' || !Object.hasOwn(SECTION_NOUNS, section) || typeof path[1] !== 'number') return { noun, depth: typeof section === 'string' ? 1 : 0 };
  let subject: string | undefined;
  let v: unknown = root;
  for (let i = 0; i < path.length; i++) {
    v = valueAt(v, [path[i] as PropertyKey]);
    if (i >= 1 && isRecord(v)) {
      if (typeof v['id'] === 'string' && v['id'] !== '') subject = v['id'];
      else if (i === 1 && typeof v['fingerprint'] === 'string') subject = v['fingerprint'];
    }
  }
  const nodeNoun = section === 'attack_trees' && path.length > 4 ? 'attack-tree node' : noun;
  return { ...(subject !== undefined ? { subject } : {}), noun: nodeNoun, depth: 2 };
}

const code = (s: string): string => `\`${printable(s, 60)}\``;

/** A value as a message names it: `the text "yes"`, `the number 3`, `true`, `a list`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '…' : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return String(v);
  return typeof v;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  boolean: 'true or false',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

function fieldName(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  const prev = path[path.length - 2];
  if (typeof last === 'number') return typeof prev === 'string' ? `${prev}[${last}]` : `item ${last + 1}`;
  return typeof last === 'string' ? last : 'value';
}

function where(root: unknown, path: readonly PropertyKey[]): string {
  const { noun, depth } = subjectOf(root, path);
  const inner = path.slice(depth).filter((p): p is string => typeof p === 'string');
  if (path.length === 0) return 'the model';
  if (depth === 2 && path[0] === 'attack_trees' && path.length > 4) return 'attack-tree node';
  if (inner.length > 0) return `${code(inner.join('.'))} of ${noun === 'model' ? 'the model' : `the ${noun}`}`;
  return noun === 'system' ? 'system' : noun;
}

function toPath(p: readonly PropertyKey[]): Path {
  return p.filter((k): k is string | number => typeof k !== 'symbol');
}

/** Converts zod issues for a file's value into Issues (without locations; the loader adds them). */
export function schemaIssues(zodIssues: readonly ZodIssue[], root: unknown, schema: z.core.$ZodType, basePath: readonly PropertyKey[] = []): Issue[] {
  const out: Issue[] = [];
  for (const zi of zodIssues) append(out, convert(zi, root, schema, [...basePath, ...zi.path]));
  return out;
}

function convert(zi: ZodIssue, root: unknown, schema: z.core.$ZodType, fullPath: PropertyKey[]): Issue[] {
  const path = toPath(fullPath);
  const { subject } = subjectOf(root, fullPath);
  const base = { code: 'schema', severity: 'error' as const, path, ...(subject !== undefined ? { subject } : {}) };
  const value = valueAt(root, fullPath);
  const field = fieldName(fullPath);
  switch (zi.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, fullPath);
      return zi.keys.map((key) => {
        if (key === '<<') return { ...base, code: 'unknown-key', path: [...path, key], message: `YAML merge keys (\`<<\`) are not supported, in ${where(root, fullPath)}`, hint: 'Write the keys out, or share whole sections between files with `include:`.' };
        const suggestion = didYouMean(key, allowed);
        return {
          ...base,
          code: 'unknown-key',
          path: [...path, key],
          message: `unknown key ${code(key)} in ${where(root, fullPath)}${suggestion ? `; did you mean ${code(suggestion)}?` : ''}`,
          hint: allowed.length > 0 ? `Allowed keys: ${allowed.join(', ')}.` : 'Remove it.',
        };
      });
    }
    case 'invalid_value': {
      if (value === undefined) return convert({ code: 'invalid_type', expected: 'string', path: zi.path, message: zi.message, input: undefined }, root, schema, fullPath);
      if (path.length === 1 && path[0] === 'threatwright') {
        return [{ ...base, code: 'unsupported-version', message: `unsupported model version ${JSON.stringify(value)}: this version of Threatwright reads version 1`, hint: 'Write `threatwright: 1`.' }];
      }
      const options = zi.values.map((v) => String(v));
      const suggestion = typeof value === 'string' ? didYouMean(value, options) : undefined;
      const shown = typeof value === 'string' ? `"${printable(value)}"` : describeValue(value);
      return [{ ...base, code: 'unknown-value', message: `unknown ${field} ${shown}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, hint: `Allowed: ${options.join(', ')}.` }];
    }
    case 'invalid_type': {
      if (value === undefined) {
        if (path.length === 1) {
          const hint = path[0] === 'threatwright' ? 'Add `threatwright: 1` as the first line: it says which version of the format the file uses.' : `Add a ${code(String(path[0]))} section.`;
          return [{ ...base, code: 'missing-field', message: path[0] === 'threatwright' ? 'this is not a Threatwright model: `threatwright: 1` is missing' : `the model has no ${code(String(path[0]))} section`, hint }];
        }
        const parent = fullPath.slice(0, -1);
        return [{ ...base, code: 'missing-field', message: `${where(root, parent)} has no ${code(field)}`, hint: `Add ${code(`${field}: …`)}.` }];
      }
      const expected = EXPECTED[zi.expected] ?? zi.expected;
      let hint = 'Fix the value, or remove the key.';
      if (zi.expected === 'boolean') hint = typeof value === 'string' && /^(yes|no|y|n|on|off)$/i.test(value) ? 'Write true or false (YAML 1.2 reads yes/no/on/off as text). Leave the key out when it is not known.' : 'Write true or false; leave the key out when it is not known.';
      else if (zi.expected === 'array') hint = 'Write a list: `[A1, A2]`, or one `- A1` per line.';
      else if (zi.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) hint = 'Quote it to make it text.';
      return [{ ...base, code: 'wrong-type', message: `${code(field)} must be ${expected}, not ${describeValue(value)}`, hint }];
    }
    case 'invalid_format': {
      const shown = typeof value === 'string' ? `"${printable(value)}"` : describeValue(value);
      if (zi.format === 'date') return [{ ...base, code: 'invalid-format', message: `${code(field)} ${shown} is not a date`, hint: 'Write a date as YYYY-MM-DD, e.g. 2025-03-31.' }];
      return [{ ...base, code: field === 'id' ? 'invalid-id' : 'invalid-format', message: `${code(field)} ${shown} is not valid: ${zi.message}`, hint: field === 'id' ? 'Ids are like C1, A1, F1, B1; `@` is reserved for fingerprints of derived findings.' : 'Fix the value.' }];
    }
    case 'too_small':
    case 'too_big': {
      const bound = zi.code === 'too_small' ? zi.minimum : zi.maximum;
      if (zi.origin === 'string' && zi.code === 'too_small') return [{ ...base, code: 'empty-value', message: `${code(field)} is empty`, hint: 'Write a value, or remove the key.' }];
      if (zi.origin === 'number' || zi.origin === 'int') return [{ ...base, code: 'out-of-range', message: `${code(field)} must be ${zi.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)}, not ${describeValue(value)}`, hint: 'Fix the value.' }];
      return [{ ...base, code: 'out-of-range', message: `${code(field)} must have ${zi.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} ${zi.origin === 'array' ? 'items' : 'characters'}`, hint: 'Fix the value.' }];
    }
    case 'invalid_union': {
      // A branch whose problems are not "wrong type" at the top fits the value's type: report its problems.
      const misfit = (b: ZodIssue): boolean => b.path.length === 0 && (b.code === 'invalid_type' || (b.code === 'invalid_value' && !b.values.some((v) => typeof v === typeof value)));
      const fitting = zi.errors.find((branch) => branch.length > 0 && !branch.every(misfit));
      if (fitting) return fitting.flatMap((b) => convert(b, root, schema, [...fullPath, ...b.path]));
      const alternatives = zi.errors.map((branch) => {
        const b = branch[0];
        if (!b) return 'something else';
        if (b.code === 'invalid_type') return EXPECTED[b.expected] ?? b.expected;
        if (b.code === 'invalid_value') return `one of ${b.values.map(String).join(', ')}`;
        return b.message;
      });
      return [{ ...base, code: 'wrong-type', message: `${code(field)} must be ${[...new Set(alternatives)].join(' or ')}, not ${describeValue(value)}`, hint: 'Fix the value.' }];
    }
    default:
      return [{ ...base, message: `${code(field)}: ${zi.message}`, hint: 'Fix the value.' }];
  }
}
