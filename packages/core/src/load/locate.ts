/** Source positions for paths of a loaded model, looked up only when something needs a location. */
import { isMap, isNode, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { SourceLocation } from '../issues.js';
import { MAX_SLOW_PARSE_BYTES } from './limits.js';
import { scanLocate } from './scan-locate.js';
import type { SourceFile } from './source.js';

export type ModelPath = readonly (string | number)[];

/**
 * Where the merged model's parts came from when it spans several files.
 * `lists` maps a list's path (keys joined by "\u0000") to the file and original index of each item;
 * `keys` maps a mapping entry's path to the file that contributed it. Both are empty for a single file.
 */
export interface Origins {
  lists: Map<string, { source: number; index: number }[]>;
  keys: Map<string, number>;
}

export const pathKey = (path: ModelPath): string => path.join('\u0000');

export interface LocateOptions {
  /** Point at the key of a mapping entry instead of its value (for unknown or duplicate keys). */
  key?: boolean;
}

/** The location of a path inside one file, or of its nearest existing parent. */
export function locateIn(source: SourceFile, path: ModelPath, options: LocateOptions = {}): SourceLocation | undefined {
  // Building the positioned document costs seconds on a large model: read lines while it is not built.
  if (!source.built) {
    const index = source.scan;
    const at = index ? scanLocate(index, path, options) : undefined;
    if (at) return { file: source.file, line: at.line, column: at.column };
    if (source.text.length > MAX_SLOW_PARSE_BYTES) {
      // The positioned document of a file this large costs more time and memory than loading may
      // take: the nearest parent the line scanner finds, or the start of the file.
      for (let n = path.length - 1; n > 0 && index; n--) {
        const parent = scanLocate(index, path.slice(0, n));
        if (parent) return { file: source.file, line: parent.line, column: parent.column };
      }
      return { file: source.file, line: 1, column: 1 };
    }
  }
  return locateInDocument(source, path, options);
}

/** `locateIn` through the positioned document, building it when needed. */
export function locateInDocument(source: SourceFile, path: ModelPath, options: LocateOptions = {}): SourceLocation | undefined {
  let node: Node | null = source.doc.contents;
  let best: Node | null = node;
  for (let i = 0; i < path.length && node; i++) {
    const key = path[i];
    let next: Node | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === key || String(p.key.value) === String(key) : p.key === key));
      if (pair) {
        const last = i === path.length - 1;
        if (last && options.key && isNode(pair.key)) next = pair.key;
        else next = isNode(pair.value) && pair.value.range ? pair.value : isNode(pair.key) ? pair.key : null;
      }
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      next = isNode(item) ? item : isPair(item) && isNode(item.key) ? item.key : null;
    }
    if (!next) break;
    node = next;
    if (node.range) best = node;
  }
  if (!best?.range) return { file: source.file, line: 1, column: 1 };
  const pos = source.lines.linePos(best.range[0]);
  return { file: source.file, line: pos.line, column: pos.col };
}

/** Which file holds a path of the merged model, and the path inside that file. */
export function resolveOrigin(origins: Origins, path: ModelPath): { source: number; path: (string | number)[] } {
  let source = 0;
  const local: (string | number)[] = [...path];
  if (origins.lists.size === 0 && origins.keys.size === 0) return { source, path: local };
  for (let i = 0; i < path.length; i++) {
    const prefix = pathKey(path.slice(0, i));
    const key = path[i];
    if (typeof key === 'number') {
      const origin = origins.lists.get(prefix)?.[key];
      if (origin) {
        source = origin.source;
        local[i] = origin.index;
      }
    } else {
      const owner = origins.keys.get(pathKey(path.slice(0, i + 1)));
      if (owner !== undefined) source = owner;
    }
  }
  return { source, path: local };
}
