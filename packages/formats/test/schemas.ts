/** Validation against the official schemas kept in the corpus (ajv, draft-07). */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { corpusJson } from './corpus.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Returns ajv's error messages for `document` against the schema at `schemaPath` (relative to the corpus). */
export function schemaErrors(schemaPath: string, document: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(corpusJson(schemaPath) as object);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
