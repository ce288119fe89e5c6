/**
 * The JSON Schemas of model files, generated from the zod schema (the single source of truth).
 * `npm run schema` writes them to schema/; a test fails when they drift.
 * Editors use them through a first line `# yaml-language-server: $schema=<url or path>`.
 */
import { z } from 'zod';
import { PROPERTIES, type ElementKindName, type PropertySpec } from '../taxonomy/properties.js';
import { ComponentPropertiesSchema, FlowPropertiesSchema, FragmentSchema, ModelSchema } from './schema.js';

export const MODEL_SCHEMA_ID = 'https://threatwright.dev/schema/threatwright.schema.json';
export const INCLUDE_SCHEMA_ID = 'https://threatwright.dev/schema/threatwright-include.schema.json';

/** Sections only the root file may hold (the loader reports them in an included file). */
const ROOT_ONLY = { threatwright: true, system: true, questions: true } as const;

const KIND_WORDS: Record<ElementKindName, string> = { process: 'processes', datastore: 'data stores', 'external-entity': 'external entities', flow: 'flows' };

/** One catalogue entry as an editor shows it: its type, its values, and what it means, where it applies and its safe value. */
function propertyJsonSchema(spec: PropertySpec): Record<string, unknown> {
  const notes = [`Applies to ${spec.appliesTo.map((k) => KIND_WORDS[k]).join(', ')}.`];
  if (spec.safe !== undefined) notes.push(`Safe value: ${String(spec.safe)}.`);
  if (spec.capability !== undefined) notes.push(`true gives the element the capability ${spec.capability}.`);
  return { type: spec.type, ...(spec.values ? { enum: [...spec.values] } : {}), description: `${spec.description} ${notes.join(' ')}` };
}

/**
 * The catalogue's keys for a section's `properties:` (sorted, so the file reads like a reference),
 * any other key still allowed: custom ones are declared in the model, which the loader checks.
 * A flow's own fields (`encrypted`, …) are left out: they are written beside `from:` and `to:`.
 */
function catalogue(kinds: readonly ElementKindName[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const specs = [...PROPERTIES.values()].filter((p) => p.field === undefined && p.appliesTo.some((k) => kinds.includes(k))).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const spec of specs) out[spec.key] = propertyJsonSchema(spec);
  return out;
}

function generate(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const kinds: readonly ElementKindName[] | undefined = zodSchema === ComponentPropertiesSchema ? ['process', 'datastore', 'external-entity'] : zodSchema === FlowPropertiesSchema ? ['flow'] : undefined;
      if (kinds) (jsonSchema as Record<string, unknown>)['properties'] = catalogue(kinds);
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: id, title, ...rest };
}

/** schema/threatwright.schema.json: a root model file. */
export function modelJsonSchema(): Record<string, unknown> {
  return generate(ModelSchema, MODEL_SCHEMA_ID, 'Threatwright threat model');
}

/** schema/threatwright-include.schema.json: a file listed in another file's `include:`. */
export function includeJsonSchema(): Record<string, unknown> {
  return generate(FragmentSchema.omit(ROOT_ONLY).describe('Part of a Threatwright threat model, included from the root file with `include:`.'), INCLUDE_SCHEMA_ID, 'Threatwright threat model (included file)');
}

/** The exact text of the committed file: two-space indentation and a final newline. */
export function serializeJsonSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
