import type { Issue } from '../../issues.js';
import { printable } from '../printable.js';
import type { Check } from './context.js';

/** Fingerprints look like `<rule-id>@<element ids joined by +>`. */
export const FINGERPRINT_PATTERN = /^[a-z0-9][a-z0-9._/-]*@[^@\s+]+(\+[^@\s+]+)*$/i;

/**
 * Each entry of `threats` is either a manual threat (`id` + `title`) or a decision about a derived
 * finding (`fingerprint`), and a finding has at most one decision.
 */
export const threatEntries: Check = (ctx) => {
  const out: Issue[] = [];
  const decisions = new Map<string, number>();
  ctx.model.threats?.forEach((t, i) => {
    if (t.fingerprint !== undefined) {
      if (!FINGERPRINT_PATTERN.test(t.fingerprint)) {
        out.push({ code: 'invalid-fingerprint', severity: 'error', message: `fingerprint "${printable(t.fingerprint)}" is not of the form <rule-id>@<element ids joined by +>`, path: ['threats', i, 'fingerprint'], subject: t.id ?? t.fingerprint, hint: 'Copy the fingerprint from the analysis output, e.g. `unencrypted-flow@F3`.' });
      } else if (decisions.has(t.fingerprint)) {
        out.push({ code: 'duplicate-decision', severity: 'error', message: `there is already a decision about "${printable(t.fingerprint)}"`, path: ['threats', i, 'fingerprint'], subject: t.fingerprint, hint: 'Keep one entry per fingerprint: merge the two.' });
      } else decisions.set(t.fingerprint, i);
      return;
    }
    if (ctx.setAside?.items.has(t)) return; // part of it was refused by the schema: what it lacks is reported there
    if (t.id === undefined) {
      out.push({
        code: 'invalid-threat-entry',
        severity: 'error',
        message: 'threat entry is neither a manual threat (`id` + `title`) nor a decision about a derived finding (`fingerprint`)',
        path: ['threats', i],
        ...(t.title !== undefined ? { subject: printable(t.title, 40) } : {}),
        hint: 'Give a manual threat an `id` (e.g. T1) and a `title`; for a decision about a finding from the analysis, add its `fingerprint`.',
      });
    } else if (t.title === undefined || t.title.trim() === '') {
      out.push({ code: 'missing-field', severity: 'error', message: 'threat has no `title`', path: ['threats', i, 'title'], subject: t.id, hint: 'A manual threat needs a `title`; a decision about a derived finding uses `fingerprint:` instead.' });
    }
  });
  return out;
};
