/**
 * Clients for the three trackers, each only as large as the backlog needs: list the issues that
 * carry our label, create, update, comment and close. Tokens come from the environment.
 */
import { adfBody, adfText, BACKLOG_LABEL, markdownBody, mdText, parseMarker, type BacklogItem, type ExistingIssue } from '@threatwright/render';
import { requestJson } from './http.js';

export interface Created {
  key: string;
  url: string | undefined;
}

export interface Tracker {
  readonly name: string;
  /** e.g. "acme/shop", "group/project", "SEC". */
  readonly target: string;
  list(): Promise<ExistingIssue[]>;
  create(item: BacklogItem): Promise<Created>;
  update(issue: ExistingIssue, item: BacklogItem): Promise<void>;
  close(issue: ExistingIssue, reason: string): Promise<void>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const closeNote = (reason: string) => `Closed by Threatwright: ${reason}.`;
/** The closing comment as Markdown (GitHub, GitLab): the reason quotes the model's justification, so it is escaped, mentions and references included. */
const closeNoteMarkdown = (reason: string) => closeNote(mdText(reason));

export function github(options: { api: string; repo: string; token: string }): Tracker {
  const base = `${options.api.replace(/\/$/u, '')}/repos/${options.repo.split('/').map(encodeURIComponent).join('/')}`;
  const headers = { Authorization: `Bearer ${options.token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };
  const call = (method: string, path: string, body?: unknown) => requestJson('GitHub', method, `${base}${path}`, headers, body);
  return {
    name: 'GitHub',
    target: options.repo,
    async list() {
      const out: ExistingIssue[] = [];
      for (let page = 1; page <= 50; page++) {
        const batch = (await call('GET', `/issues?labels=${encodeURIComponent(BACKLOG_LABEL)}&state=all&per_page=100&page=${page}`)) as Record<string, unknown>[];
        for (const i of batch) {
          if (i['pull_request'] !== undefined) continue;
          const marker = parseMarker(str(i['body']));
          if (!marker) continue;
          out.push({ key: `#${String(i['number'])}`, url: str(i['html_url']), kind: marker.kind, subject: marker.subject, hash: marker.hash, state: i['state'] === 'closed' ? 'closed' : 'open', title: str(i['title']) ?? '' });
        }
        if (batch.length < 100) break;
      }
      return out;
    },
    async create(item) {
      const r = (await call('POST', '/issues', { title: item.title, body: markdownBody(item), labels: item.labels })) as Record<string, unknown>;
      return { key: `#${String(r['number'])}`, url: str(r['html_url']) };
    },
    async update(issue, item) {
      await call('PATCH', `/issues/${issue.key.slice(1)}`, { title: item.title, body: markdownBody(item), labels: item.labels });
    },
    async close(issue, reason) {
      await call('POST', `/issues/${issue.key.slice(1)}/comments`, { body: closeNoteMarkdown(reason) });
      await call('PATCH', `/issues/${issue.key.slice(1)}`, { state: 'closed', state_reason: 'completed' });
    },
  };
}

export function gitlab(options: { url: string; project: string; token: string }): Tracker {
  const base = `${options.url.replace(/\/$/u, '')}/api/v4/projects/${encodeURIComponent(options.project)}`;
  const headers = { 'PRIVATE-TOKEN': options.token };
  const call = (method: string, path: string, body?: unknown) => requestJson('GitLab', method, `${base}${path}`, headers, body);
  const fields = (item: BacklogItem) => ({ title: item.title, description: markdownBody(item), labels: item.labels.join(','), ...(item.due ? { due_date: item.due } : {}) });
  return {
    name: 'GitLab',
    target: options.project,
    async list() {
      const out: ExistingIssue[] = [];
      for (let page = 1; page <= 50; page++) {
        const batch = (await call('GET', `/issues?labels=${encodeURIComponent(BACKLOG_LABEL)}&scope=all&state=all&per_page=100&page=${page}`)) as Record<string, unknown>[];
        for (const i of batch) {
          const marker = parseMarker(str(i['description']));
          if (!marker) continue;
          out.push({ key: String(i['iid']), url: str(i['web_url']), kind: marker.kind, subject: marker.subject, hash: marker.hash, state: i['state'] === 'closed' ? 'closed' : 'open', title: str(i['title']) ?? '' });
        }
        if (batch.length < 100) break;
      }
      return out;
    },
    async create(item) {
      const r = (await call('POST', '/issues', fields(item))) as Record<string, unknown>;
      return { key: String(r['iid']), url: str(r['web_url']) };
    },
    async update(issue, item) {
      await call('PUT', `/issues/${issue.key}`, fields(item));
    },
    async close(issue, reason) {
      await call('POST', `/issues/${issue.key}/notes`, { body: closeNoteMarkdown(reason) });
      await call('PUT', `/issues/${issue.key}`, { state_event: 'close' });
    },
  };
}

export function jira(options: { url: string; project: string; auth: string; issueType: string }): Tracker {
  const base = `${options.url.replace(/\/$/u, '')}/rest/api/3`;
  const headers = { Authorization: options.auth };
  const call = (method: string, path: string, body?: unknown) => requestJson('Jira', method, `${base}${path}`, headers, body);
  const fields = (item: BacklogItem) => ({ summary: item.title, description: adfBody(item), labels: item.labels.map((l) => l.replace(/\s/gu, '-')), ...(item.due ? { duedate: item.due } : {}) });
  return {
    name: 'Jira',
    target: options.project,
    async list() {
      const out: ExistingIssue[] = [];
      let token: string | undefined;
      for (let n = 0; n < 50; n++) {
        const r = (await call('POST', '/search/jql', { jql: `project = "${options.project.replace(/["\\]/gu, '')}" AND labels = "${BACKLOG_LABEL}" ORDER BY created ASC`, fields: ['summary', 'description', 'status'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) })) as { issues?: Record<string, unknown>[]; nextPageToken?: string; isLast?: boolean };
        for (const i of r.issues ?? []) {
          const f = (i['fields'] ?? {}) as Record<string, unknown>;
          const marker = parseMarker(adfText(f['description']));
          if (!marker) continue;
          const status = f['status'] as { statusCategory?: { key?: string } } | undefined;
          const key = str(i['key']) ?? '';
          out.push({ key, url: `${options.url.replace(/\/$/u, '')}/browse/${encodeURIComponent(key)}`, kind: marker.kind, subject: marker.subject, hash: marker.hash, state: status?.statusCategory?.key === 'done' ? 'closed' : 'open', title: str(f['summary']) ?? '' });
        }
        token = r.nextPageToken;
        if (r.isLast !== false || token === undefined) break;
      }
      return out;
    },
    async create(item) {
      const r = (await call('POST', '/issue', { fields: { project: { key: options.project }, issuetype: { name: options.issueType }, ...fields(item) } })) as Record<string, unknown>;
      const key = str(r['key']) ?? '';
      return { key, url: `${options.url.replace(/\/$/u, '')}/browse/${encodeURIComponent(key)}` };
    },
    async update(issue, item) {
      await call('PUT', `/issue/${encodeURIComponent(issue.key)}`, { fields: fields(item) });
    },
    async close(issue, reason) {
      await call('POST', `/issue/${encodeURIComponent(issue.key)}/comment`, { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: closeNote(reason) }] }] } });
      const t = (await call('GET', `/issue/${encodeURIComponent(issue.key)}/transitions`)) as { transitions?: { id: string; to?: { statusCategory?: { key?: string } } }[] };
      const done = (t.transitions ?? []).find((x) => x.to?.statusCategory?.key === 'done');
      if (!done) throw new Error(`Jira: ${issue.key} has no transition to a done status`);
      await call('POST', `/issue/${encodeURIComponent(issue.key)}/transitions`, { transition: { id: done.id } });
    },
  };
}
