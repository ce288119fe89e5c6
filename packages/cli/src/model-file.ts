import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { loadModel, type LoadResult, type SourceInput } from '@threatwright/core';
import { includeReader, readRegularFile } from '@threatwright/server/model-files';
import { UserError } from './errors.js';

export interface LoadModelFileOptions {
  /** "Today" for review and expiry checks; defaults to now. */
  now?: Date;
}

const NOT_A_MODEL_HINT = 'Give the path of a model file, or run `threatwright init` to create one.';

function describeStatError(file: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`cannot read ${file}: permission denied`, undefined, 'Check the file permissions.');
  return new UserError(`cannot read ${file}: no such file`, undefined, NOT_A_MODEL_HINT);
}

/** Reads a model file (and its includes) from disk and loads it. Missing files are user errors. */
export async function loadModelFile(file: string, cwd: string, options: LoadModelFileOptions = {}): Promise<LoadResult> {
  const abs = path.resolve(cwd, file);
  let stats: Stats;
  try {
    stats = await stat(abs);
  } catch (err) {
    throw describeStatError(file, err);
  }
  if (stats.isDirectory()) throw new UserError(`${file} is a folder, not a model file`, undefined, `Give the path of the model inside it, e.g. ${path.join(file, 'threatmodel.yaml')}.`);
  if (!stats.isFile()) throw new UserError(`${file} is not a regular file`, undefined, NOT_A_MODEL_HINT);
  const name = path.relative(cwd, abs) || file;
  // The root is read as includes are: a regular file, and never more than one byte past the size
  // limit, so an oversized file is refused without reading it into memory.
  const read = readRegularFile(abs);
  let input: SourceInput;
  if (read.kind === 'read') input = { file: name, text: new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength) };
  else if (read.kind === 'too-large') input = { file: name, text: new Uint8Array(0), size: read.size };
  else if (read.kind === 'missing') throw new UserError(`cannot read ${file}: no such file`, undefined, NOT_A_MODEL_HINT);
  else throw new UserError(`cannot read ${file}: ${read.reason}`, undefined, NOT_A_MODEL_HINT);
  // Includes are read only from the working folder or the root model's folder (and below), after
  // following links, and only regular files within the size limit: a model from an untrusted branch
  // cannot make CI print parts of other files on the machine. The editor's server reads them the same way.
  const reader = includeReader({ root: abs, folders: [path.resolve(cwd)], display: (target) => path.relative(cwd, target) });
  return loadModel(input, { now: options.now ?? new Date(), readFile: reader.readFile });
}
