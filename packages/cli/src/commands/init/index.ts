import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@threatwright/core';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { assertWritable, displayPath, writeFileAtomic } from '../../files.js';
import { packagedFile } from '../../packaged.js';
import type { CommandContext, CommandSpec } from '../../types.js';
import { nextSteps, STARTER_COUNTS, starterModel, type StarterAnswers } from './starter.js';

const SCHEMA_FILE = path.join('schema', 'threatwright.schema.json');

/**
 * The JSON Schema: the copy an installed package carries in dist/schema, or else the committed one,
 * found by walking up from this module (works from the sources and from the bundle in a clone).
 */
export function findSchema(from = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  const packaged = packagedFile(SCHEMA_FILE, from);
  if (packaged !== undefined) return packaged;
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, SCHEMA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** The `$schema` value for a model written at `target`: a path relative to it, or a given path/URL as is. */
function schemaRef(target: string, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const found = findSchema();
  if (found === undefined) return undefined;
  const rel = path.relative(path.dirname(target), found).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function today(env: NodeJS.ProcessEnv): string {
  // SOURCE_DATE_EPOCH makes the output reproducible (and testable).
  const epoch = env['SOURCE_DATE_EPOCH'];
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}

/** The starter as JSON, for a `.json` target: the same model, without the comments JSON cannot hold. */
function asJson(yaml: string, file: string): string {
  const { model, issues } = loadModel({ file, text: yaml });
  if (!model) throw new Error(`the starter model does not load: ${issues.map((i) => i.message).join('; ')}`);
  return `${JSON.stringify(model, null, 2)}\n`;
}

interface Question {
  key: keyof StarterAnswers;
  text: string;
  default?: string;
}

/** Asks each question on the terminal; an empty answer keeps the default, end of input keeps the rest. */
async function ask(ctx: CommandContext, questions: Question[]): Promise<Partial<StarterAnswers>> {
  const input = ctx.stdin?.();
  if (!input) return {};
  // Line mode: the terminal edits the line; Ctrl-C ends the process (exit 130) before anything is written.
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const answers: Partial<StarterAnswers> = {};
  const c = ctx.style;
  ctx.print(`${c.bold('A few questions to frame the model.')} Answer what you can; Enter skips.\n\n`);
  try {
    for (const q of questions) {
      ctx.print(`${c.cyan('?')} ${q.text}${q.default !== undefined ? c.dim(` (${q.default})`) : ''} `);
      const next = await lines.next();
      if (next.done === true) {
        ctx.print('\n');
        break;
      }
      const value = next.value.trim();
      if (value !== '') answers[q.key] = value;
      else if (q.default !== undefined) answers[q.key] = q.default;
    }
  } finally {
    rl.close();
  }
  ctx.print('\n');
  return answers;
}

export const command: CommandSpec = {
  name: 'init',
  group: 'Model',
  summary: 'Start a threat model: a commented, valid starter file',
  description:
    'Writes a starter model (threatmodel.yaml by default) with the schema line editors use for autocompletion, a small example system to replace, and the next steps. In a terminal it first asks the framing questions: the system name, what you are working on, what you are protecting, from whom, and with how many resources. With --yes, or when input or output is not a terminal, it takes the defaults and leaves the questions as comments to fill in. It never overwrites a file unless --force is given.',
  arguments: [{ name: 'file', description: 'Where to write the model (default: threatmodel.yaml; a .json name writes JSON, without the comments). Missing folders are created.', optional: true }],
  options: {
    yes: { type: 'boolean', short: 'y', description: 'Do not ask; take the defaults.' },
    force: { type: 'boolean', short: 'f', description: 'Overwrite the file if it exists.' },
    name: { type: 'string', valueName: 'text', description: 'The system name (default: the folder name).' },
    schema: { type: 'string', valueName: 'path-or-url', description: 'What the `$schema` line points at (default: the schema of this installation, as a relative path).' },
  },
  examples: [
    { command: 'threatwright init', description: 'answer the questions, write threatmodel.yaml' },
    { command: 'threatwright init docs/security/threatmodel.yaml --yes --name "Payments API"' },
    { command: 'threatwright init --force', description: 'start over' },
  ],
  exitCodes: {
    0: 'The model was written.',
    2: 'Bad usage.',
    3: 'The file exists and --force was not given; nothing was written.',
    130: 'Cancelled at a question (Ctrl-C); nothing was written.',
  },
  run: async (ctx) => {
    const file = ctx.positionals[0] ?? 'threatmodel.yaml';
    const target = path.resolve(ctx.cwd, file);
    const shown = displayPath(ctx.cwd, target);
    const force = flagOption(ctx.values, 'force');
    // Refuse before asking anything: answering questions for nothing is annoying.
    await assertWritable(target, { force, cwd: ctx.cwd });

    const givenName = stringOption(ctx.values, 'name');
    if (givenName?.trim() === '') throw new UserError('--name cannot be empty', ExitCode.invalid);
    const defaultName = givenName ?? (path.basename(path.dirname(target)) || 'My system');
    let answers: StarterAnswers = { name: defaultName };
    if (!flagOption(ctx.values, 'yes') && ctx.interactive) {
      const questions: Question[] = [
        ...(givenName === undefined ? [{ key: 'name' as const, text: 'What is the system called?', default: defaultName }] : []),
        { key: 'description', text: 'What are we working on? (one sentence)' },
        { key: 'protecting', text: 'What are we protecting? (data, money, reputation, …)' },
        { key: 'fromWhom', text: 'From whom? (the adversaries you worry about)' },
        { key: 'resources', text: 'With how many resources? (what the defence may cost)' },
      ];
      answers = { ...answers, ...(await ask(ctx, questions)) };
    }

    const yaml = starterModel(answers, {
      schema: schemaRef(target, stringOption(ctx.values, 'schema')),
      today: today(ctx.env),
      file: shown,
      commands: ctx.commandNames,
    });
    await writeFileAtomic(target, target.toLowerCase().endsWith('.json') ? asJson(yaml, shown) : yaml, { force, cwd: ctx.cwd, mkdir: true });

    const c = ctx.style;
    const n = STARTER_COUNTS;
    ctx.print(
      `${c.green('✔')} Wrote ${c.bold(shown)}: a starter model (${n.components} components, ${n.flows} flows, ${n.boundaries} boundaries, ${n.assets} assets) to replace with your own.\n\n` +
        `${c.bold('Next steps')}\n${nextSteps({ file: shown, commands: ctx.commandNames }).map((s, i) => `  ${i + 1}. ${s}`).join('\n')}\n`,
    );
    return ExitCode.ok;
  },
};
