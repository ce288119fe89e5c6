import { formatIssue, hasErrors } from '@threatwright/core';
import { ExitCode } from '../../exit-codes.js';
import { loadModelFile } from '../../model-file.js';
import type { CommandSpec } from '../../types.js';

export const command: CommandSpec = {
  name: 'validate',
  summary: 'Check model files and report every problem with its file:line:column',
  usage: 'threatwright validate [files…] [--format text|json]',
  help: 'With no file, validates threatmodel.yaml in the current folder.',
  options: { format: { type: 'string', default: 'text' } },
  run: async (ctx) => {
    const files = ctx.positionals.length > 0 ? ctx.positionals : ['threatmodel.yaml'];
    let failed = false;
    for (const file of files) {
      const result = await loadModelFile(file, ctx.cwd);
      if (hasErrors(result.issues)) failed = true;
      if (ctx.values['format'] === 'json') ctx.stdout(JSON.stringify({ file, valid: !hasErrors(result.issues), issues: result.issues }, null, 2) + '\n');
      else for (const issue of result.issues) ctx.stdout(formatIssue(issue) + '\n');
    }
    return failed ? ExitCode.invalid : ExitCode.ok;
  },
};
