import { nounOf, type Check, type CheckIssue } from './context.js';

/** Every id is unique across all sections and all included files. */
export const duplicateIds: Check = (ctx) => {
  const out: CheckIssue[] = [];
  for (const { id, entry } of ctx.duplicates) {
    const first = ctx.ids.get(id);
    if (!first) continue;
    out.push({
      code: 'duplicate-id',
      severity: 'error',
      message: `id "${id}" is already used by ${first.kind === entry.kind ? 'another' : 'a'} ${nounOf(first.kind)}`,
      path: [...entry.path, 'id'],
      subject: id,
      hint: 'Ids must be unique across the whole model, includes too: rename one of them.',
      seeAlso: [...first.path, 'id'],
    });
  }
  return out;
};
