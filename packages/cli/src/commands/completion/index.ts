import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { loadCommandSpecs } from '../../main.js';
import { suggest } from '../../suggest.js';
import type { CommandSpec } from '../../types.js';
import { completionScript, SHELLS, type Shell } from './scripts.js';

export const command: CommandSpec = {
  name: 'completion',
  group: 'Workflow',
  summary: 'Print the shell completion script for bash, zsh or fish',
  description:
    'Completes command names, options and their allowed values (e.g. `validate --format <Tab>`), and file names for arguments. The script is generated from the commands themselves, so regenerate it after upgrading.',
  arguments: [{ name: 'shell', description: 'bash, zsh or fish.' }],
  options: {},
  examples: [
    { command: 'threatwright completion bash > ~/.local/share/bash-completion/completions/threatwright', description: 'bash' },
    { command: 'threatwright completion zsh > "${fpath[1]}/_threatwright"', description: 'zsh (any folder on $fpath)' },
    { command: 'threatwright completion fish > ~/.config/fish/completions/threatwright.fish', description: 'fish' },
  ],
  exitCodes: { 0: 'The script was printed.', 2: 'Unknown shell.' },
  run: async (ctx) => {
    const shell = ctx.positionals[0] ?? '';
    if (!(SHELLS as readonly string[]).includes(shell)) {
      const close = suggest(shell, SHELLS);
      throw new UserError(`unknown shell "${shell}"`, ExitCode.invalid, `${close ? `Did you mean ${close}? ` : ''}Choose one of: ${SHELLS.join(', ')}.`);
    }
    ctx.stdout(completionScript(shell as Shell, await loadCommandSpecs()));
    return ExitCode.ok;
  },
};
