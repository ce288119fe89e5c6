import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { applyModel, ParsedYaml, patchDocument, patchYaml } from './yaml-patch.js';

const SOURCE = `# Web shop threat model
threatwright: 1
system:
  name: Shop   # the public name
  owner: "team-shop"
components:
  # The browser, outside our control
  - id: C1
    name: Browser
    kind: external-entity
    tags: [client, untrusted]

  # Our API
  - id: C2
    name: API
    kind: process
flows:
  - { id: F1, from: C1, to: C2, protocol: https }
`;

function patch(source: string, change: (model: Record<string, unknown>) => void): string {
  const model = parseDocument(source).toJS() as Record<string, unknown>;
  change(model);
  const out = applyModel(source, model);
  expect(parseDocument(out).toJS()).toEqual(model);
  return out;
}

describe('applyModel', () => {
  it('leaves an unchanged document byte for byte identical', () => {
    expect(patch(SOURCE, () => undefined)).toBe(SOURCE);
  });

  it('changes one scalar and keeps every comment, quote and blank line elsewhere', () => {
    const out = patch(SOURCE, (m) => {
      ((m['components'] as Record<string, unknown>[])[1] as Record<string, unknown>)['name'] = 'Orders API';
    });
    expect(out).toBe(SOURCE.replace('    name: API', '    name: Orders API'));
  });

  it('keeps the comment attached to an element when another is inserted before it', () => {
    const out = patch(SOURCE, (m) => {
      (m['components'] as unknown[]).unshift({ id: 'C0', name: 'Admin', kind: 'external-entity' });
    });
    expect(out).toContain('# The browser, outside our control\n  - id: C1');
    expect(out).toContain('# Our API\n  - id: C2');
    expect(out.indexOf('id: C0')).toBeLessThan(out.indexOf('id: C1'));
  });

  it('removes a deleted element with its comment and keeps the rest', () => {
    const out = patch(SOURCE, (m) => {
      m['components'] = (m['components'] as { id: string }[]).filter((c) => c.id !== 'C1');
    });
    expect(out).not.toContain('Browser');
    expect(out).not.toContain('outside our control');
    expect(out).toContain('# Our API');
    expect(out).toContain('# Web shop threat model');
  });

  it('adds a new section at the end and keeps flow-style collections in flow style', () => {
    const out = patch(SOURCE, (m) => {
      m['layout'] = { positions: { C1: { x: 10, y: 20 } } };
      ((m['flows'] as Record<string, unknown>[])[0] as Record<string, unknown>)['encrypted'] = true;
    });
    expect(out).toContain('- { id: F1, from: C1, to: C2, protocol: https, encrypted: true }');
    expect(out.trimEnd().endsWith('layout:\n  positions:\n    C1:\n      x: 10\n      y: 20')).toBe(true);
  });

  it('keeps a file indented without sequence indentation in that style', () => {
    const src = 'components:\n- id: C1\n  name: A   # first\n  kind: process\n- id: C2\n  name: B\n  kind: process\n';
    const out = patch(src, (m) => {
      ((m['components'] as Record<string, unknown>[])[1] as Record<string, unknown>)['name'] = 'Bee';
    });
    expect(out).toBe(src.replace('name: B\n', 'name: Bee\n'));
  });

  it('keeps the comments inside a changed element', () => {
    const src = 'components:\n  - id: C1\n    # why it is called this\n    name: A\n    kind: process # a DFD process\n';
    const out = patch(src, (m) => {
      ((m['components'] as Record<string, unknown>[])[0] as Record<string, unknown>)['tech'] = 'Go';
    });
    expect(out).toContain('# why it is called this\n    name: A');
    expect(out).toContain('# a DFD process');
    expect(out).toContain('tech: Go');
  });

  it('drops a quoting style when the value changes type', () => {
    const out = patch('a: "1"\n', (m) => {
      m['a'] = 2;
    });
    expect(out).toBe('a: 2\n');
  });

  it('removes a key whose value became undefined', () => {
    const out = patch(SOURCE, (m) => {
      delete (m['system'] as Record<string, unknown>)['owner'];
    });
    expect(out).not.toContain('owner');
    expect(out).toContain('name: Shop # the public name');
  });
});

describe('patchDocument', () => {
  it('sets new values on the existing nodes', () => {
    const doc = parseDocument('a: 1 # one\nb: [x]\n');
    patchDocument(doc, { a: 2, b: ['x', 'y'] });
    expect(doc.toString({ flowCollectionPadding: false })).toBe('a: 2 # one\nb: [x, y]\n');
  });
});

describe('applyModel with data in another key order', () => {
  it('still keeps untouched text when the new data lists keys in a different order', () => {
    const src = '# top\nsystem:\n  description: >-\n    A long folded description that must not be reflowed when nothing about it changed at all.\n  name: Shop\ncomponents:\n  - kind: process\n    id: C1\n    name: A\n';
    const out = applyModel(src, { system: { name: 'Shop', description: 'A long folded description that must not be reflowed when nothing about it changed at all.' }, components: [{ id: 'C1', name: 'B', kind: 'process' }] });
    expect(out).toBe(src.replace('name: A', 'name: B'));
  });
});

describe('patchYaml on a file kept between writes', () => {
  type Item = Record<string, unknown>;
  const edits: ((m: Record<string, unknown>) => void)[] = [
    // One element changed: written part by part.
    (m) => {
      ((m['components'] as Item[])[1] as Item)['name'] = 'Orders API';
    },
    // An element added at the end, and a flow-style item changed.
    (m) => {
      (m['components'] as Item[]).push({ id: 'C3', name: 'Orders DB', kind: 'datastore' });
      ((m['flows'] as Item[])[0] as Item)['encrypted'] = true;
    },
    // A top-level entry changed.
    (m) => {
      (m['system'] as Item)['name'] = 'Shopfront';
    },
    // An element removed, then one inserted first, then a new section: the document is reprinted.
    (m) => {
      m['components'] = (m['components'] as Item[]).filter((c) => c['id'] !== 'C1');
    },
    (m) => {
      (m['components'] as Item[]).unshift({ id: 'C0', name: 'Admin', kind: 'external-entity' });
    },
    (m) => {
      m['layout'] = { positions: { C0: { x: 1, y: 2 } } };
    },
    // And part by part again after that.
    (m) => {
      ((m['components'] as Item[])[0] as Item)['tech'] = 'Firefox';
    },
  ];

  it('gives the same text as patching the file read afresh, edit after edit', () => {
    let kept = new ParsedYaml(SOURCE);
    let fresh = SOURCE;
    let model = parseDocument(SOURCE).toJS() as Record<string, unknown>;
    for (const change of edits) {
      model = structuredClone(model);
      change(model);
      kept = patchYaml(kept, model);
      fresh = applyModel(fresh, model);
      expect(kept.text).toBe(fresh);
      expect(parseDocument(kept.text).toJS()).toEqual(model);
      expect(kept.data()).toEqual(model);
    }
    expect(kept.text).toContain('# Our API\n  - id: C2\n    name: Orders API\n');
  });

  it('writes a changed element without reprinting the rest of the file', () => {
    // Text the printer would change (quoting, spacing, a long line) stays as written around the edit.
    const source = `components:\n  - id: C1\n    name: 'Browser'\n    description: ${'word '.repeat(30).trim()}\n  - id: C2\n    name: API\nflows:\n  - {id: F1, from: C1, to: C2}\n`;
    const model = parseDocument(source).toJS() as { components: Item[] };
    (model.components[1] as Item)['name'] = 'Orders API';
    const kept = patchYaml(new ParsedYaml(source), model);
    expect(kept.text).toBe(source.replace('name: API', 'name: Orders API'));
  });

  it('patches a file with anchors and aliases as a whole', () => {
    const source = 'defaults: &d\n  kind: process\ncomponents:\n  - id: C1\n    name: A\n    <<: *d\n';
    const model = parseDocument(source, { merge: true }).toJS() as { components: Item[] };
    (model.components[0] as Item)['name'] = 'B';
    const out = patchYaml(new ParsedYaml(source), model).text;
    expect(parseDocument(out).toJS()).toEqual(model);
  });

  it('refuses a file that is not valid YAML', () => {
    expect(() => patchYaml(new ParsedYaml('a: [1\n'), { a: [1] })).toThrow('not valid YAML');
  });
});
