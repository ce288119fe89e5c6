import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadModel, MAX_MODEL_BYTES } from '@threatwright/core';
import { runCli } from '../../testing.js';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/corpus');
const hasCorpus = existsSync(CORPUS);
const note = hasCorpus ? '' : ' (skipped: ../shared/corpus not found beside the repository)';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01

const OTM = `otmVersion: 0.2.0
project: { name: Shop, id: shop }
trustZones: [{ id: internet, name: Internet, risk: { trustRating: 0 } }]
components:
  - { id: browser, name: Browser, type: web-client, parent: { trustZone: internet } }
  - { id: api, name: API, type: web-service, parent: { trustZone: internet } }
dataflows: [{ id: f, name: Orders, source: browser, destination: api }]
`;

describe('threatwright import', () => {
  it('detects the format, writes a commented model that loads, and prints what was mapped', async () => {
    await writeFile(path.join(dir, 'shop.otm.yaml'), OTM);
    const run = await runCli(['import', 'shop.otm.yaml'], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/imported shop\.otm\.yaml into threatmodel\.yaml \(Open Threat Model 0\.2\.0\)/);
    expect(run.stderr).toMatch(/created: 2 components, 1 flow, 1 boundary/);
    const text = await readFile(path.join(dir, 'threatmodel.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain('# Imported from shop.otm.yaml (Open Threat Model 0.2.0) by `threatwright import` on 2026-01-01.');
    expect(text).toMatch(/# DFD elements\. properties\.source_id/);
    expect(text).toContain('# Found 1 boundary, 2 elements, 1 flow; created 2 components, 1 flow, 1 boundary.');
    expect(text).toMatch(/# Property keys kept from the source file that the property catalogue does not have/);
    const loaded = loadModel({ file: 'threatmodel.yaml', text });
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(loaded.issues.filter((i) => i.code === 'unknown-property')).toEqual([]);
    expect(loaded.model?.taxonomy?.properties?.['source_id']?.description).toBe('The id of this element in the Open Threat Model file it was imported from. No rule reads it.');
    expect(loaded.model?.components?.map((c) => [c.id, c.name, c.kind])).toEqual([
      ['C1', 'Browser', 'external-entity'],
      ['C2', 'API', 'process'],
    ]);
  });

  it('lists every mapped item with --verbose and the report as JSON with --json', async () => {
    await writeFile(path.join(dir, 'shop.otm.yaml'), OTM);
    const run = await runCli(['import', 'shop.otm.yaml', '-o', 'out.yaml', '--verbose', '--json'], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('component "Browser" (browser) → component C1 in boundary B1');
    const json = JSON.parse(run.stdout) as { output: string; report: { format: string; created: Record<string, number> } };
    expect(json).toMatchObject({ output: 'out.yaml', report: { format: 'otm', created: { components: 2, flows: 1 } } });
  });

  it('writes to stdout with -o - and refuses to overwrite without --force', async () => {
    await writeFile(path.join(dir, 'shop.otm.yaml'), OTM);
    const toStdout = await runCli(['import', 'shop.otm.yaml', '-o', '-'], { cwd: dir, env });
    expect(toStdout.stdout).toContain('threatwright: 1');
    await writeFile(path.join(dir, 'threatmodel.yaml'), 'mine');
    const refused = await runCli(['import', 'shop.otm.yaml'], { cwd: dir, env });
    expect(refused.code).toBe(3);
    expect(await readFile(path.join(dir, 'threatmodel.yaml'), 'utf8')).toBe('mine');
    expect((await runCli(['import', 'shop.otm.yaml', '--force'], { cwd: dir, env })).code).toBe(0);
    const both = await runCli(['import', 'shop.otm.yaml', '-o', '-', '--json'], { cwd: dir, env });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/both write to stdout/);
  });

  it('gives one clear error and exit 2 for an unknown format, a wrong --from and a missing file', async () => {
    await writeFile(path.join(dir, 'notes.yaml'), 'hello: world\n');
    const unknown = await runCli(['import', 'notes.yaml'], { cwd: dir, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/cannot tell which tool made notes\.yaml \(YAML with top-level keys "hello"\)/);
    expect(unknown.stderr).toMatch(/--from/);
    const wrong = await runCli(['import', 'notes.yaml', '--from', 'otm'], { cwd: dir, env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/"otmVersion" is missing/);
    expect(wrong.stderr).not.toMatch(/at .*\.ts:\d+/);
    const missing = await runCli(['import', 'nope.json'], { cwd: dir, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope\.json/);
    expect(existsSync(path.join(dir, 'threatmodel.yaml'))).toBe(false);
  });

  it('refuses hostile input: deep nesting and YAML alias bombs', async () => {
    await writeFile(path.join(dir, 'deep.json'), `{"summary":{},"detail":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const deep = await runCli(['import', 'deep.json'], { cwd: dir, env });
    expect(deep.code).toBe(2);
    expect(deep.stderr).toMatch(/nested more than \d+ levels/);
    const bomb = ['otmVersion: 0.2.0', 'project: {name: x, id: x}', 'a: &a [x,x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');
    await writeFile(path.join(dir, 'bomb.otm.yaml'), bomb);
    const run = await runCli(['import', 'bomb.otm.yaml'], { cwd: dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/alias/);
  });

  it('keeps hostile text from the source inside the header comment', async () => {
    const td = {
      summary: { title: 'x' },
      // The diagram title appears raw in the report note about the unnamed curve.
      detail: { diagrams: [{ title: 'd\rthreatwright: 2\nsystem: {name: pwned}', cells: [{ id: 't', shape: 'trust-boundary-curve', source: { x: 0, y: 0 }, target: { x: 9, y: 9 }, data: { type: 'tm.Boundary' } }] }] },
    };
    await writeFile(path.join(dir, 'td.json'), JSON.stringify(td));
    const run = await runCli(['import', 'td.json', '-o', 'm.yaml'], { cwd: dir, env });
    expect(run.code).toBe(0);
    const text = await readFile(path.join(dir, 'm.yaml'), 'utf8');
    const loaded = loadModel({ file: 'm.yaml', text });
    expect(loaded.model?.system.name).toBe('x');
    // Split the way any YAML reader would: a lone CR is a line break too.
    const injected = text.split(/\r\n|\r|\n/).filter((l) => l.includes('pwned') || l.includes('threatwright: 2'));
    expect(injected.length).toBeGreaterThan(0);
    for (const line of injected) expect(line).toMatch(/^#/);
    // Line breaks and control characters in report notes are shown as escapes, on one line.
    expect(text).toContain('d\\u000dthreatwright: 2\\u000asystem: {name: pwned}');
  });

  it('refuses a file larger than a model may be before reading it, naming the file and the limit (exit 2)', async () => {
    const big = path.join(dir, 'big.json');
    await writeFile(big, Buffer.alloc(MAX_MODEL_BYTES + 1, 0x20));
    const run = await runCli(['import', 'big.json', '--from', 'threat-dragon'], { cwd: dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/big\.json is 16\.0 MB, larger than the 16\.0 MB an import may be/);
  });

  it('refuses a model that would be larger than a model file may be (exit 2, not an internal error)', async () => {
    // A description of many short lines: each line gains the indentation of its place in the model.
    const description = 'x\n'.repeat(3_500_000);
    await writeFile(path.join(dir, 'big.json'), JSON.stringify({ summary: { title: 'x' }, detail: { diagrams: [{ title: 'd', cells: [{ id: 'a', shape: 'process', data: { type: 'tm.Process', name: 'P', description } }] }] } }));
    const run = await runCli(['import', 'big.json', '-o', 'm.yaml'], { cwd: dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the model imported from big\.json would be [\d.]+ MB, more than the 16\.0 MB a model file may be/);
    expect(existsSync(path.join(dir, 'm.yaml'))).toBe(false);
  }, 120_000);

  it.each([
    ['deeply indented OTM YAML', 'deep.otm.yaml', 'otmVersion: 0.2.0\nproject:\n  name: p\n  id: p\n  x:\n' + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(4 + i * 2)}k${i}:`).join('\n') + ' 1\n', 2],
    ['deeply indented Threagile YAML', 'deep.threagile.yaml', 'threagile_version: 1.0.0\ntitle: t\ntechnical_assets:\n  a:\n    x:\n' + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(6 + i * 2)}k${i}:`).join('\n') + ' 1\n', 2],
    ['JSON nested 129 levels (within the old importer limit, beyond the loader\'s)', 'deep.json', JSON.stringify({ summary: { title: 'x' }, detail: { diagrams: [] } }).replace('"diagrams":[]', `"diagrams":[],"x":${'['.repeat(128)}${']'.repeat(128)}`), 2],
    ['a NUL in a dropped element name', 'nul.json', JSON.stringify({ summary: { title: 'x' }, detail: { diagrams: [{ title: 'd', cells: [{ id: 'w', shape: 'weird', data: { type: 'tm.Weird', name: 'W\u0000x' } }, { id: 'a', shape: 'process', data: { type: 'tm.Process', name: 'P\u0000' } }] }] } }), 0],
    ['duplicate ids', 'dup.otm.json', JSON.stringify({ otmVersion: '0.2.0', project: { name: 'p', id: 'p' }, trustZones: [], components: [], dataflows: [], assets: [{ id: 'a', name: 'x' }, { id: 'a', name: 'y' }] }), 0],
    ['a Mermaid node with an empty label', 'empty.mmd', 'flowchart LR\n  A[""] --> B[" "]\n', 0],
    ['"constructor" as a severity, status and type', 'proto.json', JSON.stringify({ summary: { title: 'x' }, detail: { diagrams: [{ title: 'd', cells: [{ id: 'a', shape: 'process', data: { type: 'tm.Process', name: 'P', threats: [{ title: 't', severity: 'constructor', status: 'constructor', type: 'constructor' }] } }] }] } }), 0],
  ])('%s: a clear answer, never an internal error', async (_what, file, text, code) => {
    await writeFile(path.join(dir, file), text);
    const run = await runCli(['import', file, '-o', 'm.yaml'], { cwd: dir, env });
    expect(run.stderr).not.toMatch(/please report|internal/i);
    expect(run.code).toBe(code);
    if (code === 0) expect(loadModel({ file: 'm.yaml', text: await readFile(path.join(dir, 'm.yaml'), 'utf8') }).model).toBeDefined();
  });

  describe(`corpus files${note}`, () => {
    it.skipIf(!hasCorpus)('imports the Threat Dragon demo and says what was not kept', async () => {
      const run = await runCli(['import', path.join(CORPUS, 'threat-dragon/demo-threat-model.v2.json'), '-o', 'demo.yaml'], { cwd: dir, env });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/created: 7 components, 1 asset, 10 flows, 4 boundaries, 14 threats, 14 mitigations/);
      expect(run.stderr).toMatch(/Not imported \(\d+\):/);
      expect((await runCli(['validate', 'demo.yaml'], { cwd: dir, env })).code).toBe(0);
    });

    it.skipIf(!hasCorpus).each(['threat-dragon/malformed-v2.json', 'tm7/invalid-not-xml.tm7'])('rejects %s with exit 2 and a single error', async (file) => {
      const run = await runCli(['import', path.join(CORPUS, file)], { cwd: dir, env });
      expect(run.code).toBe(2);
      expect(run.stderr.match(/✖/g)).toHaveLength(1);
      expect(existsSync(path.join(dir, 'threatmodel.yaml'))).toBe(false);
    });
  });
});

describe('the counts of an import report', () => {
  it('say "1 diagram" and "1 boundary", not "1 diagrams"', async () => {
    const { countsLine } = await import('./model-text.js');
    expect(countsLine({ diagrams: 1, boundaries: 1, 'text blocks': 1, threats: 2, flows: 0 })).toBe('1 diagram, 1 boundary, 1 text block, 2 threats');
    expect(countsLine({})).toBe('nothing');
  });
});
