import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { adversarialModel, HOSTILE } from '../../test/fixtures/adversarial.js';
import { dataFor, dataForModel, SHOP_BASELINE, shopData, shopWithBaseline } from '../../test/fixtures/data.js';
import { allModelFiles } from '../../test/fixtures/models.js';
import { parseCsv } from '../../test/csv-parse.js';
import { CSV_COLUMNS, FINGERPRINT_KEY, toCsv, toJson, toSarif } from './index.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS; its default export is the function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function sarifValidator() {
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // The official schema is draft-04: its root `id` is draft-07's `$id`; nothing else differs for Ajv.
  const { id, $schema: _draft, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: String(id), ...schema });
}
const validateSarif = sarifValidator();

describe('CSV', () => {
  it('has exactly the agreed columns, one row per threat, highest risk first', () => {
    const rows = parseCsv(toCsv(shopData()));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['csrf@C2', 'T1', 'unencrypted-flow@F3', 'T2']);
    const t1 = rows.find((r) => r[0] === 'T1') ?? [];
    expect(t1).toEqual(['T1', 'Login (F1); Web app (C2)', 'Credential stuffing against the login', '', '4', '4', '16', 'R1: Rate-limit and add MFA to the login', 'Ada Lovelace', '2026-12-15', '2026-09-01', 'open', 'confirmed', 'P0', 'critical', 'open', 'spoofing', '', '', '', '']);
  });

  it('says for each derived threat its category, why it was found, what closes it and its CWE and CAPEC entries', () => {
    const rows = parseCsv(toCsv(shopData()));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const csrf = rows.find((r) => r[0] === 'csrf@C2') ?? [];
    expect(csrf[col('category')]).toBe('tampering');
    expect(csrf[col('why')]).toBe('Web app (C2) is web-application (type web-app); C2 csrf_protection: false');
    expect(csrf[col('closes_when')]).toBe('C2 csrf_protection: true');
    expect(csrf[col('cwe')]).toBe('CWE-352');
    expect(csrf[col('capec')]).toBe('CAPEC-62');
    expect(csrf[col('priority')]).toBe('P0');
    expect(csrf[col('band')]).toBe('critical');
  });

  it('keeps baseline entries as rows, told apart by the confidence column', () => {
    const rows = parseCsv(toCsv(shopWithBaseline()));
    const confidence = CSV_COLUMNS.indexOf('confidence');
    expect(rows.find((r) => r[0] === SHOP_BASELINE.id)?.[confidence]).toBe('baseline');
    expect(rows.find((r) => r[0] === 'csrf@C2')?.[confidence]).toBe('confirmed');
  });

  it('neutralises formulas and keeps every hostile string in its own cell', () => {
    const rows = parseCsv(toCsv(dataForModel(adversarialModel())));
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(rows.length).toBeGreaterThan(HOSTILE.length);
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/u);
    expect(rows.some((r) => r[2] === `'=HYPERLINK("https://evil.example","x")`)).toBe(true);
  });
});

describe('JSON', () => {
  it('is versioned and deterministic', () => {
    const a = toJson(shopData());
    expect(toJson(shopData())).toBe(a);
    const parsed = JSON.parse(a) as { version: number; threats: { id: string; band: string }[]; summary: { posture: { open: Record<string, number> } } };
    expect(parsed.version).toBe(2);
    expect(parsed.threats.map((t) => t.id)).toEqual(['csrf@C2', 'T1', 'unencrypted-flow@F3', 'T2']);
    expect(parsed.summary.posture.open).toEqual({ critical: 2, high: 1, medium: 0, low: 0, unrated: 0, total: 3 });
  });

  it('keeps baseline entries with their confidence and counts them apart', () => {
    const parsed = JSON.parse(toJson(shopWithBaseline())) as { threats: { id: string; confidence: string }[]; summary: { open: number; baseline: number } };
    expect(parsed.threats.find((t) => t.id === SHOP_BASELINE.id)?.confidence).toBe('baseline');
    expect(parsed.threats.find((t) => t.id === 'csrf@C2')?.confidence).toBe('confirmed');
    expect(parsed.summary).toMatchObject({ open: 3, baseline: 1 });
  });
});

describe('JSON references and reasons', () => {
  it('gives each derived threat its facts, what closes it and its rule\'s CWE and CAPEC entries', () => {
    const parsed = JSON.parse(toJson(shopData())) as { threats: { id: string; facts: string[]; closesWhen: string[]; cwe: string[]; capec: string[] }[] };
    expect(parsed.threats.find((t) => t.id === 'csrf@C2')).toMatchObject({ facts: ['Web app (C2) is web-application (type web-app)', 'C2 csrf_protection: false'], closesWhen: ['C2 csrf_protection: true'], cwe: ['CWE-352'], capec: ['CAPEC-62'] });
    expect(parsed.threats.find((t) => t.id === 'T1')).toMatchObject({ facts: [], closesWhen: [], cwe: [], capec: [] });
  });

  it('takes them from the real analysis: every derived threat of an example carries its rule\'s references', () => {
    const file = allModelFiles().find(([name]) => name.includes('web-login'))?.[1] ?? '';
    const parsed = JSON.parse(toJson(dataFor(file))) as { threats: { id: string; source: string; confidence: string; facts: string[]; closesWhen: string[]; cwe: string[]; capec: string[] }[] };
    const derived = parsed.threats.filter((t) => t.source === 'derived' && t.confidence !== 'baseline');
    expect(derived.length).toBeGreaterThan(10);
    expect(derived.every((t) => t.facts.length > 0)).toBe(true);
    expect(derived.filter((t) => t.cwe.length + t.capec.length > 0).length).toBe(derived.length);
    expect(parsed.threats.find((t) => t.id === 'csrf@C2')).toMatchObject({ cwe: expect.arrayContaining(['CWE-352']) as unknown, closesWhen: ['C2 csrf_protection: true'] });
  });
});

describe('SARIF', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const log: unknown = JSON.parse(toSarif(shopData()));
    const ok = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('carries rule metadata, severity, stable partial fingerprints and model-file line locations', () => {
    const data = shopData();
    const log = JSON.parse(toSarif(data)) as {
      runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } }; results: { ruleId: string; level: string; message: { text: string }; properties: Record<string, unknown>; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[];
    };
    const run = log.runs[0];
    const csrf = run?.results.find((r) => r.ruleId === 'csrf');
    expect(csrf?.level).toBe('error');
    expect(csrf?.partialFingerprints[FINGERPRINT_KEY]).toBe('csrf@C2');
    const rule = run?.tool.driver.rules.find((r) => r.id === 'csrf');
    expect(rule?.properties['security-severity']).toBe('9.5');
    expect(rule?.properties['tags']).toContain('CWE-352');
    expect(rule?.properties['tags']).toContain('CAPEC-62');
    expect(csrf?.message.text).toContain('Why: Web app (C2) is web-application (type web-app); C2 csrf_protection: false. Closes when: C2 csrf_protection: true.');
    expect(csrf?.properties).toMatchObject({ facts: ['Web app (C2) is web-application (type web-app)', 'C2 csrf_protection: false'], closesWhen: ['C2 csrf_protection: true'] });
    // The location is the line declaring C2 in the model file.
    const lines = data.text.split('\n');
    const line = csrf?.locations[0]?.physicalLocation.region?.startLine ?? 0;
    expect(lines[line - 1]).toContain('id: C2');
    expect(csrf?.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/shop\.yaml$/u);
    // A manual threat points at its own entry; a mitigated threat is left out (its alert closes).
    const t1 = run?.results.find((r) => r.ruleId === 'threat/T1');
    expect(lines[(t1?.locations[0]?.physicalLocation.region?.startLine ?? 0) - 1]).toContain('id: T1');
    expect(run?.results.some((r) => r.ruleId === 'threat/T2')).toBe(false);
  });

  it('reports a baseline entry as a note, whatever its band; a finding keeps its level', () => {
    const log = JSON.parse(toSarif(shopWithBaseline())) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string }; properties: { tags: string[] } }[] } }; results: { ruleId: string; level: string; message: { text: string }; properties: { confidence: string } }[] }[] };
    expect(validateSarif(log)).toBe(true);
    const run = log.runs[0];
    const entry = run?.results.find((r) => r.ruleId === 'baseline-repudiation');
    expect(entry).toMatchObject({ level: 'note', properties: { confidence: 'baseline' } });
    expect(entry?.message.text).toContain('Baseline question: Does Web app (C2) write security and admin events to an audit log?');
    expect(run?.tool.driver.rules.find((r) => r.id === 'baseline-repudiation')).toMatchObject({ defaultConfiguration: { level: 'note' }, properties: { tags: expect.arrayContaining(['baseline']) as unknown } });
    expect(run?.results.find((r) => r.ruleId === 'csrf')).toMatchObject({ level: 'error', properties: { confidence: 'confirmed' } });
  });

  it('stays valid with hostile text', () => {
    expect(validateSarif(JSON.parse(toSarif(dataForModel(adversarialModel()))))).toBe(true);
  });
});

describe('every example', () => {
  it.each(allModelFiles())('%s gives valid CSV, JSON and SARIF', (_name, file) => {
    const data = dataFor(file);
    const rows = parseCsv(toCsv(data));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect((JSON.parse(toJson(data)) as { version: number }).version).toBe(2);
    expect(validateSarif(JSON.parse(toSarif(data)))).toBe(true);
  });
});
