/** Arguments and options several commands share, so their help reads the same everywhere. */
import type { ArgumentSpec, OptionSpec } from './types.js';

/** The optional model argument of the commands that read one model. */
export const MODEL_ARGUMENT: ArgumentSpec = { name: 'model', description: 'Model file or folder (default: the model in the current folder).', optional: true };

/** `-o, --output <file>`: where a command writes instead of stdout. */
export function outputOption(description = 'Write to this file instead of stdout.'): OptionSpec {
  return { type: 'string', short: 'o', valueName: 'file', description };
}

/** `--force`: replace an existing output file (otherwise exit 3). */
export const FORCE_OPTION: OptionSpec = { type: 'boolean', description: 'Replace the output file if it exists.' };
