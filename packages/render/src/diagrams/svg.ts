/**
 * DOT -> SVG in-process with Graphviz compiled to WebAssembly: no system binary needed,
 * and pure (the WASM module is embedded in the package, nothing is read or fetched).
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';

let graphviz: Promise<Graphviz> | undefined;

function load(): Promise<Graphviz> {
  graphviz ??= Graphviz.load();
  return graphviz;
}

/** Lays out and renders DOT as a standalone SVG document. */
export async function dotToSvg(dot: string): Promise<string> {
  const gv = await load();
  return gv.dot(dot, 'svg');
}

/** The SVG element alone (no XML prolog or DOCTYPE), for embedding inline in HTML. */
export async function dotToInlineSvg(dot: string): Promise<string> {
  const svg = await dotToSvg(dot);
  const start = svg.indexOf('<svg');
  return start >= 0 ? svg.slice(start) : svg;
}
