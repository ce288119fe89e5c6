import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../taxonomy/properties.js';
import { lines, load, model } from '../test-helpers.js';

/** C1 (external) → F1 → C2 (process) → F2 → C3 (data store), all carrying A1; `props` go under C2. */
const shop = (props: string, extra = ''): string =>
  model(`components:
  - { id: C1, name: Browser, kind: external-entity }
  - id: C2
    name: Web app
    kind: process
    properties:
${props
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
  - { id: C3, name: Orders, kind: datastore }
assets:
  - { id: A1, name: Session }
flows:
  - { id: F1, from: C1, to: C2, data: [A1] }
  - { id: F2, from: C2, to: C3, data: [A1] }
${extra}`);
// The first property of C2 is on line 9, at column 7.

const issuesOf = (text: string) => load(text).issues;

describe('property keys', () => {
  it('warns about an unknown key at the key, with the closest known one, and still loads the model', () => {
    const r = load(shop('csrf_protecton: true'));
    expect(lines(r.issues)).toEqual(['⚠ C2: unknown property `csrf_protecton`: no rule reads it  → threatmodel.yaml:9:7']);
    expect(r.issues[0]).toMatchObject({ code: 'unknown-property', severity: 'warning', path: ['components', 1, 'properties', 'csrf_protecton'], subject: 'C2' });
    expect(r.issues[0]?.hint).toMatch(/^Did you mean `csrf_protection`\? /);
    expect(r.issues[0]?.hint).toContain('declared under `taxonomy.properties`, e.g. `csrf_protecton: { type: boolean, description: … }`');
    expect(r.model).toBeDefined();
  });

  it('says where the known keys are listed when none is close', () => {
    const [issue] = issuesOf(shop('favourite_colour: blue'));
    expect(issue?.hint).toBe('Known keys: `threatwright rules --properties`. A property of your own is declared under `taxonomy.properties`, e.g. `favourite_colour: { type: string, description: … }`.');
  });

  it('knows every key of the catalogue, and the flow fields under their own names only', () => {
    const all = [...PROPERTIES.values()].filter((p) => p.appliesTo.includes('process'));
    const text = shop(all.map((p) => `${p.key}: ${p.type === 'boolean' ? 'true' : (p.values?.[0] ?? 'eu')}`).join('\n'));
    expect(issuesOf(text)).toEqual([]);
  });

  it('checks flows too: an unknown key, a flow field written as a property, a component property on a flow', () => {
    const text = model(`components:
  - { id: C1, name: Browser, kind: external-entity }
  - { id: C2, name: Web app, kind: process }
assets:
  - { id: A1, name: Session }
flows:
  - id: F1
    from: C1
    to: C2
    data: [A1]
    properties: { encrypted: true, csrf_protection: true, ratelimiting: true, rate_limiting: true }
`);
    const r = load(text);
    expect(lines(r.issues)).toEqual([
      '⚠ F1: `encrypted` is a field of a flow, not one of its properties  → threatmodel.yaml:13:19',
      '⚠ F1: `csrf_protection` is a property of processes, not of a flow: no rule reads it here  → threatmodel.yaml:13:36',
      '⚠ F1: unknown property `ratelimiting`: no rule reads it  → threatmodel.yaml:13:59',
    ]);
    expect(r.issues[0]?.hint).toBe('Write `encrypted: true` beside `from:` and `to:`, and remove it from `properties:`.');
    expect(r.issues[2]?.hint).toMatch(/^Did you mean `rate_limiting`\?/);
  });

  it('warns about a flow property on a component, and notes a property of another kind of component', () => {
    const r = load(shop('via_bastion: true\nencrypted_at_rest: true'));
    expect(lines(r.issues)).toEqual([
      '⚠ C2: `via_bastion` is a property of flows, not of a process: no rule reads it here  → threatmodel.yaml:9:7',
      'ℹ C2: `encrypted_at_rest` is a property of data stores, not of a process  → threatmodel.yaml:10:7',
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['property-not-applicable', 'property-not-applicable']);
    expect(r.issues[1]?.hint).toBe('Rules look for it on data stores: state it on the element it describes, unless the analysis asks about it here.');
  });

  it('reports the same slip on thousands of elements, each with its suggestion', () => {
    const components = Array.from({ length: 3000 }, (_, i) => `  - { id: C${i}, name: N${i}, kind: process, properties: { csrf_protecton: true, rate_limitng: false, mfa: true } }`).join('\n');
    const started = performance.now();
    const r = load(model(`components:\n${components}\n`));
    const took = performance.now() - started;
    expect(r.issues.filter((i) => i.code === 'unknown-property')).toHaveLength(6000);
    expect(r.issues.find((i) => i.path[3] === 'rate_limitng')?.hint).toMatch(/^Did you mean `rate_limiting`\?/);
    expect(took).toBeLessThan(5000);
  });
});

describe('property values', () => {
  it('refuses a value of the wrong type, so that it is never read as a fact', () => {
    const r = load(shop('rate_limiting: yes'));
    expect(r.model).toBeUndefined();
    expect(lines(r.issues)).toEqual(['✖ C2: `rate_limiting` is the text "yes": expected true or false, e.g. `rate_limiting: true`  → threatmodel.yaml:9:22']);
    expect(r.issues[0]).toMatchObject({ code: 'wrong-property-type', severity: 'error', path: ['components', 1, 'properties', 'rate_limiting'] });
    expect(r.issues[0]?.hint).toBe('YAML 1.2 reads yes as text: write true or false. Leave the key out when it is not known: the analysis asks instead.');
  });

  it('gives the safe value as the example, and explains quotes', () => {
    expect(lines(issuesOf(shop('verbose_errors: 0')))).toEqual(['✖ C2: `verbose_errors` is the number 0: expected true or false, e.g. `verbose_errors: false`  → threatmodel.yaml:9:23']);
    expect(issuesOf(shop('mfa: "true"'))[0]?.hint).toMatch(/^Remove the quotes: a quoted value is text\./);
    expect(lines(issuesOf(shop('region: 42')))).toEqual(['✖ C2: `region` is the number 42: expected text, e.g. `region: "…"`  → threatmodel.yaml:9:15']);
    expect(issuesOf(shop('region: 42'))[0]?.hint).toMatch(/^Quote it to make it text\./);
  });

  it('refuses a value outside the property\'s list, with the closest one', () => {
    const r = load(shop('data_sensitivity: confidental\npassword_hashing: md4'));
    expect(lines(r.issues)).toEqual([
      '✖ C2: `data_sensitivity` is the text "confidental": expected one of public, internal, confidential, restricted or secret  → threatmodel.yaml:9:25',
      '✖ C2: `password_hashing` is the text "md4": expected one of argon2id, argon2, bcrypt, scrypt, pbkdf2, sha512, sha256, sha1, md5, encrypted or plaintext  → threatmodel.yaml:10:25',
    ]);
    expect(r.issues[0]?.hint).toMatch(/^Did you mean `data_sensitivity: confidential`\?/);
    expect(r.issues[0]?.code).toBe('unknown-property-value');
  });

  it('accepts the weak hashes people state, so the rule can report them', () => {
    for (const v of ['md5', 'sha1', 'argon2id', 'plaintext']) expect(issuesOf(shop(`password_hashing: ${v}`))).toEqual([]);
  });
});

describe('properties of the model\'s own', () => {
  const declared = (declarations: string) => `taxonomy:\n  properties:\n${declarations}`;

  it('knows a declared key and checks its type and values', () => {
    const taxonomy = declared('    reconciled: { type: boolean, description: Payments are reconciled daily. }\n    tier: { type: string, values: [gold, silver] }\n    max_upload_mb: { type: number }\n');
    expect(issuesOf(shop('reconciled: true\ntier: gold\nmax_upload_mb: 10', taxonomy))).toEqual([]);
    expect(lines(issuesOf(shop('reconciled: "no"\ntier: golden\nmax_upload_mb: ten', taxonomy)))).toEqual([
      '✖ C2: `reconciled` is the text "no": expected true or false, e.g. `reconciled: true`  → threatmodel.yaml:9:19',
      '✖ C2: `tier` is the text "golden": expected one of gold or silver  → threatmodel.yaml:10:13',
      '✖ C2: `max_upload_mb` is the text "ten": expected a number, e.g. `max_upload_mb: 3`  → threatmodel.yaml:11:22',
    ]);
  });

  it('checks where a declared property applies', () => {
    const taxonomy = declared('    reconciled: { type: boolean, applies_to: [flow] }\n');
    expect(lines(issuesOf(shop('reconciled: true', taxonomy)))).toEqual(['⚠ C2: `reconciled` is a property of flows, not of a process: no rule reads it here  → threatmodel.yaml:9:7']);
  });

  it('warns about a declaration of a catalogued key, which changes nothing', () => {
    const r = load(shop('rate_limiting: true', declared('    rate_limiting: { type: string }\n')));
    expect(lines(r.issues)).toEqual(['⚠ rate_limiting: `rate_limiting` is in the property catalogue: its declaration here is ignored  → threatmodel.yaml:18:5']);
  });

  it('refuses values listed for a property that is not text', () => {
    expect(lines(issuesOf(shop('tier: 1', declared('    tier: { type: number, values: [one] }\n'))))).toEqual(['✖ `values`: only a string property lists its values; this one is a number  → threatmodel.yaml:18:35']);
  });

  it('knows the keys custom rules read, and warns about a rule key that looks like a slip', () => {
    const rules = `rules:
  custom:
    - id: reconciliation
      title: Payments not reconciled
      category: repudiation
      applies_to: component
      when: { all: [{ lacks: reconciled }, { property: tier, equals: gold }, { not: { lacks: csrf_protecton } }] }
      message: "{{element}} is not reconciled."
`;
    const r = load(shop('reconciled: false\ntier: gold', rules));
    expect(lines(r.issues)).toEqual(['⚠ reconciliation: custom rule reads `csrf_protecton`, which no element can state as a known property; did you mean `csrf_protection`?  → threatmodel.yaml:23:13']);
    expect(r.issues[0]?.hint).toContain('declare it under `taxonomy.properties`');
  });
});
