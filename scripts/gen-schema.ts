/**
 * Writes schema/threatwright.schema.json from the zod model schema: `npm run schema`.
 * A test (packages/core/src/model/json-schema.test.ts) fails when the committed file drifts.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modelJsonSchema, serializeJsonSchema } from '@threatwright/core';

const target = fileURLToPath(new URL('../schema/threatwright.schema.json', import.meta.url));
writeFileSync(target, serializeJsonSchema(modelJsonSchema()));
console.log('wrote schema/threatwright.schema.json');
