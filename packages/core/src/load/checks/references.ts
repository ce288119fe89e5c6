import type { Issue } from '../../issues.js';
import { checkReference, type Check, type CheckContext, type IdKind, type Path } from './context.js';

const ELEMENTS: IdKind[] = ['components', 'flows', 'boundaries'];

function each(ctx: CheckContext, refs: readonly string[] | undefined, accepted: IdKind[], role: string, at: Path, subject: string | undefined, out: Issue[], skipFingerprints = false): void {
  if (!refs) return;
  refs.forEach((ref, i) => {
    if (skipFingerprints && ref.includes('@')) return; // a fingerprint of a derived finding: checked by the analysis
    checkReference(ctx, ref, accepted, role, [...at, i], subject, out);
  });
}

/** Every id used as a reference names an object of the right kind. */
export const references: Check = (ctx) => {
  const { model } = ctx;
  const out: Issue[] = [];
  model.flows?.forEach((f, i) => {
    checkReference(ctx, f.from, ['components'], 'flow source', ['flows', i, 'from'], f.id, out);
    checkReference(ctx, f.to, ['components'], 'flow target', ['flows', i, 'to'], f.id, out);
    each(ctx, f.data, ['assets'], 'carried asset', ['flows', i, 'data'], f.id, out);
    each(ctx, f.crosses, ['boundaries'], 'crossed boundary', ['flows', i, 'crosses'], f.id, out);
  });
  model.components?.forEach((c, i) => {
    if (c.boundary !== undefined) checkReference(ctx, c.boundary, ['boundaries'], 'boundary', ['components', i, 'boundary'], c.id, out);
    each(ctx, c.assets?.processed, ['assets'], 'processed asset', ['components', i, 'assets', 'processed'], c.id, out);
    each(ctx, c.assets?.stored, ['assets'], 'stored asset', ['components', i, 'assets', 'stored'], c.id, out);
  });
  model.boundaries?.forEach((b, i) => {
    if (b.parent !== undefined) checkReference(ctx, b.parent, ['boundaries'], 'parent boundary', ['boundaries', i, 'parent'], b.id, out);
  });
  model.threats?.forEach((t, i) => {
    const subject = t.id ?? t.fingerprint;
    each(ctx, t.elements, ELEMENTS, 'element', ['threats', i, 'elements'], subject, out);
    each(ctx, t.assets, ['assets'], 'asset', ['threats', i, 'assets'], subject, out);
    each(ctx, t.mitigations, ['mitigations'], 'mitigation', ['threats', i, 'mitigations'], subject, out);
  });
  model.mitigations?.forEach((m, i) => {
    each(ctx, m.threats, ['threats'], 'threat', ['mitigations', i, 'threats'], m.id, out, true);
    each(ctx, m.elements, ELEMENTS, 'element', ['mitigations', i, 'elements'], m.id, out);
  });
  const anything = [...new Set([...ctx.ids.values()].map((e) => e.kind))];
  model.assumptions?.forEach((a, i) => {
    (a.links ?? []).forEach((ref, l) => {
      if (!ctx.ids.has(ref)) checkReference(ctx, ref, anything, 'linked id', ['assumptions', i, 'links', l], a.id, out, 'Link to the id of an element, a threat, a mitigation or any other object in the model.');
    });
  });
  model.attack_trees?.forEach((tree, t) => {
    const stack: { node: typeof tree.root; path: Path }[] = [{ node: tree.root, path: ['attack_trees', t, 'root'] }];
    while (stack.length > 0) {
      const top = stack.pop();
      if (!top) break;
      const { node, path } = top;
      const subject = node.id ?? tree.id;
      each(ctx, node.threats, ['threats'], 'threat', [...path, 'threats'], subject, out, true);
      each(ctx, node.mitigations, ['mitigations'], 'mitigation', [...path, 'mitigations'], subject, out);
      for (const gate of ['and', 'or'] as const) node[gate]?.forEach((child, c) => stack.push({ node: child, path: [...path, gate, c] }));
    }
  });
  return out;
};
