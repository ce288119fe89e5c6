/**
 * Every renderer on a small valid model whose every text field is a hostile string: names,
 * descriptions, titles, owners, tags, labels, acceptance criteria and test names (and ids, within
 * what the schema allows). Each target checks its format's contract on the output:
 *
 * - html, svg: no element or attribute comes from the model (no `<script`, no `on…=`, no
 *   `javascript:` URL), and SVG parses as XML;
 * - csv: every row has every column, and no text cell starts a formula (= + - @ tab CR);
 * - json, sarif: the text parses, and the model's strings come back exactly;
 * - mermaid, dot: no label is left open (the output has the shape of the same model with plain
 *   names);
 * - markdown, backlog: every table row keeps its columns, no raw `<script`, no line separator,
 *   no live @mention or issue reference in a tracker body;
 * - terminal (`check`, `analyze`, `validate`, `backlog`, `adopt` run in-process): no control
 *   character but line feeds, no bidirectional or invisible character, no line that starts
 *   with `::`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze, loadModel, type Model } from '@threatwright/core';
import { backlogItems, backlogMarkdown, buildReportData, CSV_COLUMNS, markdownBody, renderDiagram, renderReport, toCsv, toJson, toSarif, type ReportData } from '@threatwright/render';
import fc from 'fast-check';
import { runCli } from '../../packages/cli/src/testing.js';
import { parseCsv } from '../../packages/render/test/csv-parse.js';
import { checkMermaid } from '../../packages/render/test/mermaid-check.js';
import { inventory } from '../../packages/render/test/xml-check.js';
import { expect, hostileString, target, type FuzzTarget } from '../harness.js';

/** The hostile texts of one input, one per field of the model. */
const FIELDS = ['system', 'description', 'boundary', 'external', 'process', 'store', 'asset', 'flow', 'threat', 'mitigation', 'owner', 'tag', 'acceptance', 'test', 'justification'] as const;
type Field = (typeof FIELDS)[number];
export interface RenderInput {
  text: Record<Field, string>;
  /** Suffixes that make ids as odd as the schema allows (letters, digits, "_", ".", ":", "-"). */
  ids: string[];
}

const idSuffix = fc.stringMatching(/^[A-Za-z0-9_.:-]{0,6}$/u);

const input: () => fc.Arbitrary<RenderInput> = () =>
  fc.record({
    text: fc.record(Object.fromEntries(FIELDS.map((f) => [f, hostileString()])) as Record<Field, fc.Arbitrary<string>>),
    ids: fc.array(idSuffix, { minLength: 8, maxLength: 8 }),
  });

/** A name or title may not be blank; everything else takes the string as it is. */
const name = (s: string, fallback: string): string => (s.trim() === '' ? fallback : s);

/** The model: a browser, an API and a database across a boundary, one asset, one manual threat with a mitigation. */
export function modelOf(i: RenderInput): Model {
  const t = i.text;
  const id = (prefix: string, n: number) => `${prefix}${String(n)}${i.ids[n] ?? ''}`;
  const [B, C1, C2, C3, A, F1, T, R] = [id('B', 0), id('C', 1), id('C', 2), id('C', 3), id('A', 4), id('F', 5), id('T', 6), id('R', 7)];
  return {
    threatwright: 1,
    system: { name: name(t.system, 'S'), description: t.description, owner: t.owner },
    boundaries: [{ id: B, name: name(t.boundary, 'B'), trust: 'untrusted' }],
    components: [
      { id: C1, name: name(t.external, 'E'), kind: 'external-entity', boundary: B, description: t.description, tags: [t.tag], owner: t.owner },
      { id: C2, name: name(t.process, 'P'), kind: 'process', type: 'api', tech: t.tag, description: t.description, tags: [t.tag], owner: t.owner, assets: { processed: [A] } },
      { id: C3, name: name(t.store, 'D'), kind: 'datastore', type: 'database', description: t.description, tags: [t.tag], assets: { stored: [A] } },
    ],
    assets: [{ id: A, name: name(t.asset, 'A'), description: t.description, owner: t.owner, type: 'personal-data' }],
    flows: [
      { id: F1, from: C1, to: C2, label: t.flow, description: t.description, protocol: 'http', data: [A], tags: [t.tag] },
      { id: `${F1}x`, from: C2, to: C3, label: t.flow, protocol: 'sql' },
    ],
    threats: [{ id: T, title: name(t.threat, 'T'), description: t.description, category: 'spoofing', elements: [C2], assets: [A], status: 'open', likelihood: 5, impact: 5, owner: t.owner, justification: t.justification, mitigations: [R], tags: [t.tag] }],
    mitigations: [{ id: R, title: name(t.mitigation, 'M'), description: t.description, status: 'proposed', owner: t.owner, due: '2020-01-01', acceptance: t.acceptance, verification: { test: t.test } }],
  };
}

/** The same input with every text plain, for the shape the output must keep. */
function plain(i: RenderInput): RenderInput {
  return { ids: i.ids, text: Object.fromEntries(FIELDS.map((f) => [f, 'plain'])) as Record<Field, string> };
}

/** Outputs of plain models by format and ids: shrinking asks for the same ones again and again. */
const baselines = new Map<string, string>();
async function baseline(format: string, i: RenderInput, render: (m: Model) => Promise<string>): Promise<string> {
  const key = `${format} ${JSON.stringify(i.ids)}`;
  const known = baselines.get(key);
  if (known !== undefined) return known;
  if (baselines.size > 200) baselines.clear();
  const out = await render(loaded(plain(i)));
  baselines.set(key, out);
  return out;
}

function loaded(i: RenderInput): Model {
  const m = modelOf(i);
  const result = loadModel({ file: 'threatmodel.json', text: JSON.stringify(m) });
  const errors = result.issues.filter((x) => x.severity === 'error');
  expect(result.model !== undefined && errors.length === 0, `the generated model does not load: ${errors.map((e) => e.message).join('; ')}`);
  return result.model;
}

function dataOf(model: Model): ReportData {
  return buildReportData(model, { analysis: analyze(model), meta: { file: 'threatmodel.json', date: '2026-11-23', revision: 'abc1234', toolVersion: '0.0.0' } });
}

const fixture = {
  toFixture: (i: RenderInput) => JSON.stringify(i, null, 2),
  fromFixture: (text: string) => JSON.parse(text) as RenderInput,
};

// --- contracts ---------------------------------------------------------------------------------

/** Element and attribute names in HTML markup (tags only; comments and text are skipped). */
function tags(markup: string): { elements: Set<string>; attributes: Set<string>; urls: string[] } {
  const elements = new Set<string>();
  const attributes = new Set<string>();
  const urls: string[] = [];
  const body = markup.replace(/<!--[\s\S]*?-->/gu, '');
  for (const m of body.matchAll(/<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gu)) {
    elements.add((m[1] ?? '').toLowerCase());
    for (const a of (m[2] ?? '').matchAll(/([^\s="'/>]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/gu)) {
      const attr = (a[1] ?? '').toLowerCase();
      attributes.add(attr);
      if (/^(href|src|xlink:href|action|formaction)$/u.test(attr)) urls.push((a[2] ?? '').replace(/^["']|["']$/gu, ''));
    }
  }
  return { elements, attributes, urls };
}

function noMarkupFromModel(out: string, baseline: string): void {
  expect(!/<script/iu.test(out), 'a <script element');
  const got = tags(out);
  const known = tags(baseline);
  for (const e of got.elements) expect(known.elements.has(e) || e === 'br', `element <${e}> not in the plain model's output`);
  for (const a of got.attributes) expect(!a.startsWith('on'), `event handler attribute ${a}`);
  for (const a of got.attributes) expect(known.attributes.has(a), `attribute ${a} not in the plain model's output`);
  for (const u of got.urls) expect(!/^\s*(javascript|vbscript|data):/iu.test(u.replace(/&#?\w+;/gu, '')), `a ${u} URL`);
}

// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]|(?![\u200c\u200d])\p{Cf}|\p{Cs}/u;

function terminalSafe(out: string, what: string): void {
  const m = TERMINAL_UNSAFE.exec(out);
  expect(m === null, `${what}: U+${(m?.[0].codePointAt(0) ?? 0).toString(16).toUpperCase()} reaches the terminal`);
  for (const line of out.split('\n')) expect(!line.trimStart().startsWith('::'), `${what}: a line starts with "::": ${JSON.stringify(line.slice(0, 80))}`);
}

/** Cells of a Markdown table row, counting only pipes that are not escaped. */
function cells(row: string): number {
  let n = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++;
    else if (row[i] === '|') n++;
  }
  return n;
}

function markdownContract(out: string): void {
  // A backslash before "<" keeps it text in every CommonMark renderer.
  expect(!/(?<!\\)<script/iu.test(out), 'a raw <script');
  expect(!/[\u2028\u2029\u0085]/u.test(out), 'a line separator');
  const lines = out.split('\n');
  let fence = false;
  let columns: number | undefined;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] ?? '';
    if (line.startsWith('```')) fence = !fence;
    if (fence) continue;
    expect(!line.trimStart().startsWith('::'), `a line starts with "::": ${JSON.stringify(line.slice(0, 80))}`);
    if (/^\|(\s*:?-+:?\s*\|)+\s*$/u.test(line)) columns = cells(line);
    else if (columns !== undefined && line.startsWith('|')) expect(cells(line) === columns, `a table row with ${String(cells(line))} pipes instead of ${String(columns)}: ${JSON.stringify(line.slice(0, 120))}`);
    else if (!line.startsWith('|')) columns = undefined;
  }
}

/** Mentions and references a tracker acts on, outside code, fences and comments (backslashes do not stop them). */
function liveReferences(markdown: string): string[] {
  const md = markdown.replace(/```[\s\S]*?```/gu, ' ').replace(/<!--[\s\S]*?-->/gu, ' ');
  // The text a tracker sees: backslash escapes resolved (CommonMark: only before ASCII punctuation;
  // elsewhere the backslash is text, so `@\A` reads "@\A", not "@A"), code spans (between
  // unescaped backtick runs of one length) left out.
  let text = '';
  for (let k = 0; k < md.length; k++) {
    const ch = md[k] ?? '';
    if (ch === '\\' && k + 1 < md.length && /[!-/:-@[-`{-~]/u.test(md[k + 1] ?? '')) text += md[++k] ?? '';
    else if (ch === '`') {
      const run = /^`+/u.exec(md.slice(k))?.[0] ?? '`';
      const close = md.indexOf(run, k + run.length);
      if (close < 0) {
        text += run;
        k += run.length - 1;
      } else {
        text += ' ';
        k = close + run.length - 1;
      }
    } else text += ch;
  }
  return text.match(/(?<![\p{L}\p{N}_])(@[\p{L}\p{N}_][\p{L}\p{N}_.-]*(\/[\w.-]+)?|([\w.-]+\/[\w.-]+)?#\d+|GH-\d+|[!&]\d+)/giu) ?? [];
}

/** Every string value in a parsed JSON document. */
function strings(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** The output with every quoted string emptied: what the model's text must not change. */
function skeleton(out: string, quoted: RegExp): string {
  return out.replace(quoted, '""');
}

// --- terminal ----------------------------------------------------------------------------------

let workdir: string | undefined;
async function cli(i: RenderInput, argv: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  workdir ??= mkdtempSync(path.join(tmpdir(), 'tw-fuzz-render-'));
  writeFileSync(path.join(workdir, 'threatmodel.json'), JSON.stringify(modelOf(i)));
  return runCli(argv, { cwd: workdir });
}

// --- targets -----------------------------------------------------------------------------------

function renderTarget(format: string, check: (i: RenderInput) => void | Promise<void>): FuzzTarget<RenderInput> {
  return target<RenderInput>({ name: `render:${format}`, arbitrary: input, check, ...fixture });
}

export const targets = [
  renderTarget('markdown', async (i) => {
    markdownContract(await renderReport(dataOf(loaded(i)), 'md'));
  }),
  renderTarget('backlog', (i) => {
    const data = dataOf(loaded(i));
    for (const per of ['mitigation', 'threat'] as const) {
      const items = backlogItems(data, { per });
      for (const item of items) {
        const body = markdownBody(item);
        markdownContract(body);
        const live = liveReferences(body);
        expect(live.length === 0, `a live mention or reference in a backlog body: ${live.join(', ')}`);
        expect(!/[\n\r]/u.test(item.title), 'a line break in an issue title');
      }
      // The printed backlog (`backlog --print`): the same bodies under headings of their own.
      const printed = backlogMarkdown(items, { per, threshold: 'P1', system: data.model.system.name });
      markdownContract(printed);
      const live = liveReferences(printed);
      expect(live.length === 0, `a live mention or reference in the printed backlog: ${live.join(', ')}`);
    }
  }),
  renderTarget('html', async (i) => {
    noMarkupFromModel(await renderReport(dataOf(loaded(i)), 'html'), await baseline('html', i, (m) => renderReport(dataOf(m), 'html')));
  }),
  renderTarget('svg', async (i) => {
    const svg = await renderDiagram(loaded(i), 'svg');
    const inv = inventory(svg);
    const plainSvg = await baseline('svg', i, (m) => renderDiagram(m, 'svg'));
    const base = inventory(plainSvg);
    for (const e of inv.elements) expect(base.elements.has(e), `element <${e}> not in the plain model's SVG`);
    for (const a of inv.attributes) expect(base.attributes.has(a) && !a.startsWith('on'), `attribute ${a} not in the plain model's SVG`);
    noMarkupFromModel(svg, plainSvg);
  }),
  renderTarget('csv', (i) => {
    const rows = parseCsv(toCsv(dataOf(loaded(i))));
    expect(rows.length > 1, 'no threat rows');
    for (const row of rows) {
      expect(row.length === CSV_COLUMNS.length, `a row with ${String(row.length)} cells instead of ${String(CSV_COLUMNS.length)}`);
      for (const cell of row) expect(/^-?\d+(\.\d+)?$/u.test(cell) || !/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u.test(cell), `a cell starts a formula: ${JSON.stringify(cell.slice(0, 40))}`);
    }
  }),
  renderTarget('json', (i) => {
    const model = loaded(i);
    const parsed = JSON.parse(toJson(dataOf(model))) as { threats: { id: string; title: string; description?: string; owner: string | null }[] };
    const [source] = model.threats ?? [];
    const t = parsed.threats.find((x) => x.id === source?.id);
    expect(source !== undefined && t !== undefined, 'the manual threat is missing');
    expect(t.title === source.title, 'the threat title does not round-trip');
    expect(t.owner === source.owner, 'the threat owner does not round-trip');
  }),
  renderTarget('sarif', (i) => {
    const model = loaded(i);
    const all = strings(JSON.parse(toSarif(dataOf(model))));
    const title = model.threats?.[0]?.title ?? '';
    expect([...all].some((s) => s.includes(title)), 'the threat title does not round-trip');
  }),
  renderTarget('mermaid', async (i) => {
    const out = await renderDiagram(loaded(i), 'mermaid');
    checkMermaid(out);
    const quoted = /"[^"\n]*"/gu;
    expect(skeleton(out, quoted) === skeleton(await baseline('mermaid', i, (m) => renderDiagram(m, 'mermaid')), quoted), 'model text changed the diagram\'s structure');
  }),
  renderTarget('dot', async (i) => {
    const out = await renderDiagram(loaded(i), 'dot');
    const quoted = /"(?:[^"\\\n]|\\.)*"/gu;
    // The title is text inside the HTML-like title-and-key label (escaped: it holds no "<"), and the
    // direction (and the rank spacing that goes with it) is chosen by measuring the layout, which
    // text lengths change; neither is structure.
    const shape = (dot: string) => skeleton(dot, quoted).replace(/<B>[^<]*<\/B>/gu, '<B></B>').replace(/rankdir=(?:LR|TB)/gu, 'rankdir=').replace(/ranksep=[\d.]+/gu, 'ranksep=');
    expect(shape(out) === shape(await baseline('dot', i, (m) => renderDiagram(m, 'dot'))), 'model text changed the graph\'s structure');
  }),
  renderTarget('terminal', async (i) => {
    loaded(i);
    const commands = [
      ['check', 'threatmodel.json', '--today', '2026-11-23'],
      ['check', 'threatmodel.json', '--today', '2026-11-23', '--color'],
      ['analyze', 'threatmodel.json', '--all'],
      ['validate', 'threatmodel.json'],
      ['backlog', 'threatmodel.json', '--to', 'github', '--repo', 'acme/shop'],
      ['backlog', 'threatmodel.json', '--print'],
      ['adopt', 'threatmodel.json', '--all', '--dry-run'],
    ];
    for (const argv of commands) {
      const run = await cli(i, argv);
      expect(run.code < 3, `${argv[0] ?? ''} exited ${String(run.code)}: ${run.stderr.slice(0, 300)}`);
      const colours = argv.includes('--color');
      // eslint-disable-next-line no-control-regex
      const strip = (s: string) => (colours ? s.replace(/\u001b\[[0-9;]*m/gu, '') : s);
      terminalSafe(strip(run.stdout), `${argv[0] ?? ''} stdout`);
      terminalSafe(strip(run.stderr), `${argv[0] ?? ''} stderr`);
    }
  }),
];
