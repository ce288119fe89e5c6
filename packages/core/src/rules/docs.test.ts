import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from './docs.js';
import { builtinRules } from './index.js';

const dir = path.resolve(import.meta.dirname, '../../../../docs/rules');

describe('docs/rules', () => {
  const expected = ruleCatalogue(builtinRules);
  it('has exactly one page per rule plus the index (regenerate with `npm run docs:rules`)', () => {
    expect(readdirSync(dir).sort()).toEqual([...expected.keys()].sort());
  });
  it('is up to date with the rule metadata (regenerate with `npm run docs:rules`)', () => {
    const stale = [...expected].filter(([name, text]) => readFileSync(path.join(dir, name), 'utf8') !== text).map(([name]) => name);
    expect(stale).toEqual([]);
  });
  it('links each reference to its source', () => {
    const page = expected.get('csrf.md') ?? '';
    expect(page).toContain('[CWE-352](https://cwe.mitre.org/data/definitions/352.html)');
    expect(page).toContain('- **Verification:**');
  });
});
