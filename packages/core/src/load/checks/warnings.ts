/** Warnings: the model is valid but probably incomplete. */
import type { Issue } from '../../issues.js';
import type { Model } from '../../model/types.js';
import { printable } from '../printable.js';
import type { Check } from './context.js';

/** A component that no flow touches is either missing its flows or not part of the system. */
export const componentWithoutFlows: Check = (ctx) => {
  if (ctx.setAside?.sections.has('flows')) return []; // a flow the schema refused may be the one
  const touched = new Set<string>();
  for (const f of ctx.model.flows ?? []) {
    touched.add(f.from);
    touched.add(f.to);
  }
  const out: Issue[] = [];
  ctx.model.components?.forEach((c, i) => {
    if (c.out_of_scope === true || touched.has(c.id) || ctx.setAside?.items.has(c)) return;
    out.push({ code: 'component-without-flows', severity: 'warning', message: 'component has no flows', path: ['components', i], subject: c.id, hint: 'Add the flows that reach it, or mark it `out_of_scope: true` with a `reason`.' });
  });
  return out;
};

/** An asset that no flow carries and no component processes or stores cannot be analysed. */
export const unusedAssets: Check = (ctx) => {
  if (ctx.setAside?.sections.has('flows') || ctx.setAside?.sections.has('components')) return []; // the schema refused what may use them
  const used = new Set<string>();
  for (const f of ctx.model.flows ?? []) for (const a of f.data ?? []) used.add(a);
  for (const c of ctx.model.components ?? []) {
    for (const a of c.assets?.processed ?? []) used.add(a);
    for (const a of c.assets?.stored ?? []) used.add(a);
  }
  const out: Issue[] = [];
  ctx.model.assets?.forEach((a, i) => {
    if (used.has(a.id)) return;
    out.push({ code: 'unused-asset', severity: 'warning', message: 'asset is never used: no flow carries it and no component processes or stores it', path: ['assets', i], subject: a.id, hint: `List "${a.id}" in a flow's \`data\` or a component's \`assets\`.` });
  });
  return out;
};

/** A flow without `data` hides what crosses it, so disclosure and tampering cannot be rated. */
export const flowsWithoutData: Check = (ctx) => {
  const out: Issue[] = [];
  ctx.model.flows?.forEach((f, i) => {
    if (f.out_of_scope === true || (f.data && f.data.length > 0) || ctx.setAside?.items.has(f)) return;
    out.push({ code: 'flow-without-data', severity: 'warning', message: 'flow carries no data', path: ['flows', i], subject: f.id, hint: 'List the assets it carries: `data: [A1]`.' });
  });
  return out;
};

/** A mitigation nobody owns does not get done. */
export const mitigationsWithoutOwner: Check = (ctx) => {
  const out: Issue[] = [];
  ctx.model.mitigations?.forEach((m, i) => {
    if ((m.owner !== undefined && m.owner.trim() !== '') || ctx.setAside?.items.has(m)) return;
    out.push({ code: 'mitigation-without-owner', severity: 'warning', message: 'mitigation has no owner', path: ['mitigations', i], subject: m.id, hint: 'Add `owner:` (a person or a team).' });
  });
  return out;
};

/** Adds an interval such as 90d, 12w, 6m or 1y to a date (UTC, calendar months). */
export function addInterval(date: Date, interval: string): Date | undefined {
  const m = /^(\d+)\s*(d|w|m|y|days?|weeks?|months?|years?)$/.exec(interval.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'd').charAt(0);
  const d = new Date(date.getTime());
  if (unit === 'd') d.setUTCDate(d.getUTCDate() + n);
  else if (unit === 'w') d.setUTCDate(d.getUTCDate() + 7 * n);
  else {
    const day = d.getUTCDate();
    if (unit === 'm') d.setUTCMonth(d.getUTCMonth() + n);
    else d.setUTCFullYear(d.getUTCFullYear() + n);
    if (d.getUTCDate() !== day) d.setUTCDate(0); // 31 January + 1 month is 28 (or 29) February, not 3 March
  }
  return d;
}

/** `system.reviewed_at` + `system.review_every` before today: the model may no longer match the system. */
export const reviewOverdue: Check = (ctx) => {
  // After schema errors `system` may be missing, or have lost the date the check reads.
  const system = ctx.model.system as Model['system'] | undefined;
  if (!ctx.now || !system || ctx.setAside?.sections.has('system') || system.review_every === undefined) return [];
  if (system.reviewed_at === undefined) {
    return [{ code: 'review-missing', severity: 'warning', message: `the model must be reviewed every ${system.review_every} but has no \`reviewed_at\` date`, path: ['system', 'review_every'], subject: 'system', hint: 'Add `reviewed_at: YYYY-MM-DD` once the model has been reviewed.' }];
  }
  const due = addInterval(new Date(`${system.reviewed_at}T00:00:00Z`), system.review_every);
  if (!due || Number.isNaN(due.getTime()) || due.getTime() >= ctx.now.getTime()) return [];
  const dueDay = due.toISOString().slice(0, 10);
  const days = Math.floor((ctx.now.getTime() - due.getTime()) / 86_400_000);
  return [
    {
      code: 'review-overdue',
      severity: 'warning',
      message: `review overdue: last reviewed ${system.reviewed_at}, due every ${system.review_every}, so by ${dueDay} (${days} day${days === 1 ? '' : 's'} ago)`,
      path: ['system', 'reviewed_at'],
      subject: 'system',
      hint: 'Review the model with the team, then update `reviewed_at`.',
    },
  ];
};

/** Layout positions for ids that no longer exist are left-overs from a rename or a deletion. */
export const staleLayout: Check = (ctx) => {
  const positions = ctx.model.layout?.positions;
  if (!positions) return [];
  const out: Issue[] = [];
  for (const id of Object.keys(positions)) {
    if (ctx.ids.has(id) || ctx.setAside?.ids.has(id)) continue;
    out.push({ code: 'stale-layout', severity: 'warning', message: `layout position for "${printable(id)}", which does not exist`, path: ['layout', 'positions', id], subject: id, hint: 'Remove the position, or restore the element.' });
  }
  return out;
};
