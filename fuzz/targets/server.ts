/**
 * The editor's HTTP API under random request sequences: hostile paths, headers and bodies, and
 * saves of mutated models. Contract: never a 500, never a file outside the model's set touched
 * (a secret beside the model folder, a key inside it that the model includes but that is no
 * model fragment), and after every accepted save the model loads with no error.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadModel } from '@threatwright/core';
import { createApp, ModelStore, TOKEN_HEADER, type ModelSnapshot } from '@threatwright/server';
import { includeReader } from '@threatwright/server/model-files';
import { expect, hostileString, target } from '../harness.js';

const MODEL = `# keep this comment
threatwright: 1
include: [team.yaml, key.pem, ../secret.yaml, link.yaml]
system:
  name: Fuzz
components:
  - id: C1
    name: Browser
    kind: external-entity
  - id: C2
    name: API
    kind: process
flows:
  - { id: F1, from: C1, to: C2, protocol: https }
`;
const TEAM = 'components:\n  - id: C3\n    name: DB\n    kind: datastore\nlayout:\n  positions:\n    C3: { x: 1, y: 2 }\n';
const KEY = '-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASC -----END PRIVATE KEY-----\n';
const SECRET = 'token: do-not-touch\n';
const HOST = '127.0.0.1:7411';
const TOKEN = 'fuzz-token';

type Req =
  | { kind: 'get'; path: string; token: boolean }
  | { kind: 'put'; body: string; contentType: string }
  | { kind: 'edit'; section: string; value: unknown; stale: boolean };

const pathArb = fc.oneof(
  fc.constantFrom('/api/model', '/api/model/', '/api/../api/model', '/api/events', '/api/x', '/../secret.yaml', '/%2e%2e/secret.yaml', '/team.yaml', '/key.pem', '/index.html', '/assets/%00', '//etc/passwd'),
  hostileString().map((s) => `/${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "\ufffd"))}`),
);
const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, hostileString(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(hostileString(), tie('value'), { maxKeys: 4 })),
})).value;
const reqArb: fc.Arbitrary<Req> = fc.oneof(
  fc.record({ kind: fc.constant('get' as const), path: pathArb, token: fc.boolean() }),
  fc.record({
    kind: fc.constant('put' as const),
    body: fc.oneof(hostileString(), jsonish.map((v) => JSON.stringify(v)), jsonish.map((v) => JSON.stringify({ baseVersion: 'x', model: v }))),
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'),
  }),
  fc.record({
    kind: fc.constant('edit' as const),
    section: fc.constantFrom('components', 'flows', 'layout', 'system', 'include', 'threatwright', 'boundaries', 'threats', '__proto__', 'constructor'),
    value: jsonish,
    stale: fc.boolean(),
  }),
);

let dir: string | undefined;
function setup(): { file: string; dir: string } {
  if (!dir) {
    const top = mkdtempSync(path.join(tmpdir(), 'tw-fuzz-server-'));
    dir = path.join(top, 'project');
    mkdirSync(dir);
    symlinkSync(path.join(top, 'secret.yaml'), path.join(dir, 'link.yaml'));
  }
  const file = path.join(dir, 'threatmodel.yaml');
  writeFileSync(file, MODEL);
  writeFileSync(path.join(dir, 'team.yaml'), TEAM);
  writeFileSync(path.join(dir, 'key.pem'), KEY);
  writeFileSync(path.join(dir, '..', 'secret.yaml'), SECRET);
  return { file, dir };
}

export const targets = [
  target<Req[]>({
    name: 'server:api',
    arbitrary: () => fc.array(reqArb, { minLength: 1, maxLength: 6 }),
    check: async (reqs) => {
      const { file, dir: d } = setup();
      const app = createApp({ store: new ModelStore(file), token: TOKEN, hosts: () => [HOST] });
      const headers = { host: HOST, [TOKEN_HEADER]: TOKEN };
      for (const r of reqs) {
        let res: Response;
        let body = '';
        if (r.kind === 'get') {
          res = await app.request(r.path, { headers: r.token ? headers : { host: HOST } });
          // The event stream never ends by itself: read its first event, then leave.
          if (res.headers.get('content-type')?.startsWith('text/event-stream') && res.body) {
            const reader = res.body.getReader();
            body = new TextDecoder().decode((await reader.read()).value);
            await reader.cancel();
          } else body = await res.text();
        } else if (r.kind === 'put') {
          res = await app.request('/api/model', { method: 'PUT', headers: { ...headers, 'content-type': r.contentType }, body: r.body });
        } else {
          const snap = (await (await app.request('/api/model', { headers })).json()) as ModelSnapshot;
          const data = { ...(snap.data as Record<string, unknown>) };
          Object.defineProperty(data, r.section, { value: r.value, enumerable: true, writable: true, configurable: true });
          res = await app.request('/api/model', { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ baseVersion: r.stale ? 'stale' : snap.version, model: data }) });
        }
        if (r.kind !== 'get') body = await res.text();
        expect(res.status !== 500, `${r.kind} answered 500: ${body}`);
        expect(!body.includes('do-not-touch') && !body.includes('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'), `${r.kind} returned the text of a file outside the model set`);
        expect(readFileSync(path.join(d, '..', 'secret.yaml'), 'utf8') === SECRET, 'the file outside the folder changed');
        expect(readFileSync(path.join(d, 'key.pem'), 'utf8') === KEY, 'the included key that is no model fragment changed');
        if ((r.kind === 'put' || r.kind === 'edit') && res.status === 200) {
          const text = readFileSync(file, 'utf8');
          expect(text.includes('# keep this comment'), 'a save dropped the comment');
          const reader = includeReader({ root: file });
          const loaded = loadModel({ file: 'threatmodel.yaml', text }, { readFile: reader.readFile });
          const known = new Set(['include-refused', 'not-a-model']);
          const errors = loaded.issues.filter((i) => i.severity === 'error' && !known.has(i.code));
          expect(errors.length === 0, `an accepted save left errors: ${errors.map((i) => i.message).join('; ')}`);
        }
      }
    },
    toFixture: (reqs) => JSON.stringify(reqs, null, 1),
    fromFixture: (text) => JSON.parse(text) as Req[],
  }),
];
