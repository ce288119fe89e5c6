/**
 * The JSON Schema of the model file, generated from the zod schema (the single source of truth).
 * `npm run schema` writes it to schema/threatwright.schema.json; a test fails when the two drift.
 * Editors use it through a first line `# yaml-language-server: $schema=<url or path>`.
 */
import { z } from 'zod';
import { ModelSchema } from './schema.js';

export const MODEL_SCHEMA_ID = 'https://threatwright.dev/schema/threatwright.schema.json';

export function modelJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ModelSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any'}) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: MODEL_SCHEMA_ID,
    title: 'Threatwright threat model',
    ...rest,
  };
}

/** The exact text of the committed file: two-space indentation and a final newline. */
export function serializeJsonSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
