/**
 * Splits an edited model back into the files it came from: the served model and its includes.
 * An item of a list (component, flow, threat decision, …) stays in the file that held it;
 * new items go to the served model. A section that only an included file has stays there.
 */
import { itemKey } from './yaml-patch.js';

type Data = Record<string, unknown>;

function isRecord(v: unknown): v is Data {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MAIN_ONLY = new Set(['threatwright', 'include', 'system', 'layout']);

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
  includes.forEach((inc, i) => {
    for (const [section, value] of Object.entries(inc)) {
      if (MAIN_ONLY.has(section)) continue;
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

  const mainOut: Data = {};
  for (const [section, value] of Object.entries(next)) {
    if (sectionOwner.has(section)) continue;
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
      else if (Array.isArray(value)) out[section] = Array.isArray(nextValue) ? nextValue.filter((item) => ownerOf(section, item) === i) : [];
      else if (sectionOwner.get(section) === i) {
        if (nextValue !== undefined) out[section] = nextValue;
      } else out[section] = value;
    }
    return out;
  });
  return [mainOut, ...includeOut];
}
