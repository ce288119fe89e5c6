import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@threatwright/core';
import { runCli } from '../../testing.js';

const cwd = process.cwd();

describe('threatwright rules', () => {
  it('lists every rule with its category and title', async () => {
    const r = await runCli(['rules'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/csrf\s+spoofing\s+Cross-site request forgery/);
    expect(r.stdout).toContain(`${builtinRules.length} rules`);
  });
  it('lists rules as versioned JSON', async () => {
    const r = await runCli(['rules', '--format', 'json'], { cwd });
    const json = JSON.parse(r.stdout) as { version: number; rules: { id: string; mitigations: unknown[] }[] };
    expect(json.version).toBe(1);
    expect(json.rules.map((x) => x.id)).toEqual(builtinRules.map((x) => x.id));
  });
  it('shows one rule in full and suggests a close id for a typo', async () => {
    const r = await runCli(['rules', 'csrf'], { cwd });
    expect(r.stdout).toContain('CWE-352');
    expect(r.stdout).toContain('verification:');
    const typo = await runCli(['rules', 'csrff'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean csrf?');
  });
  it('lists the property catalogue and the taxonomy', async () => {
    expect((await runCli(['rules', '--properties'], { cwd })).stdout).toMatch(/csrf_protection\s+boolean/);
    const tax = JSON.parse((await runCli(['rules', '--taxonomy', '--format', 'json'], { cwd })).stdout) as { types: { name: string; capabilities: string[] }[] };
    expect(tax.types.find((t) => t.name === 'postgres')?.capabilities).toContain('sql-queryable');
  });
});

describe('threatwright rules --properties --model', () => {
  it('lists the properties a model declares after the catalogue, and marks them in JSON', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-rules-'));
    try {
      await writeFile(
        path.join(dir, 'threatmodel.yaml'),
        'threatwright: 1\nsystem: { name: Shop }\ntaxonomy:\n  properties:\n    reconciled: { type: boolean, description: Payments are reconciled daily., applies_to: [process] }\n    tier: { type: string, values: [gold, silver] }\n',
      );
      const text = await runCli(['rules', '--properties', '--model', '.'], { cwd: dir });
      expect(text.code).toBe(0);
      const own = text.stdout.slice(text.stdout.indexOf('Declared in threatmodel.yaml'));
      expect(own).toMatch(/reconciled\s+boolean\s+process\s+Payments are reconciled daily\./);
      expect(own).toMatch(/tier\s+string\s+process, datastore, external-entity, flow\s+\(gold, silver\)/);
      const json = JSON.parse((await runCli(['rules', '--properties', '--model', 'threatmodel.yaml', '--format', 'json'], { cwd: dir })).stdout) as { properties: { key: string; declared?: boolean; question: string }[] };
      expect(json.properties.filter((p) => p.declared).map((p) => p.key)).toEqual(['reconciled', 'tier']);
      expect(json.properties.find((p) => p.key === 'reconciled')?.question).toBe('Is "reconciled" true for {{subject}}? (Payments are reconciled daily.)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a model that does not load, and --model without --properties', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-rules-'));
    try {
      await writeFile(path.join(dir, 'threatmodel.yaml'), 'threatwright: 1\nsystem: { name: Shop }\ncomponents:\n  - { id: C1, name: Web, kind: process, properties: { rate_limiting: yes } }\n');
      const bad = await runCli(['rules', '--properties', '--model', 'threatmodel.yaml'], { cwd: dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('threatmodel.yaml does not load: ✖ C1: `rate_limiting` is the text "yes"');
      expect((await runCli(['rules', '--model', 'threatmodel.yaml'], { cwd: dir })).code).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
