/**
 * The marker that ties a tracker issue to what it is about, at the end of the body:
 * - `threatwright:mitigation=<id> hash=<h>`: the issue for a planned mitigation (one per mitigation);
 * - `threatwright:decision=<fingerprint> hash=<h>`: a threat at risk with nothing planned for it;
 * - `threatwright:fingerprint=<fingerprint> hash=<h>`: one issue per threat (`--per threat`, and
 *   every issue opened before the backlog was per mitigation).
 */
import type { BacklogKind } from './items.js';

const NAMES: Readonly<Record<BacklogKind, string>> = { mitigation: 'mitigation', decision: 'decision', threat: 'fingerprint' };
const KINDS: ReadonlyMap<string, BacklogKind> = new Map(Object.entries(NAMES).map(([kind, name]) => [name, kind as BacklogKind]));
const MARKER = /threatwright:(fingerprint|decision|mitigation)=([A-Za-z0-9%._~!*'()+:@-]+)(?:\s+hash=([0-9a-f]{8}))?/gu;

export function markerText(kind: BacklogKind, subject: string, hash: string): string {
  return `threatwright:${NAMES[kind]}=${encodeURIComponent(subject)} hash=${hash}`;
}

export interface Marker {
  kind: BacklogKind;
  /** The mitigation id, or the threat's fingerprint. */
  subject: string;
  hash: string | undefined;
}

/**
 * Finds our marker in an issue's text; undefined when the issue is not one we opened. The last one
 * counts: ours ends the body, and model text quoted above it cannot stand in for it.
 */
export function parseMarker(text: string | null | undefined): Marker | undefined {
  let found: Marker | undefined;
  for (const m of (text ?? '').matchAll(MARKER)) {
    const kind = KINDS.get(m[1] ?? '');
    if (!kind || !m[2]) continue;
    try {
      found = { kind, subject: decodeURIComponent(m[2]), hash: m[3] };
    } catch {
      // Not one of ours: a marker we write always decodes.
    }
  }
  return found;
}
