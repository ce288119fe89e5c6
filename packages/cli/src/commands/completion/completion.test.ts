import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommandSpecs } from '../../main.js';
import { runCli } from '../../testing.js';
import { bashScript, fishScript } from './scripts.js';

const cwd = process.cwd();
let dir: string;
let bash: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tw-completion-'));
  bash = bashScript(await loadCommandSpecs());
  writeFileSync(path.join(dir, 'threatwright.bash'), bash);
  writeFileSync(path.join(dir, 'threatmodel.yaml'), '');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the bash completion function for a command line (the last word is being completed). */
function complete(words: string[]): string[] {
  const script = [
    `source ${JSON.stringify(path.join(dir, 'threatwright.bash'))}`,
    `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_threatwright',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-c', script], { cwd: dir, encoding: 'utf8' });
  if (r.error) throw r.error;
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean).sort();
}

const hasBash = spawnSync('bash', ['--version']).status === 0;

describe('threatwright completion', () => {
  it('prints a script for each shell', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await runCli(['completion', shell], { cwd });
      expect(r.code, shell).toBe(0);
      expect(r.stdout, shell).toContain('threatwright');
    }
    expect((await runCli(['completion', 'zsh'], { cwd })).stdout.split('\n')[0]).toBe('#compdef threatwright');
  });

  it('rejects an unknown shell with a suggestion', async () => {
    const r = await runCli(['completion', 'bsh'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('✖ unknown shell "bsh"\n    Did you mean bash? Choose one of: bash, zsh, fish.\n');
  });

  it.skipIf(!hasBash)('bash: is valid syntax', () => {
    expect(spawnSync('bash', ['-n', path.join(dir, 'threatwright.bash')]).status).toBe(0);
  });

  it.skipIf(!hasBash)('bash: completes command names', () => {
    expect(complete(['threatwright', 'va'])).toEqual(['validate']);
    expect(complete(['threatwright', 'in'])).toEqual(['init']);
  });

  it.skipIf(!hasBash)('bash: completes a command\'s options and the allowed values of an option', () => {
    expect(complete(['threatwright', 'validate', '--st'])).toEqual(['--strict']);
    expect(complete(['threatwright', 'validate', '--format', ''])).toEqual(['github', 'json', 'text']);
    expect(complete(['threatwright', 'init', '--f'])).toEqual(['--force']);
  });

  it.skipIf(!hasBash)('bash: completes file names for arguments', () => {
    expect(complete(['threatwright', 'validate', 'threat'])).toEqual(['threatmodel.yaml', 'threatwright.bash']);
  });

  it('fish: quotes descriptions so that quotes in them stay text', () => {
    const script = fishScript([{ name: 'x', group: 'Model', summary: "it's \\ here", options: {}, examples: [], exitCodes: {}, run: () => Promise.resolve(0) }]);
    expect(script).toContain("-a x -d 'it\\'s \\\\ here'");
  });
});
