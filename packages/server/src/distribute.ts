/**
 * Splits an edited model back into the files it came from: the served model and its includes.
 * An item of a list (component, flow, threat decision, …) stays in the file that held it;
 * new items go to the served model. A section that only an included file has stays there.
 * Diagram positions (`layout:`) are split the same way, by element id: a position an included file
 * holds stays in it, new ones go to the served model (the loader refuses a position set in two files).
 */
import { itemKey } from './yaml-patch.js';

type Data = Record<string, unknown>;

function isRecord(v: unknown): v is Data {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MAIN_ONLY = new Set(['threatwright', 'include', 'system']);
/** Sections that are mappings of mappings (`layout.positions.<id>`), split between files by key. */
const KEYED = new Set(['layout']);

/** `files[0]` is the served model; returns the new data of each file, in the same order. */
export function distribute(files: readonly unknown[], next: unknown): unknown[] {
  // The loaded model has its includes merged in and no `include` list: the file keeps its own.
  const own = isRecord(files[0]) ? files[0]['include'] : undefined;
  if (isRecord(next) && own !== undefined && next['include'] === undefined) next = { ...next, include: own };
  if (!isRecord(next) || files.length <= 1) return [next];
  const includes = files.slice(1).map((f) => (isRecord(f) ? f : {}));
  const main = isRecord(files[0]) ? files[0] : {};
  /** section -> item key -> index of the include that holds it */
  const owner = new Map<string, Map<string, number>>();
  /** section (not a list) -> include that holds it */
  const sectionOwner = new Map<string, number>();
  /** keyed section -> part -> key -> index of the include that holds it */
  const keyOwner = new Map<string, Map<string, Map<string, number>>>();
  includes.forEach((inc, i) => {
    for (const [section, value] of Object.entries(inc)) {
      if (MAIN_ONLY.has(section)) continue;
      if (KEYED.has(section)) {
        if (!isRecord(value)) continue;
        const parts = keyOwner.get(section) ?? new Map<string, Map<string, number>>();
        for (const [part, entries] of Object.entries(value)) {
          if (!isRecord(entries)) continue;
          const m = parts.get(part) ?? new Map<string, number>();
          for (const k of Object.keys(entries)) if (!m.has(k)) m.set(k, i);
          parts.set(part, m);
        }
        keyOwner.set(section, parts);
        continue;
      }
      if (Array.isArray(value)) {
        const m = owner.get(section) ?? new Map<string, number>();
        for (const item of value) {
          const k = itemKey(item);
          if (k !== undefined && !m.has(k)) m.set(k, i);
        }
        owner.set(section, m);
      } else if (!(section in main) && !sectionOwner.has(section)) sectionOwner.set(section, i);
    }
  });
  const ownerOf = (section: string, item: unknown): number | undefined => {
    const k = itemKey(item);
    return k === undefined ? undefined : owner.get(section)?.get(k);
  };

  /** The part of a keyed section that file `i` (undefined: the served model) holds. */
  const keyedFor = (section: string, value: unknown, i: number | undefined): Data | undefined => {
    const parts = keyOwner.get(section);
    if (!parts || !isRecord(value)) return i === undefined ? (value as Data) : undefined;
    const out: Data = {};
    for (const [part, entries] of Object.entries(value)) {
      const owners = parts.get(part);
      if (!owners || !isRecord(entries)) {
        if (i === undefined) out[part] = entries;
        continue;
      }
      const mine: Data = {};
      for (const [k, v] of Object.entries(entries)) if (owners.get(k) === i) mine[k] = v;
      if (Object.keys(mine).length > 0 || (i === undefined && isRecord(main[section]) && part in main[section])) out[part] = mine;
    }
    return out;
  };

  const mainOut: Data = {};
  for (const [section, value] of Object.entries(next)) {
    if (sectionOwner.has(section)) continue;
    if (KEYED.has(section) && keyOwner.has(section)) {
      const mine = keyedFor(section, value, undefined);
      if (mine && (Object.keys(mine).length > 0 || section in main)) mainOut[section] = mine;
      continue;
    }
    if (Array.isArray(value) && owner.has(section)) {
      const mine = value.filter((item) => ownerOf(section, item) === undefined);
      if (mine.length > 0 || section in main) mainOut[section] = mine;
    } else mainOut[section] = value;
  }
  const includeOut = includes.map((inc, i) => {
    const out: Data = {};
    for (const [section, value] of Object.entries(inc)) {
      const nextValue = next[section];
      if (MAIN_ONLY.has(section)) out[section] = value;
      else if (KEYED.has(section)) out[section] = isRecord(value) ? (keyedFor(section, nextValue, i) ?? {}) : value;
      else if (Array.isArray(value)) out[section] = Array.isArray(nextValue) ? nextValue.filter((item) => ownerOf(section, item) === i) : [];
      else if (sectionOwner.get(section) === i) {
        if (nextValue !== undefined) out[section] = nextValue;
      } else out[section] = value;
    }
    return out;
  });
  return [mainOut, ...includeOut];
}
