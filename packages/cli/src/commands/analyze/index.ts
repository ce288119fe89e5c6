import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyze, hasErrors, locateIssues, parseCustomRules, type CustomRuleInput, type Issue } from '@threatwright/core';
import { flagOption, stringOption, stringsOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, resolveModelPath } from '../../files.js';
import { writeJson } from '../../json-text.js';
import { loadModelFile } from '../../model-file.js';
import type { CommandSpec } from '../../types.js';
import { formatSummary } from './summary.js';
import { readEvidence } from '../check/assessment.js';
import { formatRiskSummary } from '../check/risk-summary.js';
import { MODEL_ARGUMENT } from '../../common-options.js';
import { issueText } from '../../terminal.js';

async function loadRulesFiles(files: readonly string[], cwd: string): Promise<CustomRuleInput[]> {
  const rules: CustomRuleInput[] = [];
  for (const given of files) {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, given), 'utf8');
    } catch {
      throw new UserError(`cannot read rules file ${given}`, ExitCode.invalid, 'Give the path of a YAML file with a `rules:` list of custom rules.');
    }
    const parsed = parseCustomRules({ file: displayPath(cwd, path.resolve(cwd, given)), text });
    if (parsed.issues.length > 0) {
      throw new UserError(`${given} has ${parsed.issues.length} error${parsed.issues.length === 1 ? '' : 's'}:\n${parsed.issues.map((i) => `  ${issueText(i)}`).join('\n')}`, ExitCode.invalid, 'Fix the custom rules file, then run this again.');
    }
    // One by one: a spread passes every rule as an argument, and a long list overflows the call stack.
    for (const r of parsed.rules) rules.push(r);
  }
  return rules;
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`option --${name} must be a whole number (got "${value}")`, ExitCode.invalid);
  return n;
}

export const command: CommandSpec = {
  name: 'analyze',
  group: 'Analysis',
  summary: 'Derive threats from the diagram: top risks with why, and the questions that would change them',
  description:
    'Runs the rule library over the model: every finding says which facts made it fire and which unstated property would change it. Bands are named with their priority (P0 critical … P3 low) and counted by residual risk, the same numbers `check`, the reports and the editor show; threats without a score are unrated. Decisions recorded in `threats:` (by fingerprint) are merged in, manual threats are listed beside derived ones, and unstated properties become questions. Baseline entries (confidence `baseline`: one STRIDE question per category and entry point whose controlling fact the model does not state) are not threats: the text lists them apart, one line per element with the categories open and the flows that enter it (`--all` adds their questions), and leaves them out of the top risks and the threat counts. The JSON output is versioned and in a deterministic order; it keeps every entry, with its `confidence`, and counts open baseline entries apart, in `counts.baseline`.',
  arguments: [MODEL_ARGUMENT],
  options: {
    format: { type: 'string', short: 'f', choices: ['text', 'json'], default: 'text', description: 'text for people, json for tools (versioned, deterministic order).' },
    top: { type: 'string', valueName: 'n', description: 'Text: how many top risks to show (default 10).' },
    all: { type: 'boolean', description: 'Text: list every open threat, not only the top ones.' },
    questions: { type: 'string', valueName: 'n', description: 'Text: how many open questions to show (default 10).' },
    rules: { type: 'string', multiple: true, valueName: 'file', description: 'A file of custom rules to run as well (may be repeated).' },
    disable: { type: 'string', multiple: true, valueName: 'rule-id', description: 'Do not run this rule (may be repeated).' },
  },
  examples: [
    { command: 'threatwright analyze', description: 'summary of the model in the current folder' },
    { command: 'threatwright analyze examples/web-login --all', description: 'every open threat with its reasons' },
    { command: 'threatwright analyze --format json > analysis.json', description: 'for tools and CI' },
    { command: 'threatwright analyze --rules team-rules.yaml', description: 'with your own declarative rules' },
  ],
  exitCodes: {
    0: 'The analysis ran (whatever it found).',
    2: 'The model (or a rules file) has errors, or a bad option.',
  },
  run: async (ctx) => {
    const format = stringOption(ctx.values, 'format') ?? 'text';
    const top = positiveInt(stringOption(ctx.values, 'top'), 'top', 10);
    const questions = positiveInt(stringOption(ctx.values, 'questions'), 'questions', 10);
    const abs = await resolveModelPath(ctx.cwd, ctx.positionals[0]);
    const file = displayPath(ctx.cwd, abs);
    const loaded = await loadModelFile(file, ctx.cwd);
    if (!loaded.model || hasErrors(loaded.issues)) {
      const errors = loaded.issues.filter((i) => i.severity === 'error');
      if (format === 'json') {
        ctx.stdout(`${JSON.stringify({ version: 1, file, valid: false, issues: errors }, null, 2)}\n`);
        return ExitCode.invalid;
      }
      throw new UserError(`${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.map((i) => `  ${issueText(i)}`).join('\n')}`, ExitCode.invalid, `Fix them (\`threatwright validate ${file}\` lists every problem), then run this again.`);
    }
    const customRules = await loadRulesFiles(stringsOption(ctx.values, 'rules'), ctx.cwd);
    // Test evidence saved by `threatwright verify` beside the model, when there is one.
    const evidence = await readEvidence({ file, abs, loaded, model: loaded.model }, [], undefined, ctx.cwd);
    const result = analyze(loaded.model, { customRules, disable: stringsOption(ctx.values, 'disable'), ...(evidence.verification ? { verification: evidence.verification } : {}) });
    const issues: Issue[] = locateIssues(loaded, result.issues);
    const loadWarnings = loaded.issues.filter((i) => i.severity !== 'error');

    if (format === 'json') {
      writeJson({ ...result, file, issues: [...loadWarnings, ...issues] }, ctx.stdout);
      return ExitCode.ok;
    }
    const names = new Map<string, string>();
    for (const c of loaded.model.components ?? []) names.set(c.id, c.name);
    for (const f of loaded.model.flows ?? []) names.set(f.id, f.label ?? f.id);
    ctx.print(formatSummary({ ...result, issues }, ctx.style, { top, all: flagOption(ctx.values, 'all'), questions, names }));
    ctx.print(formatRiskSummary(result, evidence.from, ctx.style));
    const all = [...loadWarnings, ...issues];
    if (all.length > 0) {
      ctx.print('\n');
      for (const i of all) ctx.print(`${issueText(i)}\n`);
    }
    return ExitCode.ok;
  },
};
