import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '@threatwright/core';
import { decodeBytes, depthOf, jsonDepthExceeded, lineColumn, MAX_DEPTH, parseJsonText, parseYamlText, yamlDepthExceeded } from './decode.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeBytes', () => {
  it('strips a UTF-8 byte-order mark', () => {
    const r = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{"a":1}')]), 'x.json');
    expect(r).toEqual({ ok: true, text: '{"a":1}' });
  });

  it('decodes UTF-16 little-endian text with a byte-order mark', () => {
    const body = Array.from('<a/>', (c) => [c.charCodeAt(0), 0]).flat();
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, ...body]), 'x.tm7')).toEqual({ ok: true, text: '<a/>' });
  });

  it('rejects invalid UTF-8 instead of replacing bytes', () => {
    const r = decodeBytes(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'bad.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.code).toBe('bad-encoding');
  });

  it('names binary files instead of calling them bad text', () => {
    const zip = decodeBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x0a, 0, 0, 0]), 'model.tm7');
    expect(zip.ok).toBe(false);
    if (!zip.ok) expect(zip.issue).toMatchObject({ code: 'binary-input', message: expect.stringMatching(/ZIP archive/) as unknown });
    const nul = decodeBytes(new Uint8Array([0x7b, 0x00, 0x7d]), 'x.json');
    expect(nul.ok ? '' : nul.issue.message).toMatch(/binary file/);
  });

  it('rejects input over the size limit', () => {
    const r = decodeBytes(enc('x'.repeat(2048)), 'big.json', 1024);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.message).toMatch(/larger than the 1 KB accepted/);
  });
});

describe('parseJsonText', () => {
  it('names the line and column of a syntax error', () => {
    const r = parseJsonText('{\n  "a": 1,\n  "b": }\n', 'm.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.code).toBe('json-syntax');
      expect(r.issue.location).toMatchObject({ file: 'm.json', line: 3 });
    }
  });

  it('rejects nesting deeper than the limit before parsing', () => {
    const deep = '['.repeat(MAX_DEPTH + 5) + ']'.repeat(MAX_DEPTH + 5);
    const r = parseJsonText(deep, 'deep.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.code).toBe('input-too-deep');
  });

  it('ignores brackets inside strings when measuring depth', () => {
    expect(jsonDepthExceeded(JSON.stringify({ s: '['.repeat(500) }), 10)).toBeUndefined();
  });
});

describe('parseYamlText', () => {
  it('refuses an alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = parseYamlText(lines.join('\n'), 'bomb.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.code).toBe('yaml-aliases');
  });

  it('reports a syntax error with its position', () => {
    const r = parseYamlText('a: 1\nb: [1, 2\n', 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.location?.line).toBeGreaterThanOrEqual(2);
  });

  it('parses ordinary YAML', () => {
    expect(parseYamlText('otmVersion: 0.2.0\nproject: { id: p }\n', 'x.yaml')).toEqual({ ok: true, value: { otmVersion: '0.2.0', project: { id: 'p' } } });
  });
});

describe('helpers', () => {
  it('computes 1-based line and column from an offset', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('measures depth without recursing past the limit', () => {
    expect(depthOf({ a: [{ b: 1 }] }, 10)).toBe(3);
    expect(depthOf(1, 10)).toBe(0);
  });
});

describe('one nesting limit with the loader', () => {
  it('is the loader\'s own', () => {
    expect(MAX_DEPTH).toBe(MAX_NESTING_DEPTH);
  });

  it('refuses JSON nested beyond it, accepts JSON at it, and does not count brackets in strings', () => {
    const at = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parseJsonText(at(MAX_NESTING_DEPTH), 'x.json').ok).toBe(true);
    const over = parseJsonText(at(MAX_NESTING_DEPTH + 1), 'x.json');
    expect(over.ok ? undefined : over.issue.code).toBe('input-too-deep');
    expect(parseJsonText(JSON.stringify({ s: '[{'.repeat(5000), t: 'a\\"[[[' }), 'x.json').ok).toBe(true);
  });

  it('refuses deeply indented block YAML before the parser recurses (no stack overflow)', () => {
    for (const yaml of [
      'a:\n' + Array.from({ length: 5000 }, (_, i) => `${' '.repeat(2 + i)}k${i}:`).join('\n') + ' 1\n',
      Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n') + 'x\n',
      '- '.repeat(5000) + 'x\n',
      'a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n',
    ]) {
      const r = parseYamlText(yaml, 'deep.yaml');
      expect(r.ok ? undefined : r.issue.code).toBe('input-too-deep');
    }
  });

  it('does not count what block scalars and quoted text hold', () => {
    const yaml = 'a: |\n' + Array.from({ length: 400 }, (_, i) => `${' '.repeat(2 + i)}line`).join('\n') + '\nb: "[[[[[[[[[[" \nc: x\n';
    expect(parseYamlText(yaml, 'x.yaml').ok).toBe(true);
    expect(yamlDepthExceeded('a:\n  b:\n    - c: [1, {d: 2}]\n', 4)).toBe(17);
    expect(yamlDepthExceeded('a:\n  b:\n    - c: [1, {d: 2}]\n', 6)).toBeUndefined();
  });
});
