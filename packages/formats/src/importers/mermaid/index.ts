/**
 * Mermaid flowchart importer: the data-flow diagram drawn in a design document becomes a starting
 * model. Nodes become components (kind from the shape, a class, or — reported as a guess — the
 * name), edges become flows, subgraphs become trust boundaries. Also reads the first ```mermaid
 * flowchart block of a Markdown file.
 */
import type { Boundary, Component, Flow, Model } from '@threatwright/core';
import type { ImportResult, Importer } from '../../types.js';
import { compact } from '../../shared/data.js';
import { IdAllocator } from '../../shared/ids.js';
import { rejection, ReportBuilder } from '../../shared/report.js';
import { stripBom } from '../../shared/decode.js';
import { MermaidSyntaxError, parseFlowchart, type MNode } from './parse.js';
import { SELF_FLOW_REASON } from '../../shared/model-rules.js';
import { finishImport } from '../../shared/conform.js';

const FLOWCHART_START = /^\s*(?:---\r?\n[\s\S]*?\r?\n---\s*\r?\n)?(?:\s*%%[^\n]*\n)*\s*(?:flowchart|graph)(?:[ \t]+(?:TB|TD|BT|RL|LR))?[ \t]*(?:;|\r?\n|$)/i;

export const importer: Importer = {
  format: 'mermaid',
  name: 'Mermaid flowchart',
  extensions: ['.mmd', '.mermaid', '.md'],
  detect: (text) => extract(text) !== undefined,
  import: importMermaid,
};

/** The flowchart text and the line it starts on (1-based), from a .mmd file or a Markdown fence. */
function extract(text: string): { chart: string; firstLine: number; otherBlocks: number } | undefined {
  const body = stripBom(text);
  if (FLOWCHART_START.test(body.slice(0, 4096))) return { chart: body, firstLine: 1, otherBlocks: 0 };
  const fences = [...body.matchAll(/^(`{3,}|~{3,})\s*mermaid\s*\r?\n/gm)];
  for (const f of fences) {
    const start = f.index + f[0].length;
    const fenceChars = f[1];
    const close = body.indexOf(`\n${fenceChars}`, start - 1);
    const chart = body.slice(start, close < 0 ? undefined : close);
    if (FLOWCHART_START.test(chart)) return { chart, firstLine: body.slice(0, start).split('\n').length, otherBlocks: fences.length - 1 };
  }
  return undefined;
}

const EXTERNAL_CLASS = /^(external|external-?entity|actor|entity|user|person|ext)$/i;
const STORE_CLASS = /^(datastore|data-?store|store|database|db|storage)$/i;
const PROCESS_CLASS = /^(process|service|app|function)$/i;
const EXTERNAL_NAME = /\b(user|users|browser|client|customer|customers|admin|administrator|actor|visitor|attacker|partner|third[- ]party|mobile app|person|people|operator|external)\b/i;
const STORE_NAME = /\b(db|database|datastore|data store|store|storage|bucket|s3|cache|redis|postgres(?:ql)?|mysql|mongo(?:db)?|dynamo(?:db)?|queue|kafka|table|files?|disk|vault|ledger|logs?)\b/i;

function kindOf(node: MNode): { kind: Component['kind']; why: string; guessed: boolean } {
  for (const c of node.classes) {
    if (EXTERNAL_CLASS.test(c)) return { kind: 'external-entity', why: `class "${c}"`, guessed: false };
    if (STORE_CLASS.test(c)) return { kind: 'datastore', why: `class "${c}"`, guessed: false };
    if (PROCESS_CLASS.test(c)) return { kind: 'process', why: `class "${c}"`, guessed: false };
  }
  if (node.shape === 'cylinder') return { kind: 'datastore', why: 'cylinder shape', guessed: false };
  if (node.shape === 'circle' || node.shape === 'double-circle') return { kind: 'process', why: 'circle shape', guessed: false };
  const name = node.label ?? node.id;
  if (STORE_NAME.test(name)) return { kind: 'datastore', why: `the name "${name}"`, guessed: true };
  if (EXTERNAL_NAME.test(name)) return { kind: 'external-entity', why: `the name "${name}"`, guessed: true };
  return { kind: 'process', why: 'the default for boxes', guessed: node.shape === 'rect' || node.shape === undefined };
}

const PROTOCOL = /\b(https|http|grpcs?|tls|mtls|sql|amqps?|mqtts?|ssh|sftp|smtps?|wss|ws|ldaps?|kafka|graphql|rest)\b/i;

export function importMermaid(text: string, options: { fileName: string }): ImportResult {
  const file = options.fileName;
  const report = new ReportBuilder('mermaid');
  const source = extract(text);
  if (!source) return { model: undefined, report: report.build(), issues: [rejection(file, 'bad-mermaid', 'no Mermaid flowchart found (a "flowchart" or "graph" diagram, alone or in a ```mermaid block)', 'Sequence, class and other Mermaid diagrams do not describe data flows; draw the system as a flowchart.')] };
  let chart;
  try {
    chart = parseFlowchart(source.chart);
  } catch (err) {
    if (err instanceof MermaidSyntaxError) return { model: undefined, report: report.build(), issues: [rejection(file, 'mermaid-syntax', `not a valid Mermaid flowchart: ${err.message}`, 'Check the diagram in the Mermaid live editor, then import it again.', { line: err.line + source.firstLine - 1, column: err.column })] };
    throw err;
  }
  if (source.otherBlocks > 0) report.dropped(`${source.otherBlocks} other mermaid block(s)`, 'only the first flowchart of a document is imported; import the others from their own files');

  const ids = new IdAllocator();
  const subgraphIds = new Set(chart.subgraphs.map((s) => s.id));
  const boundaries: Boundary[] = [];
  for (const sg of chart.subgraphs) {
    report.found('subgraphs');
    if (ids.lookup('boundary', sg.id) !== undefined) {
      // Mermaid draws a second `subgraph X` as the same box: one boundary.
      report.adjusted(`subgraph ${sg.id} (line ${sg.line + source.firstLine - 1})`, `declared again; kept once as boundary ${ids.lookup('boundary', sg.id) ?? ''}`);
      continue;
    }
    const id = ids.allocate('boundary', sg.id);
    const name = sg.title.trim() === '' ? sg.id : sg.title;
    if (name !== sg.title) report.adjusted(`subgraph ${sg.id}`, `has an empty title; named "${name}"`);
    boundaries.push(compact({ id, name, parent: sg.parent ? ids.lookup('boundary', sg.parent) : undefined }));
    report.mapped(`subgraph ${sg.id} ("${sg.title}")`, `boundary ${id}`);
  }
  if (boundaries.length > 0) report.adjusted('subgraphs', 'read as trust boundaries: set `trust` on each, and remove those that are only visual groups');

  const components: Component[] = [];
  for (const node of chart.nodes.values()) {
    // An id that names a subgraph is the subgraph itself (edges may point at it).
    if (subgraphIds.has(node.id) && node.label === undefined && node.shape === undefined) continue;
    report.found('nodes');
    const id = ids.allocate('component', node.id);
    const { kind, why, guessed } = kindOf(node);
    const boundary = node.subgraph ? ids.lookup('boundary', node.subgraph) : undefined;
    const blank = node.label !== undefined && node.label.trim() === '';
    if (blank) report.adjusted(`node ${node.id}`, `has an empty label; named "${node.id}"`);
    components.push(compact({ id, name: node.label === undefined || blank ? node.id : node.label, kind, boundary, properties: { source_id: node.id } }));
    report.mapped(`node ${node.id}${node.label ? ` ("${node.label}")` : ''} (line ${node.line + source.firstLine - 1})`, `component ${id}, ${kind} (${why})${boundary ? ` in boundary ${boundary}` : ''}`);
    if (guessed) report.adjusted(`node ${node.id}`, `kind "${kind}" guessed from ${why}: check it (Mermaid shapes: [(…)] data store, ((…)) process; or add a class "external", "datastore" or "process")`);
  }

  const flows: Flow[] = [];
  let undirected = 0;
  for (const e of chart.edges) {
    report.found('edges');
    const from = ids.lookup('component', e.from);
    const to = ids.lookup('component', e.to);
    const where = `edge ${e.from} → ${e.to}${e.label ? ` ("${e.label}")` : ''} (line ${e.line + source.firstLine - 1})`;
    if (!from || !to) {
      report.dropped(where, `${!from ? e.from : e.to} is a subgraph, not an element: a flow needs an element at each end`);
      continue;
    }
    if (from === to) {
      report.dropped(where, SELF_FLOW_REASON);
      continue;
    }
    const id = ids.allocate('flow');
    const protocol = e.label ? PROTOCOL.exec(e.label)?.[1]?.toLowerCase() : undefined;
    if (e.arrow === 'none') undirected++;
    flows.push(compact({ id, from, to, label: e.label, protocol, bidirectional: e.arrow === 'both' ? true : undefined }));
    report.mapped(where, `flow ${id}${protocol ? ` (protocol ${protocol} from its label)` : ''}${e.arrow === 'both' ? ', both ways' : ''}`);
  }
  if (undirected > 0) report.adjusted(`${undirected} edge(s) without an arrow head`, 'read as flowing from left to right as written; reverse any that go the other way');
  for (const s of chart.skipped) report.dropped(`line ${s.line + source.firstLine - 1}: ${s.text.slice(0, 60)}`, s.reason);

  if (!chart.title) report.adjusted('system name', 'the diagram has no title: named after the file; change system.name');
  for (const [section, list] of [['components', components], ['flows', flows], ['boundaries', boundaries]] as const) report.created(section, list.length);
  const model: Model = compact({
    threatwright: 1 as const,
    system: { name: chart.title ?? (file.split(/[\\/]/).pop()?.replace(/\.(mmd|mermaid|md|markdown)$/i, '') || 'Imported Mermaid diagram') },
    components,
    flows,
    boundaries,
  });
  return finishImport(model, report, file);
}
