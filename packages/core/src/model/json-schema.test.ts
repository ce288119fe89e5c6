import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadModel } from '../load/index.js';
import { includeJsonSchema, modelJsonSchema, serializeJsonSchema } from './json-schema.js';

const repo = new URL('../../../../', import.meta.url);
const committedUrl = new URL('schema/threatwright.schema.json', repo);
const fixtures = new URL('../../test/fixtures/', import.meta.url);

function yamlFiles(dir: URL): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];
}

function validator(file = committedUrl) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
}
const includeUrl = new URL('schema/threatwright-include.schema.json', repo);

describe('the committed JSON Schema', () => {
  it('matches the zod schema (run `npm run schema` after changing model/schema.ts)', () => {
    expect(readFileSync(committedUrl, 'utf8')).toBe(serializeJsonSchema(modelJsonSchema()));
    expect(readFileSync(includeUrl, 'utf8')).toBe(serializeJsonSchema(includeJsonSchema()));
  });

  it('has a schema for included files that allows no root-only section', () => {
    const validate = validator(includeUrl);
    const part = readFileSync(new URL('includes/teams/web.yaml', fixtures), 'utf8');
    expect(validate(parse(part))).toBe(true);
    expect(validate({ ...(parse(part) as object), system: { name: 'Shop' } })).toBe(false);
    expect(validator()(parse(readFileSync(new URL('includes/threatmodel.yaml', fixtures), 'utf8')))).toBe(true);
  });

  it('is a draft 2020-12 schema with an id, a title and the descriptions editors show', () => {
    const schema = modelJsonSchema() as { $schema: string; $id: string; title: string; properties: Record<string, { description?: string }> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/threatwright\.schema\.json$/);
    expect(schema.title).toBe('Threatwright threat model');
    expect(schema.properties['system']?.description).toMatch(/What are we working on/);
  });

  it('lists the property catalogue for editors, and still allows keys of the model\'s own', () => {
    type Props = { properties: Record<string, { type: string; enum?: string[]; description: string }>; additionalProperties: unknown };
    const schema = modelJsonSchema() as { properties: Record<string, { items: { properties: { properties: Props } } }> };
    const component = schema.properties['components']?.items.properties.properties;
    const flow = schema.properties['flows']?.items.properties.properties;
    expect(component?.properties['csrf_protection']).toEqual({ type: 'boolean', description: 'State-changing requests carry an anti-CSRF token or rely on SameSite cookies. Applies to processes. Safe value: true.' });
    expect(component?.properties['data_sensitivity']?.enum).toEqual(['public', 'internal', 'confidential', 'restricted', 'secret']);
    expect(component?.properties['internet_facing']?.description).toContain('true gives the element the capability internet-facing.');
    expect(Object.keys(component?.properties ?? {})).not.toContain('via_bastion');
    expect(Object.keys(flow?.properties ?? {})).toEqual(expect.arrayContaining(['rate_limiting', 'via_bastion']));
    expect(Object.keys(flow?.properties ?? {})).not.toContain('encrypted'); // a field of the flow, not a property
    expect(component?.additionalProperties).toEqual({ type: ['boolean', 'string', 'number'] });

    const validate = validator();
    const model = (properties: Record<string, unknown>) => ({ threatwright: 1, system: { name: 'Shop' }, components: [{ id: 'C1', name: 'Web', kind: 'process', properties }] });
    expect(validate(model({ csrf_protection: true, data_sensitivity: 'secret', reconciled: 'daily' }))).toBe(true);
    expect(validate(model({ rate_limiting: 'yes' }))).toBe(false);
    expect(validate(model({ password_hashing: 'md4' }))).toBe(false);
    expect(validate(model({ reconciled: ['daily'] }))).toBe(false);
  });

  it('accepts the valid fixtures', () => {
    const validate = validator();
    const files = yamlFiles(new URL('valid/', fixtures));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const ok = validate(parse(readFileSync(new URL(`valid/${f}`, fixtures), 'utf8')));
      expect({ file: f, ok, errors: validate.errors ?? null }).toEqual({ file: f, ok: true, errors: null });
    }
  });

  const examples = new URL('examples/', repo);
  const exampleModels = existsSync(examples) ? readdirSync(examples).filter((d) => existsSync(new URL(`${d}/threatmodel.yaml`, examples))) : [];
  it.skipIf(exampleModels.length === 0)('accepts every bundled example (examples/*/threatmodel.yaml)', () => {
    const validate = validator();
    for (const d of exampleModels) {
      const ok = validate(parse(readFileSync(new URL(`${d}/threatmodel.yaml`, examples), 'utf8')));
      expect({ example: d, ok, errors: validate.errors ?? null }).toEqual({ example: d, ok: true, errors: null });
    }
  });

  it('rejects each fixture with a schema error, as the loader does', () => {
    const validate = validator();
    const files = yamlFiles(new URL('broken/schema/', fixtures));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const text = readFileSync(new URL(`broken/schema/${f}`, fixtures), 'utf8');
      expect({ file: f, jsonSchema: validate(parse(text)) }).toEqual({ file: f, jsonSchema: false });
      expect(loadModel({ file: f, text }).issues.map((i) => i.severity)).toContain('error');
    }
  });

  it('leaves cross-references to the loader: semantic fixtures pass the JSON Schema but not the loader', () => {
    const validate = validator();
    for (const f of yamlFiles(new URL('broken/semantic/', fixtures))) {
      const text = readFileSync(new URL(`broken/semantic/${f}`, fixtures), 'utf8');
      expect({ file: f, jsonSchema: validate(parse(text)) }).toEqual({ file: f, jsonSchema: true });
      expect({ file: f, loaded: loadModel({ file: f, text }).model !== undefined }).toEqual({ file: f, loaded: false });
    }
  });
});
