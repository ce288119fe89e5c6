/**
 * The report data for the output commands: the model analysed, its git revision, today's date
 * (or SOURCE_DATE_EPOCH, for reproducible builds) and source positions for SARIF.
 */
import path from 'node:path';
import { analyze, locate, type History } from '@threatwright/core';
import { buildReportData, type ReportData } from '@threatwright/render';
import type { LoadedModel } from './outputs.js';
import { readEvidence } from './commands/check/assessment.js';
import { gitText } from './git.js';
import { VERSION } from './version.js';


const git = async (args: string[], cwd: string): Promise<string | undefined> => (await gitText(args, cwd, { timeout: 5000 }))?.trim();

/** The short commit of the model file's repository, marked "(modified)" when the file has uncommitted changes. */
export async function gitInfo(absFile: string): Promise<{ revision: string | undefined; root: string | undefined }> {
  const dir = path.dirname(absFile);
  const root = await git(['rev-parse', '--show-toplevel'], dir);
  if (root === undefined) return { revision: undefined, root: undefined };
  const head = await git(['rev-parse', '--short', 'HEAD'], dir);
  if (head === undefined) return { revision: undefined, root };
  const dirty = await git(['status', '--porcelain', '--', path.basename(absFile)], dir);
  return { revision: dirty ? `${head} (modified)` : head, root };
}

export function reportDate(env: NodeJS.ProcessEnv): string {
  const epoch = env['SOURCE_DATE_EPOCH'];
  const d = epoch !== undefined && /^\d+$/u.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return d.toISOString().slice(0, 10);
}

export async function reportDataFor(loaded: LoadedModel, cwd: string, env: NodeJS.ProcessEnv, history?: History): Promise<ReportData> {
  const abs = path.resolve(cwd, loaded.file);
  const { revision, root } = await gitInfo(abs);
  // SARIF locations are relative to the repository root, where code-scanning tools look for them.
  const shown = (file: string) => (root ? path.relative(root, path.resolve(cwd, file)) : file).split(path.sep).join('/');
  // Test evidence saved by `threatwright verify` beside the model, when there is one.
  const evidence = await readEvidence({ file: loaded.file, abs, loaded, model: loaded.model }, [], undefined, cwd);
  return buildReportData(loaded.model, {
    analysis: analyze(loaded.model, evidence.verification ? { verification: evidence.verification } : {}),
    meta: { file: shown(loaded.file), date: reportDate(env), revision, toolVersion: VERSION },
    locate: (p) => {
      const loc = locate(loaded, p);
      return loc ? { ...loc, file: shown(loc.file) } : undefined;
    },
    ...(history !== undefined ? { history } : {}),
  });
}
