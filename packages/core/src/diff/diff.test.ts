import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import { loadModel } from '../load/index.js';
import type { Model } from '../model/types.js';
import { diffModels, worseAtOrAbove, type DiffSide } from './index.js';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/web-login/threatmodel.yaml', import.meta.url));
const NOW = new Date('2026-11-23T12:00:00Z');

function sideOf(text: string): DiffSide {
  const loaded = loadModel({ file: 'threatmodel.yaml', text });
  if (!loaded.model) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return { model: loaded.model, analysis: analyze(loaded.model, { now: NOW }) };
}

const base = readFileSync(EXAMPLE, 'utf8');

/** The example with text replaced: each pair must match exactly once. */
function edited(...pairs: [string, string][]): string {
  let text = base;
  for (const [from, to] of pairs) {
    expect(text.split(from).length - 1, from).toBe(1);
    text = text.replace(from, to);
  }
  return text;
}

describe('diffModels', () => {
  it('finds nothing between a model and itself', () => {
    const d = diffModels(sideOf(base), sideOf(base));
    expect(d).toMatchObject({ empty: true, elements: [], crossings: [], threats: [], mitigations: [] });
    expect(d.posture.before).toEqual(d.posture.after);
  });

  it('names a rename under the same id, and changes field by field and property by property', () => {
    const head = edited(['    name: Web app\n', '    name: Storefront\n'], ['    tech: Node.js 22 / Express 5, server-rendered pages\n', '    tech: Node.js 24 / Express 5, server-rendered pages\n']);
    const d = diffModels(sideOf(base), sideOf(head));
    const c2 = d.elements.find((e) => e.id === 'C2');
    expect(c2).toMatchObject({ list: 'components', change: 'changed', name: 'Storefront', renamed: { from: 'Web app', to: 'Storefront' } });
    expect(c2?.fields).toEqual([
      { field: 'name', before: 'Web app', after: 'Storefront' },
      { field: 'tech', before: 'Node.js 22 / Express 5, server-rendered pages', after: 'Node.js 24 / Express 5, server-rendered pages' },
    ]);
    expect(d.empty).toBe(false);
    // Threat titles may name the element, but fingerprints do not move: no threat is new or gone.
    expect(d.threats.filter((t) => t.changes.includes('new') || t.changes.includes('gone'))).toEqual([]);
  });

  it('reports a new component and its flow across a boundary, with the threats it brings as new and worse', () => {
    const head = edited([
      'flows:\n',
      'flows:\n  - id: F99\n    from: C1\n    to: C99\n    protocol: http\n    encrypted: false\n',
    ], [
      '  - id: C2\n',
      '  - id: C99\n    name: Debug console\n    kind: process\n    type: web-app\n    boundary: B2\n  - id: C2\n',
    ]);
    const d = diffModels(sideOf(base), sideOf(head));
    expect(d.elements.filter((e) => e.change === 'added').map((e) => `${e.list} ${e.id}`)).toEqual(['components C99', 'flows F99']);
    expect(d.crossings).toEqual(expect.arrayContaining([{ flow: 'F99', boundary: 'B1', change: 'added' }, { flow: 'F99', boundary: 'B2', change: 'added' }]));
    const added = d.threats.filter((t) => t.changes.includes('new'));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((t) => t.elements.some((e) => e === 'C99' || e === 'F99'))).toBe(true);
    expect(d.posture.after.open.total).toBeGreaterThan(d.posture.before.open.total);
    const failing = worseAtOrAbove(d, 'medium');
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((t) => t.worse && t.after?.standing === 'open')).toBe(true);
    // Removing them again is the mirror image, and nothing is worse.
    const back = diffModels(sideOf(head), sideOf(base));
    expect(back.elements.filter((e) => e.change === 'removed').map((e) => e.id)).toEqual(['C99', 'F99']);
    expect(back.threats.filter((t) => t.changes.includes('gone')).length).toBe(added.length);
    expect(worseAtOrAbove(back, 'low')).toEqual([]);
  });

  it('re-scores and re-triages a threat matched by its id, and moves a mitigation\'s status', () => {
    const head = edited(['    likelihood: 4   # combo lists are cheap and our login is unthrottled\n', '    likelihood: 2   # combo lists are cheap and our login is unthrottled\n']);
    const d = diffModels(sideOf(base), sideOf(head));
    const t1 = d.threats.find((t) => t.id === 'T1');
    expect(t1?.changes).toEqual(['rescored']);
    expect(t1?.before?.band).toBe('critical');
    expect(t1?.after?.band).not.toBe('critical');
    expect(t1?.worse).toBe(false);
    expect(worseAtOrAbove(d, 'low')).toEqual([]);

    const m = (model: Model) => model.mitigations?.find((x) => x.id === 'R1')?.status;
    const implemented = sideOf(base);
    const r1 = implemented.model.mitigations?.find((x) => x.id === 'R1');
    expect(m(implemented.model)).toBe('planned');
    const headModel: Model = { ...implemented.model, mitigations: implemented.model.mitigations?.map((x) => (x === r1 ? { ...x, status: 'implemented' as const } : x)) ?? [] };
    const d2 = diffModels(sideOf(base), { model: headModel, analysis: analyze(headModel, { now: NOW }) });
    expect(d2.mitigations).toEqual([{ id: 'R1', title: r1?.title, before: 'planned', after: 'implemented' }]);
    expect(d2.elements.find((e) => e.id === 'R1')?.fields).toEqual([{ field: 'status', before: 'planned', after: 'implemented' }]);
  });
});
