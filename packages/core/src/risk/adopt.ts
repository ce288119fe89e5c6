/**
 * Adopting a rule's suggested mitigations into the model in one step: each becomes a mitigation
 * object with the rule's acceptance criteria and the test that would prove it, linked to the
 * finding by fingerprint. Works on the file's own data (not the loaded model, which has includes
 * merged in), so the caller can write it back with a comment-preserving patch. Pure.
 */
import { own } from '../data.js';
import type { MitigationStatus } from '../model/types.js';
import type { RuleMitigation } from '../engine/types.js';

export interface AdoptOptions {
  /** Which of a rule's suggestions to adopt, 1-based (default: all of them). */
  readonly pick?: readonly number[];
  readonly owner?: string;
  readonly due?: string;
  /** Default `proposed`. */
  readonly status?: MitigationStatus;
}

/** What adopting needs to know about the analysis: each threat's rule and the rules' suggestions. */
export interface AdoptSource {
  readonly threats: readonly { readonly id: string; readonly ruleId?: string; readonly title: string }[];
  readonly rules: Readonly<Record<string, { readonly mitigations: readonly RuleMitigation[] }>>;
  /** Ids of every mitigation in the model, included files too, so new ids never clash. */
  readonly mitigationIds: readonly string[];
}

export interface Adopted {
  readonly id: string;
  readonly title: string;
  readonly fingerprint: string;
  /** false: a mitigation with this title existed in the file; only the link was added (or was there already). */
  readonly created: boolean;
  readonly linked: boolean;
}

export interface AdoptResult {
  /** The file's data with the adopted mitigations; the same object when nothing changed. */
  readonly data: Record<string, unknown>;
  readonly adopted: readonly Adopted[];
  /** Fingerprints (or picks) that could not be adopted, with why. */
  readonly problems: readonly string[];
}

function nextId(taken: Set<string>): string {
  let max = 0;
  for (const id of taken) {
    const m = /^R(\d+)$/.exec(id);
    if (m?.[1] !== undefined) max = Math.max(max, Number(m[1]));
  }
  let n = max + 1;
  while (taken.has(`R${String(n)}`)) n++;
  const id = `R${String(n)}`;
  taken.add(id);
  return id;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function adoptSuggestions(fileData: Record<string, unknown>, source: AdoptSource, fingerprints: readonly string[], options: AdoptOptions = {}): AdoptResult {
  const problems: string[] = [];
  const adopted: Adopted[] = [];
  const list: unknown[] = Array.isArray(fileData.mitigations) ? [...(fileData.mitigations as unknown[])] : [];
  const taken = new Set(source.mitigationIds);
  for (const m of list) if (isRecord(m) && typeof m.id === 'string') taken.add(m.id);
  const byTitle = new Map<string, number>();
  list.forEach((m, i) => {
    if (isRecord(m) && typeof m.title === 'string') byTitle.set(norm(m.title), i);
  });
  const threats = new Map(source.threats.map((t) => [t.id, t]));
  let changed = false;

  for (const fp of fingerprints) {
    const threat = threats.get(fp);
    if (!threat) {
      problems.push(`${fp}: no such finding in the analysis (\`threatwright analyze --format json\` lists the fingerprints)`);
      continue;
    }
    const rule = threat.ruleId !== undefined ? own(source.rules, threat.ruleId) : undefined;
    const suggestions = rule?.mitigations ?? [];
    if (suggestions.length === 0) {
      problems.push(`${fp}: ${threat.ruleId === undefined ? 'it is a manual threat; only rule findings carry suggestions' : 'its rule suggests no mitigation'}`);
      continue;
    }
    const picks = options.pick ?? suggestions.map((_, i) => i + 1);
    for (const n of picks) {
      const s = suggestions[n - 1];
      if (!s) {
        problems.push(`${fp}: its rule has ${String(suggestions.length)} suggestion${suggestions.length === 1 ? '' : 's'}, not ${String(n)}`);
        continue;
      }
      const at = byTitle.get(norm(s.title));
      const existing = at !== undefined ? list[at] : undefined;
      if (at !== undefined && isRecord(existing)) {
        const linkedTo = Array.isArray(existing.threats) ? (existing.threats as unknown[]) : [];
        const has = linkedTo.includes(fp);
        if (!has) {
          list[at] = { ...existing, threats: [...linkedTo, fp] };
          changed = true;
        }
        adopted.push({ id: String(existing.id), title: s.title, fingerprint: fp, created: false, linked: !has });
        continue;
      }
      const id = nextId(taken);
      list.push({
        id,
        title: s.title,
        strategy: 'reduce',
        threats: [fp],
        status: options.status ?? 'proposed',
        ...(options.owner !== undefined ? { owner: options.owner } : {}),
        ...(options.due !== undefined ? { due: options.due } : {}),
        acceptance: s.acceptance,
        verification: { description: s.verification },
      });
      byTitle.set(norm(s.title), list.length - 1);
      changed = true;
      adopted.push({ id, title: s.title, fingerprint: fp, created: true, linked: true });
    }
  }
  return { data: changed ? { ...fileData, mitigations: list } : fileData, adopted, problems };
}
