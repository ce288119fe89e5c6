/**
 * Local HTTP servers (127.0.0.1) that speak the parts of the GitHub, GitLab and Jira REST APIs the
 * backlog uses, keeping issues in memory: for the backlog's tests only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIssue {
  id: number;
  key: string;
  title: string;
  body: unknown;
  labels: string[];
  state: 'open' | 'closed';
  comments: string[];
  due?: string;
}

export interface FakeTracker {
  url: string;
  issues: FakeIssue[];
  /** Every request as "METHOD /path". */
  requests: string[];
  /** Make the next requests whose "METHOD /path" matches fail with this status. */
  failWhen: ((req: string, body: Record<string, unknown>) => number | undefined) | undefined;
  close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body?: unknown): true {
  res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
  return true;
}

type Handler = (fake: FakeTracker, method: string, url: URL, body: Record<string, unknown>, res: ServerResponse) => true;

async function start(token: (req: IncomingMessage) => boolean, handle: Handler): Promise<FakeTracker> {
  const fake: FakeTracker = { url: '', issues: [], requests: [], failWhen: undefined, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      const what = `${req.method ?? 'GET'} ${url.pathname}`;
      fake.requests.push(what);
      if (!token(req)) return send(res, 401, { message: 'Bad credentials' });
      const fail = fake.failWhen?.(what, body);
      if (fail !== undefined) return send(res, fail, { message: 'Server Error' });
      return handle(fake, req.method ?? 'GET', url, body, res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => { resolve(); }));
  return fake;
}

const page = <T>(list: T[], url: URL) => {
  const per = Number(url.searchParams.get('per_page') ?? 30);
  const n = Number(url.searchParams.get('page') ?? 1);
  return list.slice((n - 1) * per, n * per);
};

export function fakeGitHub(token: string): Promise<FakeTracker> {
  return start(
    (req) => req.headers.authorization === `Bearer ${token}`,
    (fake, method, url, body, res) => {
      const m = /^\/repos\/([^/]+)\/([^/]+)\/issues(?:\/(\d+))?(\/comments)?$/u.exec(url.pathname);
      if (!m) return send(res, 404, { message: 'Not Found' });
      const issue = m[3] ? fake.issues.find((i) => i.id === Number(m[3])) : undefined;
      const out = (i: FakeIssue) => ({ number: i.id, title: i.title, body: i.body, labels: i.labels.map((name) => ({ name })), state: i.state, html_url: `https://github.example/${m[1] ?? ''}/${m[2] ?? ''}/issues/${i.id}` });
      if (method === 'GET' && !m[3]) {
        const label = url.searchParams.get('labels');
        return send(res, 200, page(fake.issues.filter((i) => !label || i.labels.includes(label)), url).map(out));
      }
      if (method === 'POST' && !m[3]) {
        const i: FakeIssue = { id: fake.issues.length + 1, key: `#${fake.issues.length + 1}`, title: String(body['title']), body: body['body'], labels: (body['labels'] as string[] | undefined) ?? [], state: 'open', comments: [] };
        fake.issues.push(i);
        return send(res, 201, out(i));
      }
      if (!issue) return send(res, 404, { message: 'Not Found' });
      if (method === 'POST' && m[4]) {
        issue.comments.push(String(body['body']));
        return send(res, 201, {});
      }
      if (method === 'PATCH') {
        if (typeof body['title'] === 'string') issue.title = body['title'];
        if (body['body'] !== undefined) issue.body = body['body'];
        if (Array.isArray(body['labels'])) issue.labels = body['labels'] as string[];
        if (body['state'] === 'closed' || body['state'] === 'open') issue.state = body['state'];
        return send(res, 200, out(issue));
      }
      return send(res, 405, { message: 'Method Not Allowed' });
    },
  );
}

export function fakeGitLab(token: string): Promise<FakeTracker> {
  return start(
    (req) => req.headers['private-token'] === token,
    (fake, method, url, body, res) => {
      const m = /^\/api\/v4\/projects\/([^/]+)\/issues(?:\/(\d+))?(\/notes)?$/u.exec(url.pathname);
      if (!m) return send(res, 404, { message: '404 Project Not Found' });
      const out = (i: FakeIssue) => ({ iid: i.id, title: i.title, description: i.body, labels: i.labels, state: i.state === 'open' ? 'opened' : 'closed', web_url: `https://gitlab.example/issues/${i.id}`, due_date: i.due ?? null });
      const issue = m[2] ? fake.issues.find((i) => i.id === Number(m[2])) : undefined;
      if (method === 'GET' && !m[2]) return send(res, 200, page(fake.issues.filter((i) => i.labels.includes(url.searchParams.get('labels') ?? '')), url).map(out));
      if (method === 'POST' && !m[2]) {
        const i: FakeIssue = { id: fake.issues.length + 1, key: String(fake.issues.length + 1), title: String(body['title']), body: body['description'], labels: typeof body['labels'] === 'string' ? body['labels'].split(',') : [], state: 'open', comments: [], ...(typeof body['due_date'] === 'string' ? { due: body['due_date'] } : {}) };
        fake.issues.push(i);
        return send(res, 201, out(i));
      }
      if (!issue) return send(res, 404, { message: '404 Not found' });
      if (method === 'POST' && m[3]) {
        issue.comments.push(String(body['body']));
        return send(res, 201, {});
      }
      if (method === 'PUT') {
        if (typeof body['title'] === 'string') issue.title = body['title'];
        if (body['description'] !== undefined) issue.body = body['description'];
        if (typeof body['labels'] === 'string') issue.labels = body['labels'].split(',');
        if (body['state_event'] === 'close') issue.state = 'closed';
        return send(res, 200, out(issue));
      }
      return send(res, 405, { message: 'Method Not Allowed' });
    },
  );
}

export function fakeJira(auth: string): Promise<FakeTracker> {
  return start(
    (req) => req.headers.authorization === auth,
    (fake, method, url, body, res) => {
      const p = url.pathname;
      const fields = (body['fields'] ?? {}) as Record<string, unknown>;
      if (method === 'POST' && p === '/rest/api/3/search/jql') {
        return send(res, 200, {
          isLast: true,
          issues: fake.issues.filter((i) => i.labels.includes('threatwright')).map((i) => ({ key: i.key, fields: { summary: i.title, description: i.body, status: { statusCategory: { key: i.state === 'closed' ? 'done' : 'new' } } } })),
        });
      }
      if (method === 'POST' && p === '/rest/api/3/issue') {
        const i: FakeIssue = { id: fake.issues.length + 1, key: `${String((fields['project'] as { key?: string } | undefined)?.key)}-${fake.issues.length + 1}`, title: String(fields['summary']), body: fields['description'], labels: (fields['labels'] as string[] | undefined) ?? [], state: 'open', comments: [], ...(typeof fields['duedate'] === 'string' ? { due: fields['duedate'] } : {}) };
        fake.issues.push(i);
        return send(res, 201, { id: String(i.id), key: i.key });
      }
      const m = /^\/rest\/api\/3\/issue\/([^/]+)(\/comment|\/transitions)?$/u.exec(p);
      const issue = m ? fake.issues.find((i) => i.key === decodeURIComponent(m[1] ?? '')) : undefined;
      if (!m || !issue) return send(res, 404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'] });
      if (method === 'PUT' && !m[2]) {
        if (typeof fields['summary'] === 'string') issue.title = fields['summary'];
        if (fields['description'] !== undefined) issue.body = fields['description'];
        if (Array.isArray(fields['labels'])) issue.labels = fields['labels'] as string[];
        return send(res, 204);
      }
      if (method === 'POST' && m[2] === '/comment') {
        issue.comments.push(JSON.stringify(body['body']));
        return send(res, 201, {});
      }
      if (method === 'GET' && m[2] === '/transitions') return send(res, 200, { transitions: [{ id: '11', to: { statusCategory: { key: 'indeterminate' } } }, { id: '31', to: { statusCategory: { key: 'done' } } }] });
      if (method === 'POST' && m[2] === '/transitions') {
        if ((body['transition'] as { id?: string } | undefined)?.id === '31') issue.state = 'closed';
        return send(res, 204);
      }
      return send(res, 405, { errorMessages: ['Method Not Allowed'] });
    },
  );
}
