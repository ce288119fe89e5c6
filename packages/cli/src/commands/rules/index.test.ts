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
