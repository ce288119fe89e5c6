/**
 * The JSON Schemas of model files, generated from the zod schema (the single source of truth).
 * `npm run schema` writes them to schema/; a test fails when they drift.
 * Editors use them through a first line `# yaml-language-server: $schema=<url or path>`.
 */
import { z } from 'zod';
import { FragmentSchema, ModelSchema } from './schema.js';

export const MODEL_SCHEMA_ID = 'https://threatwright.dev/schema/threatwright.schema.json';
export const INCLUDE_SCHEMA_ID = 'https://threatwright.dev/schema/threatwright-include.schema.json';

/** Sections only the root file may hold (the loader reports them in an included file). */
const ROOT_ONLY = { threatwright: true, system: true, questions: true } as const;

function generate(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
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
