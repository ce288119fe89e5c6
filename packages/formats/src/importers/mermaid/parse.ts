/**
 * A reader for Mermaid flowcharts as drawn in design documents: nodes with their shapes and
 * labels, edges (chains, `&` groups, labels in both syntaxes, arrow kinds), subgraphs (nested),
 * `classDef`/`class`/`:::` classes, and front-matter titles. Styling and click handlers are
 * noted, never evaluated. Pure and linear: no regular expression runs over more than one statement.
 */

export type Shape = 'rect' | 'round' | 'stadium' | 'cylinder' | 'circle' | 'double-circle' | 'subroutine' | 'rhombus' | 'hexagon' | 'parallelogram' | 'trapezoid' | 'asymmetric' | 'other';

export interface MNode {
  id: string;
  label: string | undefined;
  shape: Shape | undefined;
  classes: string[];
  /** Innermost subgraph the node was first declared in. */
  subgraph: string | undefined;
  line: number;
}

export interface MEdge {
  from: string;
  to: string;
  label: string | undefined;
  /** Arrow heads: `<-->` is both, `---` is none. */
  arrow: 'forward' | 'both' | 'none';
  line: number;
}

export interface MSubgraph {
  id: string;
  title: string;
  parent: string | undefined;
  line: number;
}

export interface Flowchart {
  title: string | undefined;
  direction: string | undefined;
  nodes: Map<string, MNode>;
  edges: MEdge[];
  subgraphs: MSubgraph[];
  /** Statements not imported, with the line and the reason. */
  skipped: { line: number; text: string; reason: string }[];
}

export class MermaidSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const HEADER = /^(flowchart|graph)(?:\s+(TB|TD|BT|RL|LR))?\s*;?\s*$/i;

/** Shapes by opening bracket, longest first; `close` ends the label. */
const SHAPES: { open: string; close: string; shape: Shape }[] = [
  { open: '(((', close: ')))', shape: 'double-circle' },
  { open: '([', close: '])', shape: 'stadium' },
  { open: '[(', close: ')]', shape: 'cylinder' },
  { open: '[[', close: ']]', shape: 'subroutine' },
  { open: '((', close: '))', shape: 'circle' },
  { open: '{{', close: '}}', shape: 'hexagon' },
  { open: '[/', close: '/]', shape: 'parallelogram' },
  { open: '[\\', close: '\\]', shape: 'parallelogram' },
  { open: '[/', close: '\\]', shape: 'trapezoid' },
  { open: '(', close: ')', shape: 'round' },
  { open: '[', close: ']', shape: 'rect' },
  { open: '{', close: '}', shape: 'rhombus' },
  { open: '>', close: ']', shape: 'asymmetric' },
];

/** Shapes of the `id@{ shape: … }` syntax. */
const NEW_SHAPES: Record<string, Shape> = {
  cyl: 'cylinder',
  cylinder: 'cylinder',
  db: 'cylinder',
  database: 'cylinder',
  das: 'cylinder',
  'h-cyl': 'cylinder',
  'lin-cyl': 'cylinder',
  rect: 'rect',
  rounded: 'round',
  stadium: 'stadium',
  pill: 'stadium',
  circle: 'circle',
  circ: 'circle',
  'dbl-circ': 'double-circle',
  diam: 'rhombus',
  diamond: 'rhombus',
  hex: 'hexagon',
  hexagon: 'hexagon',
  subproc: 'subroutine',
  'fr-rect': 'subroutine',
};

const ID = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[-.](?![-.=>]))*/u;

/** Mermaid's entity codes and line breaks in labels, turned into plain text. */
export function cleanLabel(raw: string): string {
  let s = raw.trim();
  if (s.startsWith('"') && s.endsWith('"') && s.length >= 2) s = s.slice(1, -1);
  if (s.startsWith('`') && s.endsWith('`') && s.length >= 2) s = s.slice(1, -1);
  return s
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/#quot;/g, '"')
    .replace(/#amp;/g, '&')
    .replace(/#lt;/g, '<')
    .replace(/#gt;/g, '>')
    .replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Math.min(Number(n), 0x10ffff)))
    .replace(/\\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a line into statements at `;` outside quotes. */
function statements(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

export function parseFlowchart(text: string): Flowchart {
  const chart: Flowchart = { title: undefined, direction: undefined, nodes: new Map(), edges: [], subgraphs: [], skipped: [] };
  const lines = text.split(/\r?\n/);
  let i = 0;
  // Front matter: --- title: … ---
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  if ((lines[i] ?? '').trim() === '---') {
    for (i++; i < lines.length && (lines[i] ?? '').trim() !== '---'; i++) {
      const m = /^title:\s*(.+)$/.exec((lines[i] ?? '').trim());
      if (m?.[1]) chart.title = cleanLabel(m[1].replace(/^'(.*)'$/, '$1'));
    }
    i++;
  }
  let header = false;
  const stack: string[] = [];
  for (; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = (lines[i] ?? '').replace(/%%.*$/, '');
    for (const stmt of statements(raw)) {
      if (!header) {
        const m = HEADER.exec(stmt);
        if (!m) throw new MermaidSyntaxError(`expected "flowchart" or "graph" first, found "${stmt.slice(0, 40)}"`, lineNo, 1);
        header = true;
        chart.direction = m[2]?.toUpperCase();
        continue;
      }
      const word = /^(\w+)\b/.exec(stmt)?.[1] ?? '';
      if (word === 'subgraph') {
        const rest = stmt.slice('subgraph'.length).trim();
        const m = /^([\p{L}\p{N}_\-.]+)\s*\[(.*)\]\s*$/u.exec(rest);
        const id = m?.[1] ?? (/^[\p{L}\p{N}_\-.]+$/u.test(rest) ? rest : `subgraph${chart.subgraphs.length + 1}`);
        const title = cleanLabel(m?.[2] ?? rest) || id;
        chart.subgraphs.push({ id, title, parent: stack.at(-1), line: lineNo });
        stack.push(id);
        continue;
      }
      if (word === 'end' && stmt === 'end') {
        if (stack.length === 0) throw new MermaidSyntaxError('"end" without a matching "subgraph"', lineNo, 1);
        stack.pop();
        continue;
      }
      if (word === 'direction') continue;
      if (word === 'classDef' || word === 'style' || word === 'linkStyle') {
        chart.skipped.push({ line: lineNo, text: stmt, reason: 'styling is presentation, not part of the model' });
        continue;
      }
      if (word === 'click') {
        chart.skipped.push({ line: lineNo, text: stmt, reason: 'click links and callbacks are not imported (and never run)' });
        continue;
      }
      if (word === 'class') {
        const m = /^class\s+([^\s]+)\s+([\w-]+)$/.exec(stmt);
        for (const id of (m?.[1] ?? '').split(',')) chart.nodes.get(id)?.classes.push(m?.[2] ?? '');
        continue;
      }
      parseChain(stmt, lineNo, stack.at(-1), chart);
    }
  }
  if (!header) throw new MermaidSyntaxError('no "flowchart" or "graph" header: this is not a Mermaid flowchart', 1, 1);
  if (stack.length > 0) throw new MermaidSyntaxError(`subgraph "${stack.at(-1) ?? ''}" is not closed with "end"`, lines.length, 1);
  return chart;
}

/** `A[x] --> B & C -- label --> D` */
function parseChain(stmt: string, line: number, subgraph: string | undefined, chart: Flowchart): void {
  let pos = 0;
  const fail = (what: string): never => {
    throw new MermaidSyntaxError(`${what} in "${stmt.slice(0, 60)}"`, line, pos + 1);
  };
  const ws = () => {
    while (pos < stmt.length && /\s/.test(stmt[pos] ?? '')) pos++;
  };
  const nodeGroup = (): string[] => {
    const ids: string[] = [];
    for (;;) {
      ws();
      ids.push(node());
      ws();
      if (stmt[pos] === '&') pos++;
      else return ids;
    }
  };
  const node = (): string => {
    const m = ID.exec(stmt.slice(pos));
    if (!m) return fail('expected a node id');
    const id = m[0];
    pos += id.length;
    let label: string | undefined;
    let shape: Shape | undefined;
    const rest = stmt.slice(pos);
    if (rest.startsWith('@{')) {
      const close = rest.indexOf('}');
      if (close < 0) fail('unclosed "@{"');
      const body = rest.slice(2, close);
      const named = /shape:\s*([\w-]+)/.exec(body)?.[1] ?? '';
      shape = (Object.hasOwn(NEW_SHAPES, named) ? NEW_SHAPES[named] : undefined) ?? 'other';
      const l = /label:\s*("(?:[^"]*)"|[^,}]+)/.exec(body)?.[1];
      if (l) label = cleanLabel(l);
      pos += close + 1;
    } else {
      const spec = SHAPES.find((s) => rest.startsWith(s.open) && closeAt(rest, s) >= 0);
      if (spec) {
        const end = closeAt(rest, spec);
        label = cleanLabel(rest.slice(spec.open.length, end));
        shape = spec.shape;
        pos += end + spec.close.length;
      }
    }
    const cls = /^:::([\w-]+)/.exec(stmt.slice(pos));
    const classes = cls?.[1] ? [cls[1]] : [];
    if (cls) pos += cls[0].length;
    const known = chart.nodes.get(id);
    if (known) {
      // A node belongs to the subgraph it is declared in (with a label or shape), else the first one that mentions it.
      if (subgraph !== undefined && (known.subgraph === undefined || label !== undefined || shape !== undefined)) known.subgraph = subgraph;
      if (label !== undefined && known.label === undefined) known.label = label;
      if (shape !== undefined && known.shape === undefined) known.shape = shape;
      for (const c of classes) known.classes.push(c);
    } else chart.nodes.set(id, { id, label, shape, classes, subgraph, line });
    return id;
  };
  let left = nodeGroup();
  for (;;) {
    ws();
    if (pos >= stmt.length) return;
    const edge = edgeAt(stmt.slice(pos));
    if (!edge) return fail('expected an arrow such as --> or a statement');
    pos += edge.length;
    const right = nodeGroup();
    if (edge.invisible) {
      left = right;
      continue;
    }
    for (const from of left) for (const to of right) chart.edges.push({ from, to, label: edge.label, arrow: edge.arrow, line });
    left = right;
  }
}

/** Where the label of a bracketed node ends (a quoted label may contain the closing bracket). */
function closeAt(rest: string, spec: { open: string; close: string }): number {
  let i = spec.open.length;
  while (i < rest.length && /\s/.test(rest[i] ?? '')) i++;
  if (rest[i] === '"') {
    const q = rest.indexOf('"', i + 1);
    if (q < 0) return -1;
    return rest.indexOf(spec.close, q + 1);
  }
  return rest.indexOf(spec.close, spec.open.length);
}

const PLAIN = /^(?:[\p{L}\p{N}_]+@)?([<ox])?(-{2,}|={2,}|-\.+-|~~~)([>ox])?(?:\|([^|]*)\|)?/u;
const WITH_TEXT = /^([<ox])?(--|==|-\.)(?![-=.>])\s*([^|]*?)\s*(-{2,}|={2,}|\.+-)([>ox])?(?=\s|[\p{L}\p{N}_"]|$)/u;

function edgeAt(rest: string): { length: number; label: string | undefined; arrow: MEdge['arrow']; invisible: boolean } | undefined {
  const t = WITH_TEXT.exec(rest);
  if (t?.[3]) {
    const head = t[5] === '>';
    const tail = t[1] === '<';
    return { length: t[0].length, label: cleanLabel(t[3]) || undefined, arrow: head && tail ? 'both' : head ? 'forward' : 'none', invisible: false };
  }
  const p = PLAIN.exec(rest);
  if (!p) return undefined;
  const head = p[3] === '>';
  const tail = p[1] === '<';
  return { length: p[0].length, label: p[4] !== undefined ? cleanLabel(p[4]) || undefined : undefined, arrow: head && tail ? 'both' : head ? 'forward' : 'none', invisible: p[2] === '~~~' };
}
