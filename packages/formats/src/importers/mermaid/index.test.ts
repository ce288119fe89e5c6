import { describe, expect, it } from 'vitest';
import { loadErrors } from '../../../test/corpus.js';
import { importer, importMermaid } from './index.js';
import { parseFlowchart } from './parse.js';

const DESIGN = `---
title: Checkout
---
flowchart LR
  %% the shop as drawn in the design doc
  user([Customer]) -->|HTTPS| web
  subgraph cloud [AWS account]
    web(Web app):::process
    subgraph data ["Data tier"]
      db[(Orders DB)]
    end
    web -- "SQL over TLS" --> db
  end
  web <--> psp[Payment provider]:::external
  web -.-> q[(Queue)] & log[Audit log]
  click web "https://evil.example" _blank
  style db fill:#f9f
`;

describe('Mermaid importer', () => {
  it('turns nodes, edges and subgraphs into components, flows and nested boundaries', () => {
    const result = importMermaid(DESIGN, { fileName: 'design.mmd' });
    expect(result.issues).toEqual([]);
    const model = result.model;
    if (!model) throw new Error('no model');
    expect(loadErrors(model)).toEqual([]);
    expect(model.system.name).toBe('Checkout');
    expect(model.boundaries).toEqual([
      { id: 'B1', name: 'AWS account' },
      { id: 'B2', name: 'Data tier', parent: 'B1' },
    ]);
    const c = (name: string) => model.components?.find((x) => x.name === name);
    expect(c('Customer')).toMatchObject({ kind: 'external-entity', properties: { source_id: 'user' } });
    expect(c('Web app')).toMatchObject({ kind: 'process', boundary: 'B1' });
    expect(c('Orders DB')).toMatchObject({ kind: 'datastore', boundary: 'B2' });
    expect(c('Payment provider')?.kind).toBe('external-entity');
    expect(c('Queue')?.kind).toBe('datastore');
    expect(c('Audit log')?.kind).toBe('datastore');
    const f = (label: string) => model.flows?.find((x) => x.label === label);
    expect(f('HTTPS')).toMatchObject({ from: c('Customer')?.id, to: c('Web app')?.id, protocol: 'https' });
    expect(f('SQL over TLS')).toMatchObject({ from: c('Web app')?.id, to: c('Orders DB')?.id, protocol: 'sql' });
    expect(model.flows?.find((x) => x.to === c('Payment provider')?.id)?.bidirectional).toBe(true);
    expect(model.flows).toHaveLength(5);
    // Styling and click handlers are reported, never kept or run.
    expect(result.report.dropped.map((d) => d.detail)).toEqual(expect.arrayContaining([expect.stringMatching(/never run/), expect.stringMatching(/styling/)]));
    expect(JSON.stringify(model)).not.toContain('evil.example');
    // A name-based guess is flagged for review.
    expect(result.report.adjusted.some((a) => a.subject === 'node log')).toBe(true);
  });

  it('reads the first flowchart of a Markdown design document', () => {
    const md = '# Design\n\nSome text.\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n\n```mermaid\ngraph TD\n  a[Browser] --> b[API]\n```\n';
    expect(importer.detect(md, 'design.md')).toBe(true);
    const model = importMermaid(md, { fileName: 'design.md' }).model;
    expect(model?.components?.map((x) => x.name)).toEqual(['Browser', 'API']);
    expect(model?.system.name).toBe('design');
  });

  it('handles chains, labels in both syntaxes, entity codes and edges to subgraphs', () => {
    const chart = parseFlowchart('graph LR\n  a-->b-- "x #quot;y#quot;" -->c;c---d\n  subgraph s\n  e\n  end\n  a --> s');
    expect(chart.edges.map((e) => [e.from, e.to, e.label, e.arrow])).toEqual([
      ['a', 'b', undefined, 'forward'],
      ['b', 'c', 'x "y"', 'forward'],
      ['c', 'd', undefined, 'none'],
      ['a', 's', undefined, 'forward'],
    ]);
    const result = importMermaid('graph LR\n  subgraph s\n  e\n  end\n  a --> s', { fileName: 'x.mmd' });
    expect(result.report.dropped[0]?.detail).toMatch(/s is a subgraph/);
    const loop = importMermaid('graph LR\n  a --> a\n  a --> b', { fileName: 'x.mmd' });
    expect(loop.model?.flows).toHaveLength(1);
    expect(loop.report.dropped[0]?.detail).toMatch(/to itself/);
  });

  it('rejects broken diagrams with the line of the problem', () => {
    const result = importMermaid('flowchart LR\n  a --> b\n  subgraph x\n  c ==?? d\n', { fileName: 'bad.mmd' });
    expect(result.model).toBeUndefined();
    expect(result.issues[0]).toMatchObject({ code: 'mermaid-syntax', location: { line: 4 } });
    expect(importMermaid('flowchart LR\n  a --> b\nend\n', { fileName: 'bad.mmd' }).issues[0]?.message).toMatch(/"end" without/);
  });

  it('detects flowcharts by their header line only', () => {
    expect(importer.detect('%% comment\nflowchart TD\n  a --> b', 'x.mmd')).toBe(true);
    expect(importer.detect('---\ntitle: T\n---\ngraph LR\n', 'x.mmd')).toBe(true);
    expect(importer.detect('sequenceDiagram\n  a->>b: x', 'x.mmd')).toBe(false);
    expect(importer.detect('{"graph": 1}', 'x.json')).toBe(false);
    expect(importer.detect('graph:\n  nodes: []\n', 'x.yaml')).toBe(false);
  });
});
