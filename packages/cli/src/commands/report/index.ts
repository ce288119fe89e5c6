import { renderReport, toCsv, toJson, toSarif } from '@threatwright/render';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { emit, loadModelOrExplain } from '../../outputs.js';
import { reportDataFor, reportDate } from '../../report-data.js';
import { historyFor } from '../history/index.js';
import { parseToday } from '../check/assessment.js';
import type { CommandSpec } from '../../types.js';
import { htmlToPdf } from './pdf.js';
import { FORCE_OPTION, MODEL_ARGUMENT, outputOption } from '../../common-options.js';

export const REPORT_FORMATS = ['md', 'html', 'pdf', 'csv', 'json', 'sarif'] as const;
type ReportFormatName = (typeof REPORT_FORMATS)[number];

export const command: CommandSpec = {
  name: 'report',
  group: 'Reports',
  summary: 'Write the threat-model report (Markdown, HTML, PDF) or the threat table (CSV, JSON, SARIF)',
  description:
    'The report has what a security review expects: title page (scope, date, authors, model version, git revision), executive summary (top risks, residual risk, recommendations), system overview with the DFD, assets, trust boundaries, threat inventory with scores and, for each derived threat, why it was found and what closes it, attack trees, mitigation and test plans, residual risks and acceptances, the baseline (what the model does not yet say: per element a flow enters from outside, the STRIDE categories whose controlling fact is unstated, with their questions; kept out of the threat sections, top risks and risk overlay), open questions and an appendix. HTML is one self-contained file (inline SVG diagrams and charts, no external requests, print stylesheet); PDF is that HTML printed by a locally installed Chromium. CSV has the columns id,component,threat,description,likelihood,impact,risk_score,mitigation,owner,due,date_identified,status,confidence,priority,band,standing,category,why,closes_when,cwe,capec (confidence: confirmed, possible or baseline; priority and band: the residual risk, e.g. P1 and high, or unrated; standing: open, mitigated, accepted, transferred or dismissed; why: the facts the rule found; closes_when: the property values that would close it; cwe and capec: the references of its rule); JSON keeps every entry with its confidence, facts, closing values and CWE and CAPEC references, and counts open threats by band as every output does; SARIF 2.1.0 points code-scanning tools at the model lines, baseline entries as notes. SOURCE_DATE_EPOCH fixes the report date.',
  arguments: [MODEL_ARGUMENT],
  options: {
    format: { type: 'string', short: 'f', choices: REPORT_FORMATS, default: 'md', description: 'md, html, pdf, csv, json or sarif.' },
    output: outputOption('Write to this file instead of stdout (required for pdf).'),
    force: FORCE_OPTION,
    history: { type: 'boolean', description: 'Add the model\'s history from git (md, html, pdf): a Trend section (open threats by band over time, decisions, time to remediate and to triage) and the revision history in the appendix. Reads revisions as `threatwright history` does.' },
  },
  examples: [
    { command: 'threatwright report -o THREATMODEL.md', description: 'Markdown for the repository (Mermaid diagrams render on GitHub)' },
    { command: 'threatwright report --format html -o threat-model.html', description: 'one self-contained file to share or archive' },
    { command: 'threatwright report --format pdf -o threat-model.pdf', description: 'for auditors (needs Chromium)' },
    { command: 'threatwright report --format html --history -o threat-model.html', description: 'with the trend over the model\'s git history and its revision history' },
    { command: 'threatwright report --format sarif -o threats.sarif', description: 'for GitHub code scanning' },
    { command: 'threatwright report --format csv > threats.csv', description: 'for a spreadsheet' },
  ],
  exitCodes: {
    0: 'The report was written.',
    2: 'The model has errors, a bad option, or with --history: not in a git repository, or the model was never committed.',
    3: 'The output file exists (use --force).',
    4: 'PDF was asked for and no Chromium or Chrome is installed.',
  },
  run: async (ctx) => {
    const format = (stringOption(ctx.values, 'format') ?? 'md') as ReportFormatName;
    const out = stringOption(ctx.values, 'output');
    if (format === 'pdf' && (out === undefined || out === '-')) throw new UserError('a PDF needs an output file', ExitCode.invalid, 'Add -o report.pdf.');
    const withHistory = flagOption(ctx.values, 'history');
    if (withHistory && format !== 'md' && format !== 'html' && format !== 'pdf') throw new UserError(`--history adds a section to a report: it works with md, html and pdf, not ${format}`, ExitCode.invalid, 'For the figures as data, use `threatwright history --format csv` or `--format json`.');
    const loaded = await loadModelOrExplain(ctx, ctx.positionals[0]);
    // Judged as of the report's date, so SOURCE_DATE_EPOCH makes the trend reproducible too.
    const history = withHistory ? (await historyFor(ctx, ctx.positionals[0], parseToday(reportDate(ctx.env)))).history : undefined;
    const data = await reportDataFor(loaded, ctx.cwd, ctx.env, history);
    let content: string | Uint8Array;
    switch (format) {
      case 'md':
      case 'html':
        content = await renderReport(data, format);
        break;
      case 'pdf':
        content = await htmlToPdf(await renderReport(data, 'html'), ctx.env, `Threat model: ${data.model.system.name}`);
        break;
      case 'csv':
        content = toCsv(data);
        break;
      case 'json':
        content = toJson(data);
        break;
      case 'sarif':
        content = toSarif(data);
        break;
    }
    await emit(ctx, out, content, flagOption(ctx.values, 'force'));
    return ExitCode.ok;
  },
};
