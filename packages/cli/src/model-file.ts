import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel, type LoadResult } from '@threatwright/core';
import { UserError } from './errors.js';

/** Reads a model file (and its includes) from disk and loads it. Missing files are user errors. */
export async function loadModelFile(file: string, cwd: string): Promise<LoadResult> {
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch {
    throw new UserError(`cannot read ${file}: no such file`, undefined, 'Give the path of a model file, or run `threatwright init` to create one.');
  }
  return loadModel(
    { file: path.relative(cwd, abs) || file, text },
    {
      readFile: (p, from) => {
        const target = path.resolve(path.dirname(path.resolve(cwd, from)), p);
        try {
          return { file: path.relative(cwd, target), text: readFileSync(target, 'utf8') };
        } catch {
          return undefined;
        }
      },
    },
  );
}
