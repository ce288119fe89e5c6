import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { cliReference } from './docs.js';
import { commands } from './commands/index.js';
import { EXIT_CODE_MEANING } from './exit-codes.js';
import { loadCommandSpecs } from './main.js';
import { runCli } from './testing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('documentation', () => {
  it('docs/cli.md is generated from the command specs (after changing a command: npm run docs:cli)', async () => {
    const specs = await loadCommandSpecs();
    expect(specs.map((s) => s.name).sort()).toEqual(Object.keys(commands).sort());
    await expect(cliReference(specs)).toMatchFileSnapshot(path.join(root, 'docs/cli.md'));
  });

  it('the README lists every exit code of exit-codes.ts', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const code of Object.keys(EXIT_CODE_MEANING)) expect(readme, `exit code ${code}`).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it('the README\'s annotated example is a model that loads with no errors and no warnings', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The model file'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml).toBeDefined();
    const result = loadModel({ file: 'README.md', text: yaml ?? '' }, { now: new Date(Date.UTC(2026, 10, 15)), readFile: () => undefined });
    expect(result.issues).toEqual([]);
    expect(result.model?.flows?.length).toBe(2);
  });

  it('the README\'s quick-start output is what `analyze` prints on the bundled example, line for line', async () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const sample = /\n```\n(Shopfront accounts[\s\S]*?)```/.exec(readme)?.[1];
    expect(sample).toBeDefined();
    const { code, stdout } = await runCli(['analyze', 'examples/web-login/threatmodel.yaml'], { cwd: root });
    expect(code).toBe(0);
    const printed = stdout.split('\n');
    for (const line of (sample ?? '').split('\n')) {
      if (line.trim() === '' || line.trim() === '…') continue;
      // A line the README shortens with "…" matches the printed line it starts.
      const shown = line.endsWith(' …') ? line.slice(0, -2) : line;
      expect(printed.some((p) => (line.endsWith(' …') ? p.startsWith(shown) : p === shown)), line).toBe(true);
    }
  });

  it('the README lists every command', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const name of Object.keys(commands)) expect(readme, `threatwright ${name}`).toMatch(new RegExp(`^\\| \`threatwright ${name}\``, 'm'));
  });
});
