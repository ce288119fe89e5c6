import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyze, BAND_CHOICES, diffModels, hasErrors, parseBand, worseAtOrAbove, type Model, type ModelDiff } from '@threatwright/core';
import { buildDiagram, toMermaid } from '@threatwright/render';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, resolveModelPath } from '../../files.js';
import { writeJson } from '../../json-text.js';
import { loadModelFile } from '../../model-file.js';
import { issueText } from '../../terminal.js';
import type { CommandSpec } from '../../types.js';
import { parseToday } from '../check/assessment.js';
import { diffMarkdown, diffText } from './format.js';
import { codeWithoutModel, modelAtRevision, type CodeWithoutModel, type RevisionModel } from './revisions.js';

/** One side of the comparison: its label for people, and the model loaded (undefined: no model there). */
type Side = RevisionModel;

const EMPTY_NAME = '(no model)';

/** The side's model; an empty one where there was no model; a user error when it has errors. */
export function validModel(side: Side, what: string): Model {
  if (side.loaded === undefined) return { threatwright: 1, system: { name: EMPTY_NAME } };
  const errors = side.loaded.issues.filter((i) => i.severity === 'error');
  if (!side.loaded.model || hasErrors(side.loaded.issues)) {
    throw new UserError(`the model at ${what} has ${String(errors.length)} error${errors.length === 1 ? '' : 's'}:\n${errors.map((i) => `  ${issueText(i)}`).join('\n')}`, ExitCode.invalid, 'Fix them (`threatwright validate` lists every problem), or compare other revisions.');
  }
  return side.loaded.model;
}

/** The Mermaid picture around what changed: the head model plus what was removed, each changed element marked. */
export function changeDiagram(base: Model, head: Model, d: ModelDiff): string | undefined {
  const changed = d.elements.filter((e) => e.list === 'components' || e.list === 'flows');
  if (changed.length === 0) return undefined;
  const headComponents = new Set((head.components ?? []).map((c) => c.id));
  const removed = new Set(changed.filter((e) => e.change === 'removed').map((e) => e.id));
  const components = [...(head.components ?? []), ...(base.components ?? []).filter((c) => removed.has(c.id))];
  const present = new Set(components.map((c) => c.id));
  const flows = [...(head.flows ?? []), ...(base.flows ?? []).filter((f) => removed.has(f.id) && present.has(f.from) && present.has(f.to))];
  const merged: Model = { ...head, components, flows };
  const ids = changed.filter((e) => e.change !== 'removed' || present.has(e.id) || flows.some((f) => f.id === e.id)).map((e) => e.id);
  if (ids.length === 0) return undefined;
  const graph = buildDiagram(merged, { view: { kind: 'neighbourhood', ids } });
  const mark = new Map(changed.map((e) => [e.id, e.change === 'added' ? '[added]' : e.change === 'removed' ? '[removed]' : '[changed]']));
  for (const node of graph.nodes) {
    const id = node.key.replace(/^c:/u, '');
    const m = mark.get(id);
    if (m !== undefined) node.label.push(m);
    if (removed.has(id) && !headComponents.has(id)) node.dim = true;
  }
  for (const edge of graph.edges) {
    const m = mark.get(edge.key.replace(/^f:/u, ''));
    if (m !== undefined) edge.label.push(m);
  }
  return toMermaid(graph);
}

export const command: CommandSpec = {
  name: 'diff',
  group: 'Workflow',
  summary: 'What changed between two revisions of a model: elements, boundary crossings, threats, mitigations and the open risks',
  description:
    'Compares the model at two git revisions (a branch, tag or commit: main, HEAD~3, v1.2) or two model files, each read with its include: files as they were at that revision, and analysed. Lists elements added, removed, renamed (same id) and changed field by field; flows\' boundary crossings gained or lost; threats new, gone, re-scored (their band moved) and re-triaged, matched by fingerprint; mitigations whose status moved; and the open risks by band before and after. With no revision it compares the working tree with HEAD; with one, that revision with the working tree. A model that is not there at the base counts as empty, so a first pull request lists everything. Between git revisions (or a revision and the working tree) it also lists the components whose code (their `paths:`) changed while their entry in the model did not. --fail-on fails (exit 1) when the change brings a threat open at or above a band: new, moved up, or open again.',
  arguments: [
    { name: 'base', description: 'The revision (or model file) to compare from (default: HEAD).', optional: true },
    { name: 'head', description: 'The revision (or model file) to compare to (default: the working tree).', optional: true },
  ],
  options: {
    model: { type: 'string', short: 'm', valueName: 'file', description: 'The model file, as it is named in the working tree (default: the model in the current folder).' },
    format: { type: 'string', short: 'f', choices: ['text', 'markdown', 'json'], default: 'text', description: 'text for people; markdown for a pull-request comment (with a Mermaid diagram around the change); json for tools (versioned).' },
    'fail-on': { type: 'string', choices: [...BAND_CHOICES], valueName: 'band', description: 'Exit 1 when the change brings a threat open at or above this band (new, moved up, or open again).' },
    'count-baseline': { type: 'boolean', description: 'Let baseline entries (questions the model does not answer yet) count for --fail-on.' },
    today: { type: 'string', valueName: 'YYYY-MM-DD', description: 'Judge due dates and expiry on both sides as of this day (default: today).' },
  },
  examples: [
    { command: 'threatwright diff', description: 'the working tree against the last commit' },
    { command: 'threatwright diff main', description: 'a branch against main, as a pull request sees it' },
    { command: 'threatwright diff origin/main HEAD --format markdown > comment.md', description: 'a pull-request comment' },
    { command: 'threatwright diff main --fail-on high', description: 'in CI: fail when the change adds an open P1 high or P0 critical threat' },
    { command: 'threatwright diff old.yaml threatmodel.yaml', description: 'two files' },
  ],
  exitCodes: {
    0: 'The diff was written (and with --fail-on, no threat is new or worse at or above the band).',
    1: 'With --fail-on: the change brings a threat open at or above the band.',
    2: 'A revision or file that does not exist, a model with errors, or a bad option.',
  },
  run: async (ctx) => {
    const format = stringOption(ctx.values, 'format') ?? 'text';
    const failOnText = stringOption(ctx.values, 'fail-on');
    const failOn = failOnText === undefined ? undefined : parseBand(failOnText);
    if (failOnText !== undefined && failOn === undefined) throw new UserError(`--fail-on must be one of ${BAND_CHOICES.join(', ')}`, ExitCode.invalid);
    const now = parseToday(stringOption(ctx.values, 'today'));
    if (ctx.positionals.length > 2) throw new UserError('give at most two revisions or files', ExitCode.invalid, 'e.g. `threatwright diff main HEAD`.');
    const [baseArg, headArg] = ctx.positionals;

    const isFile = (arg: string) => {
      const abs = path.resolve(ctx.cwd, arg);
      return existsSync(abs) && statSync(abs).isFile();
    };
    const modelGiven = stringOption(ctx.values, 'model');
    // With two files, the model option is not needed; otherwise, which model in the repository.
    const filesOnly = baseArg !== undefined && headArg !== undefined && isFile(baseArg) && isFile(headArg);
    const modelAbs = filesOnly ? undefined : await resolveModelPath(ctx.cwd, modelGiven);
    const file = modelAbs !== undefined ? displayPath(ctx.cwd, modelAbs) : displayPath(ctx.cwd, headArg ?? '');

    const sideOf = async (arg: string | undefined, fallback: 'HEAD' | 'worktree'): Promise<Side> => {
      if (arg === undefined && fallback === 'worktree') {
        if (modelAbs === undefined || !existsSync(modelAbs)) return { label: 'the working tree', loaded: undefined };
        return { label: 'the working tree', loaded: await loadModelFile(displayPath(ctx.cwd, modelAbs), ctx.cwd, { now }) };
      }
      const given = arg ?? 'HEAD';
      if (arg !== undefined && isFile(arg)) return { label: displayPath(ctx.cwd, arg), loaded: await loadModelFile(arg, ctx.cwd, { now }) };
      if (modelAbs === undefined) throw new UserError(`"${given}" is a revision, but the other side is a file`, ExitCode.invalid, 'Compare two revisions (with --model) or two files.');
      return modelAtRevision(modelAbs, given, ctx.cwd, now, displayPath);
    };

    const base = await sideOf(baseArg, 'HEAD');
    const head = await sideOf(headArg, 'worktree');
    if (base.loaded === undefined && head.loaded === undefined) {
      throw new UserError(`${file} is at neither ${base.label} nor ${head.label}`, ExitCode.invalid, 'Give the model with --model, as it is named in the working tree.');
    }
    const baseModel = validModel(base, base.label);
    const headModel = validModel(head, head.label);
    const d = diffModels({ model: baseModel, analysis: analyze(baseModel, { now }) }, { model: headModel, analysis: analyze(headModel, { now }) });
    const failing = failOn === undefined ? undefined : worseAtOrAbove(d, failOn, { countBaseline: flagOption(ctx.values, 'count-baseline') });
    const code = failing !== undefined && failing.length > 0 ? ExitCode.failed : ExitCode.ok;
    const labels = { file, base: base.label, head: head.label };
    // Code under a component's paths that changed while its entry did not (only between git sides).
    let moved: CodeWithoutModel[] = [];
    if (base.commit !== undefined && base.root !== undefined && (head.commit !== undefined || headArg === undefined)) {
      const changed = new Set(d.elements.filter((e) => e.list === 'components').map((e) => e.id));
      moved = codeWithoutModel(base.root, base.commit, head.commit, headModel.components ?? [], changed);
    }

    if (format === 'json') {
      writeJson({ ...d, codeWithoutModel: moved, file, base: base.label, head: head.label, failOn: failOn ?? null, failing: failing?.map((t) => t.id) ?? null }, ctx.stdout);
      return code;
    }
    if (format === 'markdown') {
      ctx.stdout(diffMarkdown(d, labels, failing, changeDiagram(baseModel, headModel, d), moved));
      return code;
    }
    ctx.print(diffText(d, labels, failing, ctx.style, moved));
    return code;
  },
};
