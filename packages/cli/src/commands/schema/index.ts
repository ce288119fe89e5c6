import path from 'node:path';
import { flagOption } from '../../args.js';
import { MODEL_ARGUMENT } from '../../common-options.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, readForUpdate, resolveModelPath, writeFileAtomic } from '../../files.js';
import { loadModelFile } from '../../model-file.js';
import { findModeline, modelineValue, SCHEMA_DIR, schemaTexts, withModeline, writeSchemaCopies } from '../../schema-copy.js';
import type { CommandSpec } from '../../types.js';

export const command: CommandSpec = {
  name: 'schema',
  group: 'Model',
  summary: 'Print the JSON Schema of the model file, or write it into the repository and point the model at it',
  description:
    `Editors (VS Code with the YAML extension, JetBrains, Neovim) complete and check a model from the \`# yaml-language-server: $schema=…\` line at its top. With --write, the schema of this version is written to ${SCHEMA_DIR}/ beside the model (the schema of a model and the schema of an included file), and the schema line of the model and of every file it includes is set to point at it by a relative path, so every clone of the repository resolves it without installing anything; commit the folder with the model. Run it again after upgrading: \`threatwright validate\` warns when the copy is not this version's. Without --write, prints the model schema (or with --include, the schema of an included file) on stdout.`,
  arguments: [MODEL_ARGUMENT],
  options: {
    write: { type: 'boolean', description: `Write the schema to ${SCHEMA_DIR}/ beside the model and point the model's schema line (and its includes') at it.` },
    include: { type: 'boolean', description: 'Print the schema of an included file instead of a model.' },
  },
  examples: [
    { command: 'threatwright schema --write', description: `put the schema in the repository (${SCHEMA_DIR}/) and point threatmodel.yaml at it` },
    { command: 'threatwright schema > threatwright.schema.json', description: 'the schema, for another tool' },
  ],
  exitCodes: {
    0: 'The schema was printed, or written and the model pointed at it.',
    2: 'The model cannot be read.',
    3: 'A model file changed on disk while it was being updated; nothing of it was overwritten.',
  },
  run: async (ctx) => {
    if (!flagOption(ctx.values, 'write')) {
      const texts = schemaTexts();
      ctx.stdout(flagOption(ctx.values, 'include') ? texts.include : texts.model);
      return ExitCode.ok;
    }
    const abs = await resolveModelPath(ctx.cwd, ctx.positionals[0]);
    const shown = displayPath(ctx.cwd, abs);
    const written = await writeSchemaCopies(path.join(path.dirname(abs), SCHEMA_DIR), ctx.cwd);
    // The model and the files it includes, as the loader reads them (a JSON model has no comment line to point).
    const loaded = await loadModelFile(shown, ctx.cwd);
    const files = loaded.sources.map((s) => path.resolve(ctx.cwd, s.file));
    const pointed: string[] = [];
    for (const [i, file] of files.entries()) {
      if (/\.json$/iu.test(file)) continue;
      const { text, stamp } = await readForUpdate(file);
      const value = modelineValue(file, i === 0 ? written.model : written.include);
      if (findModeline(text)?.value === value) continue;
      await writeFileAtomic(file, withModeline(text, value), { expect: stamp, cwd: ctx.cwd });
      pointed.push(displayPath(ctx.cwd, file));
    }
    const c = ctx.style;
    const wrote = written.changed.length > 0 ? `wrote ${written.changed.map((f) => displayPath(ctx.cwd, f)).join(' and ')}` : `${displayPath(ctx.cwd, written.model)} is already this version's schema`;
    ctx.print(`${c.green('✔')} ${wrote}${pointed.length > 0 ? `; pointed ${pointed.join(', ')} at it` : `; ${shown} already points at it`}.\n  Commit ${displayPath(ctx.cwd, path.dirname(written.model))}/ with the model: every clone then gets completion and checking in the editor.\n`);
    return ExitCode.ok;
  },
};
