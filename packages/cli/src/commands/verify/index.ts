import path from 'node:path';
import { VERIFICATION_FORMAT_VERSION, verifyMitigations, type MitigationVerification, type VerificationRecord } from '@threatwright/core';
import type { Colors } from 'picocolors/types.js';
import { flagOption, stringOption, stringsOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, writeFileAtomic } from '../../files.js';
import type { CommandSpec } from '../../types.js';
import { loadValidModel, readJUnitFiles, verificationPathFor } from '../check/assessment.js';
import { terminalLine } from '../../terminal.js';

const MARK: Record<MitigationVerification['state'], (c: Colors) => string> = {
  verified: (c) => c.green('✔'),
  failed: (c) => c.red('✖'),
  unverified: (c) => c.yellow('○'),
  'no-tests': (c) => c.dim('·'),
};

export const command: CommandSpec = {
  name: 'verify',
  group: 'Workflow',
  summary: 'Mark mitigations verified, failed or unverified from JUnit XML test results',
  description:
    'Reads the JUnit XML your test runner wrote and matches each mitigation\'s `verification.test` names against it (by test name, or qualified by class, suite or file as runners print them, e.g. "auth/login.spec.ts > blocks the 6th failed login"). A mitigation is verified when all its tests passed, failed when one failed, unverified when they did not run. The result is saved beside the model as <model>.verification.json, which `check`, `analyze` and reports read; the model file itself is not changed, because test results are build evidence, not decisions. A failed test also stops the mitigation from counting towards residual risk.',
  arguments: [{ name: 'model', description: 'Model file or folder (default: the model in the current folder). Further .xml arguments are read as JUnit results.', optional: true, variadic: true }],
  options: {
    junit: { type: 'string', multiple: true, valueName: 'file', description: 'A JUnit XML results file (may be repeated).' },
    format: { type: 'string', short: 'f', choices: ['text', 'json'], default: 'text', description: 'text for people, json for tools.' },
    out: { type: 'string', short: 'o', valueName: 'file', description: 'Where to save the verification record (default: <model>.verification.json beside the model).' },
    'dry-run': { type: 'boolean', description: 'Show the result without saving it.' },
  },
  examples: [
    { command: 'threatwright verify --junit reports/junit.xml', description: 'after the test run, in CI' },
    { command: 'threatwright verify examples/web-login --junit unit.xml --junit e2e.xml', description: 'several result files' },
  ],
  exitCodes: {
    0: 'No mitigation test failed (some may not have run).',
    1: 'At least one mitigation\'s test failed.',
    2: 'A missing or malformed results file, an invalid model, or a bad option.',
  },
  run: async (ctx) => {
    const xml = ctx.positionals.filter((p) => p.toLowerCase().endsWith('.xml'));
    const others = ctx.positionals.filter((p) => !p.toLowerCase().endsWith('.xml'));
    if (others.length > 1) throw new UserError(`give one model (got ${others.join(', ')})`, ExitCode.invalid, 'Results files end in .xml; pass them with --junit.');
    const junit = [...stringsOption(ctx.values, 'junit'), ...xml];
    if (junit.length === 0) throw new UserError('`threatwright verify` needs test results: --junit <results.xml>', ExitCode.invalid, 'Have your test runner write JUnit XML, e.g. `vitest run --reporter=junit --outputFile=results.xml` or `pytest --junitxml=results.xml`.');
    const m = await loadValidModel(others[0], ctx.cwd);
    const tests = await readJUnitFiles(junit, ctx.cwd);
    const results = verifyMitigations(m.model, tests);
    const sources = junit.map((j) => displayPath(ctx.cwd, path.resolve(ctx.cwd, j)));
    const record: VerificationRecord = { version: VERIFICATION_FORMAT_VERSION, checked_at: new Date().toISOString(), sources, mitigations: results };
    const outFile = stringOption(ctx.values, 'out') !== undefined ? path.resolve(ctx.cwd, stringOption(ctx.values, 'out') ?? '') : verificationPathFor(m.abs);
    const dryRun = flagOption(ctx.values, 'dry-run');
    if (!dryRun) await writeFileAtomic(outFile, `${JSON.stringify(record, null, 2)}\n`, { force: true, cwd: ctx.cwd });
    const failed = results.filter((r) => r.state === 'failed').length;
    const code = failed > 0 ? ExitCode.failed : ExitCode.ok;

    if (stringOption(ctx.values, 'format') === 'json') {
      ctx.stdout(`${JSON.stringify({ ...record, file: m.file, saved: dryRun ? null : displayPath(ctx.cwd, outFile), tests: tests.length }, null, 2)}\n`);
      return code;
    }
    const c = ctx.style;
    const byId = new Map((m.model.mitigations ?? []).map((x) => [x.id, x]));
    const out: string[] = [`${c.bold(m.file)}: ${String(tests.length)} test case${tests.length === 1 ? '' : 's'} read from ${sources.map(terminalLine).join(', ')}`, ''];
    const ids = results.map((r) => terminalLine(r.mitigation));
    let width = 0;
    for (const id of ids) width = Math.max(width, id.length);
    results.forEach((r, n) => {
      const mit = byId.get(r.mitigation);
      out.push(`  ${MARK[r.state](c)} ${c.bold((ids[n] ?? '').padEnd(width))}  ${terminalLine(mit?.title ?? '')}`);
      const status = mit?.status ?? 'proposed';
      const hint = r.state === 'verified' && status !== 'implemented' && status !== 'verified' ? ` — its tests pass but its status is ${status}: mark it implemented once it is in production` : '';
      out.push(`    ${' '.repeat(width)}  ${r.state === 'failed' ? c.red(r.state) : r.state === 'verified' ? c.green(r.state) : c.dim(r.state)}: ${terminalLine(r.summary)}${hint}`);
    });
    const count = (s: MitigationVerification['state']) => results.filter((r) => r.state === s).length;
    out.push('', `${String(count('verified'))} verified, ${String(failed)} failed, ${String(count('unverified'))} unverified, ${String(count('no-tests'))} with no test named`);
    if (tests.length > 0 && results.every((r) => r.tests.every((t) => t.outcome === 'not-run'))) {
      out.push(c.yellow('No test named by a mitigation was found in the results: compare `verification.test` with the test names in the XML (name, or "classname > name").'));
    }
    out.push(dryRun ? c.dim('Not saved (--dry-run).') : c.dim(`Saved ${displayPath(ctx.cwd, outFile)}; \`threatwright check\` and \`analyze\` read it.`));
    ctx.print(`${out.join('\n')}\n`);
    return code;
  },
};
