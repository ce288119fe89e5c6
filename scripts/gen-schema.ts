/**
 * Writes schema/threatwright.schema.json (a model) and schema/threatwright-include.schema.json
 * (an included file) from the zod model schema: `npm run schema`.
 * A test (packages/core/src/model/json-schema.test.ts) fails when the committed files drift.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { includeJsonSchema, modelJsonSchema, serializeJsonSchema } from '@threatwright/core';

for (const [name, schema] of [
  ['threatwright.schema.json', modelJsonSchema()],
  ['threatwright-include.schema.json', includeJsonSchema()],
] as const) {
  writeFileSync(fileURLToPath(new URL(`../schema/${name}`, import.meta.url)), serializeJsonSchema(schema));
  console.log(`wrote schema/${name}`);
}
