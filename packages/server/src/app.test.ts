import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER, type ConflictResponse, type ModelSnapshot } from './api.js';
import { createApp } from './app.js';
import { ModelStore } from './model-store.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

const MODEL = `# Shop model — reviewed by the security team
threatwright: 1
system:
  name: Shop
components:
  # Customers' browsers
  - id: C1
    name: Browser
    kind: external-entity
  - id: C2
    name: API   # Node.js
    kind: process
flows:
  - { id: F1, from: C1, to: C2, protocol: https }
`;

const TOKEN = 'test-token-0123456789';
const HOST = '127.0.0.1:7411';
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-server-'));
  file = path.join(dir, 'threatmodel.yaml');
  await writeFile(file, MODEL);
  await writeFile(path.join(dir, 'secret.txt'), 'do not serve me');
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function app(extra: { webRoot?: string; maxBodyBytes?: number } = {}) {
  return createApp({ store: new ModelStore(file), token: TOKEN, hosts: () => [HOST, 'localhost:7411'], ...extra });
}
const auth = { host: HOST, [TOKEN_HEADER]: TOKEN };

async function getModel(a = app()): Promise<ModelSnapshot> {
  const res = await a.request('/api/model', { headers: auth });
  expect(res.status).toBe(200);
  return (await res.json()) as ModelSnapshot;
}

function put(a: ReturnType<typeof app>, body: unknown, headers: Record<string, string> = {}) {
  return a.request('/api/model', { method: 'PUT', headers: { ...auth, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('the model API', () => {
  it('returns the model with its text, version and issues', async () => {
    const snap = await getModel();
    expect(snap.file).toBe('threatmodel.yaml');
    expect(snap.valid).toBe(true);
    expect(snap.files[0]?.text).toBe(MODEL);
    expect(snap.version).toMatch(/^[0-9a-f]{20}$/);
    expect((snap.data as { components: unknown[] }).components).toHaveLength(2);
  });

  it('saves an edit into the file keeping its comments and untouched formatting', async () => {
    const a = app();
    const snap = await getModel(a);
    const model = structuredClone(snap.data) as { components: { id: string; name: string; kind: string }[] };
    model.components.push({ id: 'C3', name: 'Orders DB', kind: 'datastore' });
    const res = await put(a, { baseVersion: snap.version, model });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as ModelSnapshot;
    const text = await readFile(file, 'utf8');
    expect(text.startsWith(MODEL.replace(/flows:[\s\S]*$/, ''))).toBe(true);
    expect(text).toContain('name: API   # Node.js');
    expect(text).toContain('  - id: C3\n    name: Orders DB\n    kind: datastore\n');
    expect(text).toContain('- { id: F1, from: C1, to: C2, protocol: https }');
    expect(saved.version).not.toBe(snap.version);
    expect(saved.files[0]?.text).toBe(text);
  });

  it('refuses to overwrite a file that changed on disk and returns what is there now', async () => {
    const a = app();
    const snap = await getModel(a);
    const changed = MODEL.replace('name: Shop', 'name: Shop (edited elsewhere)');
    await writeFile(file, changed);
    const res = await put(a, { baseVersion: snap.version, model: snap.data });
    expect(res.status).toBe(409);
    const body = (await res.json()) as ConflictResponse;
    expect(body.current.files[0]?.text).toBe(changed);
    expect(await readFile(file, 'utf8')).toBe(changed);
  });

  it('writes atomically, leaving no temporary file behind', async () => {
    const a = app();
    const snap = await getModel(a);
    const model = structuredClone(snap.data) as { system: { name: string } };
    model.system.name = 'Shop 2';
    expect((await put(a, { baseVersion: snap.version, model })).status).toBe(200);
    expect((await readdir(dir)).sort()).toEqual(['index.html', 'secret.txt', 'threatmodel.yaml']);
  });

  it('opens a model with schema errors so they can be fixed, with the issues located', async () => {
    await writeFile(file, MODEL.replace('kind: process', 'kind: proces'));
    const snap = await getModel();
    expect(snap.valid).toBe(false);
    expect(snap.data).not.toBeNull();
    expect(snap.issues[0]?.location?.line).toBe(12);
  });

  it('reports unreadable YAML with its position and no data', async () => {
    await writeFile(file, 'system: [unclosed\n');
    const snap = await getModel();
    expect(snap.data).toBeNull();
    expect(snap.issues[0]?.code).toBe('yaml-syntax');
  });

  it('rejects a malformed save request', async () => {
    const a = app();
    expect((await put(a, { model: {} })).status).toBe(400);
    const res = await a.request('/api/model', { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).toBe(400);
  });

  it('announces a change made to the file by another program', async () => {
    const a = app();
    const res = await a.request('/api/events', { headers: auth });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const until = async (needle: string) => {
      while (!seen.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        seen += decoder.decode(value, { stream: true });
      }
    };
    await until('event: hello');
    await new Promise((r) => setTimeout(r, 150));
    await writeFile(file, MODEL + '# a comment added in another editor\n');
    await until('event: changed');
    await reader.cancel();
  });
});

describe('the analysis API', () => {
  it('returns the analysis of the model on disk, with the counts every output shows, and follows edits', async () => {
    const a = app();
    const res = await a.request('/api/analysis', { headers: auth });
    expect(res.status).toBe(200);
    const first = (await res.json()) as { version: number; file: string; system: string; counts: { open: number; byBand: Record<string, number> }; risk: { posture: { open: { total: number } } }; threats: { id: string }[] };
    expect(first).toMatchObject({ version: 2, file: 'threatmodel.yaml' });
    expect(first.counts.open).toBe(first.risk.posture.open.total);
    expect(first.threats.length).toBeGreaterThan(0);
    expect(first.system).toBe('Shop');
    await writeFile(file, MODEL.replace('name: Shop', 'name: Corner shop'));
    const second = (await (await a.request('/api/analysis', { headers: auth })).json()) as { system: string };
    expect(second.system).toBe('Corner shop');
  });

  it('answers 422 with the errors for a model that cannot be analysed', async () => {
    await writeFile(file, MODEL.replace('to: C2', 'to: C9'));
    const res = await app().request('/api/analysis', { headers: auth });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { valid: boolean; issues: { code: string; location?: { line: number } }[] };
    expect(body.valid).toBe(false);
    expect(body.issues[0]).toMatchObject({ code: 'unknown-reference' });
    expect(body.issues[0]?.location?.line).toBeGreaterThan(0);
  });

  it('needs the token like every API call', async () => {
    expect((await app().request('/api/analysis', { headers: { host: HOST } })).status).toBe(401);
  });
});

describe('the verification API', () => {
  it('returns the record `threatwright verify` saved beside the model, null when there is none or it is not one', async () => {
    const a = app();
    expect(await (await a.request('/api/verification', { headers: auth })).json()).toEqual({ record: null });
    const record = { version: 1, checked_at: '2026-11-20T10:00:00.000Z', sources: ['results.xml'], mitigations: [{ mitigation: 'R1', state: 'failed', tests: [{ test: 'rate_limit_test', outcome: 'failed', message: 'expected 429' }], summary: 'rate_limit_test failed: expected 429' }] };
    await writeFile(path.join(dir, 'threatmodel.verification.json'), JSON.stringify(record));
    const res = await a.request('/api/verification', { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ record });
    await writeFile(path.join(dir, 'threatmodel.verification.json'), '{ "version": 7 }');
    expect(await (await a.request('/api/verification', { headers: auth })).json()).toEqual({ record: null });
    expect((await a.request('/api/verification', { headers: { host: HOST } })).status).toBe(401);
  });
});

describe('local-server security', () => {
  it('refuses API calls without the token or with a wrong one', async () => {
    const a = app();
    expect((await a.request('/api/model', { headers: { host: HOST } })).status).toBe(401);
    expect((await a.request('/api/model', { headers: { host: HOST, [TOKEN_HEADER]: 'guess' } })).status).toBe(401);
    expect((await a.request('/api/model', { headers: { host: HOST, [TOKEN_HEADER]: TOKEN.replace('0', '1') } })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const res = await app().request('/api/model', { headers: { ...auth, host: 'evil.example:7411' } });
    expect(res.status).toBe(403);
    expect((await app().request('/', { headers: { host: 'evil.example:7411' } })).status).toBe(403);
  });

  it('refuses requests from another origin or marked cross-site by the browser', async () => {
    const a = app();
    const snap = await getModel(a);
    expect((await put(a, { baseVersion: snap.version, model: snap.data }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await put(a, { baseVersion: snap.version, model: snap.data }, { origin: 'http://127.0.0.1:9999' })).status).toBe(403);
    expect((await a.request('/api/model', { headers: { ...auth, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await put(a, { baseVersion: snap.version, model: snap.data }, { origin: `http://${HOST}` })).status).toBe(200);
    expect(await readFile(file, 'utf8')).toBe(MODEL);
  });

  it('accepts only JSON saves, so a plain HTML form cannot post one', async () => {
    const res = await app().request('/api/model', { method: 'PUT', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' });
    expect(res.status).toBe(415);
  });

  it('refuses request bodies over the size limit', async () => {
    const a = app({ maxBodyBytes: 1024 });
    const snap = await getModel(a);
    const res = await put(a, { baseVersion: snap.version, model: { ...(snap.data as object), padding: 'x'.repeat(2048) } });
    expect(res.status).toBe(413);
    expect(await readFile(file, 'utf8')).toBe(MODEL);
  });

  it('sends a strict Content-Security-Policy on every answer', async () => {
    const a = app({ webRoot: dir });
    for (const res of [await a.request('/', { headers: { host: HOST } }), await a.request('/api/model', { headers: auth }), await a.request('/api/model', { headers: { host: HOST } })]) {
      const csp = res.headers.get('content-security-policy');
      expect(csp).toBe(CONTENT_SECURITY_POLICY);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves only the web app folder, never a file beside or above it', async () => {
    const web = path.join(dir, 'web');
    await mkdir(web);
    await writeFile(path.join(web, 'index.html'), '<!doctype html><title>Threatwright</title>');
    const a = app({ webRoot: web });
    expect(await (await a.request('/', { headers: { host: HOST } })).text()).toContain('Threatwright');
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/threatmodel.yaml', '/assets/..%2f..%2fsecret.txt']) {
      const res = await a.request(p, { headers: { host: HOST } });
      const body = await res.text();
      expect(body, p).not.toContain('do not serve me');
      expect(body, p).not.toContain('threatwright: 1');
    }
  });

  it('has no API to read or write any file but the served model', async () => {
    const a = app();
    for (const p of ['/api/file?path=secret.txt', '/api/files/secret.txt', '/api/model/../secret.txt']) {
      const res = await a.request(p, { headers: auth });
      expect(await res.text()).not.toContain('do not serve me');
    }
  });
});
