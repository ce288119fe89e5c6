/**
 * A property value of the wrong type is never read as a fact: before the loader checked the
 * catalogue, `rate_limiting: yes` (the text "yes") confirmed `unthrottled-endpoint`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-values-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const shop = (rateLimiting: string) => `threatwright: 1
system: { name: Shop }
boundaries:
  - { id: B1, name: Internet, trust: untrusted }
components:
  - { id: C1, name: Browser, kind: external-entity, boundary: B1 }
  - id: C2
    name: Web app
    kind: process
    type: web-app
    properties: { internet_facing: true, rate_limiting: ${rateLimiting} }
assets:
  - { id: A1, name: Session }
flows:
  - { id: F1, from: C1, to: C2, protocol: https, data: [A1] }
`;

async function analyzeJson(rateLimiting: string) {
  await writeFile(path.join(dir, 'threatmodel.yaml'), shop(rateLimiting));
  return runCli(['analyze', '--format', 'json'], { cwd: dir });
}

describe('a property value of the wrong type', () => {
  it('is refused by analyze with the error, so it confirms nothing', async () => {
    const r = await analyzeJson('yes');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { valid: boolean; threats?: unknown; issues: { code: string; message: string; location: { line: number } }[] };
    expect(out.valid).toBe(false);
    expect(out.threats).toBeUndefined();
    expect(out.issues).toMatchObject([{ code: 'wrong-property-type', message: '`rate_limiting` is the text "yes": expected true or false, e.g. `rate_limiting: true`', location: { line: 11 } }]);
  });

  it('where false states the gap and true closes it', async () => {
    const stated = await analyzeJson('false');
    expect(stated.code).toBe(0);
    const threats = (JSON.parse(stated.stdout) as { threats: { ruleId?: string; elements: string[]; confidence?: string }[] }).threats;
    expect(threats.find((t) => t.ruleId === 'unthrottled-endpoint')).toMatchObject({ elements: ['C2'], confidence: 'confirmed' });
    const closed = await analyzeJson('true');
    expect((JSON.parse(closed.stdout) as { threats: { ruleId?: string }[] }).threats.some((t) => t.ruleId === 'unthrottled-endpoint')).toBe(false);
  });
});
