/**
 * A structural reader for the Mermaid flowcharts we write: every line must be one of the
 * statement forms we emit, labels must be closed quotes without raw syntax characters,
 * subgraphs must balance, and edges must join declared nodes. (Full parsing by Mermaid
 * itself happens in the browser test.)
 */
const LABEL = '"(?:[^"`<>%{}\\n]|<br>)*"';
const NODE = new RegExp(`^\\s*([A-Za-z][A-Za-z0-9_]*)(\\(\\(${LABEL}\\)\\)|\\[\\(${LABEL}\\)\\]|\\[\\[${LABEL}\\]\\]|\\{\\{${LABEL}\\}\\}|\\[${LABEL}\\]|\\(${LABEL}\\))$`, 'u');
const EDGE = new RegExp(`^\\s*([A-Za-z][A-Za-z0-9_]*) (<?-->|<?-\\.->|---|-\\.-)(\\|${LABEL}\\|)? ([A-Za-z][A-Za-z0-9_]*)$`, 'u');
const SUBGRAPH = new RegExp(`^\\s*subgraph ([A-Za-z][A-Za-z0-9_]*) \\[${LABEL}\\]$`, 'u');

export interface MermaidShape {
  nodes: Map<string, string>;
  subgraphs: string[];
  edges: { from: string; to: string; label: string | undefined }[];
}

export function checkMermaid(text: string): MermaidShape {
  let lines = text.split('\n').filter((l) => l.trim() !== '');
  // Front matter (layout configuration only): plain keys and numbers, never model text.
  if (lines[0] === '---') {
    const close = lines.indexOf('---', 1);
    if (close < 0) throw new Error('unclosed front matter');
    for (const l of lines.slice(1, close)) if (!/^ *[A-Za-z]+:( \d+)?$/u.test(l)) throw new Error(`unexpected front matter line: ${l}`);
    lines = lines.slice(close + 1);
  }
  if (!/^flowchart (LR|TB)$/u.test(lines[0] ?? '')) throw new Error(`not a flowchart header: ${lines[0] ?? ''}`);
  const nodes = new Map<string, string>();
  const subgraphs: string[] = [];
  const edges: MermaidShape['edges'] = [];
  let depth = 0;
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = SUBGRAPH.exec(line))) {
      subgraphs.push(m[1] ?? '');
      depth++;
    } else if (depth > 0 && /^\s*direction (LR|TB)$/u.test(line)) {
      continue;
    } else if (line.trim() === 'end') {
      depth--;
      if (depth < 0) throw new Error('unbalanced end');
    } else if ((m = NODE.exec(line))) {
      const id = m[1] ?? '';
      if (nodes.has(id)) throw new Error(`node declared twice: ${id}`);
      nodes.set(id, m[2] ?? '');
    } else if ((m = EDGE.exec(line))) {
      const [from, to] = [m[1] ?? '', m[4] ?? ''];
      if (!nodes.has(from) || !nodes.has(to)) throw new Error(`edge to an undeclared node: ${line}`);
      edges.push({ from, to, label: m[3] });
    } else if (/^\s*(classDef \w+ [\w:#.,\- ]+|class [\w,]+ \w+|style \w+ [\w:#.,\- ]+|linkStyle \d+ [\w:#.,\- ]+)$/u.test(line)) {
      continue;
    } else throw new Error(`unexpected Mermaid line: ${line}`);
  }
  if (depth !== 0) throw new Error('unbalanced subgraph');
  return { nodes, subgraphs, edges };
}
