/**
 * The trust a Threat Modeling Tool boundary states, from its stencil or its name.
 *
 * The tool has no trust field: a boundary says how far it is trusted only through the stencil
 * chosen (the SDL template's "Internet Boundary") or the name people gave it ("Internet",
 * "Untrusted zone", "Low trust network"). Anything else is left unstated, and the import report
 * says so: the analysis then treats the boundary as 50 and the clients in it as untrusted.
 */
import type { Boundary } from '@threatwright/core';

export type TrustLevel = Exclude<Boundary['trust'], number | undefined>;

export interface StatedTrust {
  trust: TrustLevel;
  /** Where the file says it: the stencil's or the boundary's name, as written. */
  because: string;
}

const RANK: Record<TrustLevel, number> = { untrusted: 0, low: 25, medium: 50, high: 75, trusted: 100 };

/**
 * "Internet" as the place a boundary encloses or separates — not "Internet Explorer" (a browser's
 * sandbox boundaries) nor "internet-facing" (the system's own exposed tier).
 */
const INTERNET = /\binternet\b(?![\s_-]*(?:explorer|facing|exposed|accessible|reachable|gateway|edge services))/i;
const UNTRUSTED = /\b(?:un-?trusted|not[\s_-]+trusted|non[\s_-]*trusted|public[\s_-]+(?:internet|network|wi-?fi|hotspot)|world[\s_-]+wide[\s_-]+web|outside[\s_-]+world)\b/i;
const LEVEL = /\b(low|medium|high)[\s_-]+trust(?:ed)?\b/i;
const FULL = /\b(?:fully[\s_-]+trusted|full[\s_-]+trust)\b/i;

/** The trust one text states, if it states one. */
export function trustInText(text: string): TrustLevel | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (INTERNET.test(t) || UNTRUSTED.test(t) || /^public$/i.test(t)) return 'untrusted';
  const level = LEVEL.exec(t)?.[1]?.toLowerCase();
  if (level === 'low' || level === 'medium' || level === 'high') return level;
  if (FULL.test(t)) return 'trusted';
  return undefined;
}

/**
 * The trust a boundary states through its stencil (knowledge-base name, when not a generic
 * stencil) or its own name. When both state one and they differ, the lower is kept: a box drawn
 * with the Internet stencil stays untrusted whatever it is called.
 */
export function statedTrust(name: string, stencilName: string | undefined): StatedTrust | undefined {
  const found: StatedTrust[] = [];
  if (stencilName !== undefined && !/^Generic /i.test(stencilName)) {
    const t = trustInText(stencilName);
    if (t) found.push({ trust: t, because: `its stencil "${stencilName}"` });
  }
  const t = trustInText(name);
  if (t) found.push({ trust: t, because: `its name "${name}"` });
  let best: StatedTrust | undefined;
  for (const s of found) if (!best || RANK[s.trust] < RANK[best.trust]) best = s;
  return best;
}
