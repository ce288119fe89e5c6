/**
 * Shared by the output commands (diagram, report, backlog): load the model or explain why not,
 * and write a result to a file or stdout.
 */
import { hasErrors, type LoadResult, type Model } from '@threatwright/core';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { displayPath, resolveModelPath, writeFileAtomic } from './files.js';
import { loadModelFile } from './model-file.js';
import type { CommandContext } from './types.js';
import { issueText } from './terminal.js';

export interface LoadedModel extends LoadResult {
  model: Model;
  /** As shown to the user (relative to cwd). */
  file: string;
}

/** Loads the model; a model with errors is a UserError listing them (exit 2). Warnings go to stderr. */
export async function loadModelOrExplain(ctx: CommandContext, given: string | undefined): Promise<LoadedModel> {
  const abs = await resolveModelPath(ctx.cwd, given);
  const file = displayPath(ctx.cwd, abs);
  const result = await loadModelFile(file, ctx.cwd);
  if (!result.model || hasErrors(result.issues)) {
    const errors = result.issues.filter((i) => i.severity === 'error');
    throw new UserError(`${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.map((i) => `  ${issueText(i)}`).join('\n')}`, ExitCode.invalid, `Fix them (\`threatwright validate ${file}\` lists every problem), then run this again.`);
  }
  return { ...result, model: result.model, file };
}

/** Writes to `out` (refusing to replace an existing file without --force), or to stdout when no file is given. */
export async function emit(ctx: CommandContext, out: string | undefined, content: string | Uint8Array, force: boolean): Promise<void> {
  if (out === undefined || out === '-') {
    ctx.stdout(typeof content === 'string' ? content : new TextDecoder().decode(content));
    return;
  }
  await writeFileAtomic(out, content, { cwd: ctx.cwd, force, mkdir: true });
  ctx.stderr(`✔ wrote ${displayPath(ctx.cwd, out)}\n`);
}
