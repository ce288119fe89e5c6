/** Every fuzz target: each file in fuzz/targets/ exports `targets`. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, type FuzzTarget } from './harness.js';

export async function allTargets(): Promise<FuzzTarget<unknown>[]> {
  const dir = path.join(ROOT, 'fuzz', 'targets');
  const out: FuzzTarget<unknown>[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')).sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { targets?: FuzzTarget<unknown>[] };
    for (const t of mod.targets ?? []) out.push(t);
  }
  return out;
}
