/**
 * The explicit, sorted command registry. Each command lives in its own folder and is
 * loaded only when it runs, so start-up stays fast.
 */
import type { CommandSpec } from '../types.js';

export const commands: Record<string, () => Promise<{ command: CommandSpec }>> = {
  adopt: () => import('./adopt/index.js'),
  analyze: () => import('./analyze/index.js'),
  backlog: () => import('./backlog/index.js'),
  changelog: () => import('./changelog/index.js'),
  check: () => import('./check/index.js'),
  completion: () => import('./completion/index.js'),
  diagram: () => import('./diagram/index.js'),
  diff: () => import('./diff/index.js'),
  export: () => import('./export/index.js'),
  history: () => import('./history/index.js'),
  import: () => import('./import/index.js'),
  init: () => import('./init/index.js'),
  report: () => import('./report/index.js'),
  rules: () => import('./rules/index.js'),
  schema: () => import('./schema/index.js'),
  serve: () => import('./serve/index.js'),
  validate: () => import('./validate/index.js'),
  verify: () => import('./verify/index.js'),
};
