/** Shared by the loader's tests: load text as `threatmodel.yaml` and print issues as the CLI does (first line only). */
import { formatIssue, type Issue } from '../issues.js';
import { loadModel, type LoadOptions, type LoadResult } from './index.js';

export function load(text: string, options: LoadOptions = {}, file = 'threatmodel.yaml'): LoadResult {
  return loadModel({ file, text }, options);
}

export function lines(issues: readonly Issue[]): string[] {
  return issues.map((i) => formatIssue(i).split('\n')[0] ?? '');
}

/** A minimal valid model, with `extra` appended (YAML sections). Line 1 is `threatwright: 1`. */
export function model(extra: string): string {
  return `threatwright: 1\nsystem: { name: Shop }\n${extra}`;
}
