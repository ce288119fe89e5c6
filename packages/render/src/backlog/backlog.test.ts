import { describe, expect, it } from 'vitest';
import { adversarialModel } from '../../test/fixtures/adversarial.js';
import { dataForModel, SHOP_BASELINE, shopData, shopWithBaseline } from '../../test/fixtures/data.js';
import { riskOverlay } from '../data/index.js';
import { adfBody, adfText, backlogItems, markdownBody, parseMarker, planBacklog, type ExistingIssue } from './index.js';

describe('backlog items', () => {
  it('one security task per open P0/P1 threat, titled with the mitigation to do', () => {
    const items = backlogItems(shopData());
    expect(items.map((i) => [i.fingerprint, i.title])).toEqual([
      ['csrf@C2', '[SEC][P0] Mitigate: Cross-site request forgery'],
      ['T1', '[SEC][P0] Rate-limit and add MFA to the login'],
      ['unencrypted-flow@F3', '[SEC][P1] Mitigate: Unencrypted flow carries personal data'],
    ]);
    const t1 = items[1];
    expect(t1?.owner).toBe('Ada Lovelace');
    expect(t1?.due).toBe('2026-12-15');
    expect(t1?.estimate).toBe('3d');
    expect(items[0]?.estimate).toBeUndefined();
    expect(t1?.labels).toEqual(['threatwright', 'security', 'priority:P0']);
  });

  it('never makes a baseline entry an issue, even rated P1; the findings stay', () => {
    const data = shopWithBaseline();
    expect(data.threats.find((t) => t.id === SHOP_BASELINE.id)?.band).toBe('P1');
    expect(backlogItems(data).map((i) => i.fingerprint)).toEqual(['csrf@C2', 'T1', 'unencrypted-flow@F3']);
    // Nor does it colour the risk overlay.
    expect(riskOverlay(data)).toEqual(riskOverlay(shopData()));
    expect(riskOverlay({ threats: data.threats.filter((t) => t.confidence === 'baseline') }).size).toBe(0);
  });

  it('writes a Markdown body with the threat, its DFD neighbourhood, acceptance criteria and tests, and our marker', () => {
    const t1 = backlogItems(shopData(), { sourceUrl: 'https://github.com/acme/shop/blob/abc1234/' })[1];
    if (!t1) throw new Error('no item');
    const body = markdownBody(t1);
    expect(body).toContain('### Acceptance criteria\n\n- [ ] Ten failed logins in a minute lock the account for 15 minutes');
    expect(body).toContain('### Test cases\n\n- [ ] login locks after ten failures');
    expect(body).toContain('- Estimate: 3d');
    expect(body).toMatch(/\[packages\/render\/test\/fixtures\/shop\.yaml:\d+\]\(https:\/\/github\.com\/acme\/shop\/blob\/abc1234\/packages\/render\/test\/fixtures\/shop\.yaml#L\d+\)/u);
    expect(body).toContain('```mermaid\nflowchart LR');
    expect(body).toContain('- `F1` Customer browser → Web app: Login \\(carries Credentials\\) \\[https, unauthenticated\\]');
    expect(parseMarker(body)).toEqual({ fingerprint: 'T1', hash: t1.hash });
  });

  it('writes Jira bodies as Atlassian documents carrying the same marker', () => {
    const item = backlogItems(shopData())[0];
    if (!item) throw new Error('no item');
    const doc = adfBody(item);
    expect(doc['type']).toBe('doc');
    expect(parseMarker(adfText(doc))).toEqual({ fingerprint: 'csrf@C2', hash: item.hash });
  });

  it('keeps hostile text inert in the Markdown body', () => {
    for (const item of backlogItems(dataForModel(adversarialModel()))) {
      const body = markdownBody(item).replace(/```mermaid\n[\s\S]*?```/gu, '');
      expect(body).not.toMatch(/<(script|img|svg)/iu);
      expect(body).not.toMatch(/(?<!\\)\]\((?!https:\/\/)/u);
      expect(parseMarker(body)?.fingerprint).toBe(item.fingerprint);
      expect(item.title.startsWith('[SEC][P')).toBe(true);
      expect(item.title).not.toContain('\n');
    }
  });
});

/** Mentions and cross-references GitHub and GitLab would act on, outside code spans, fences and comments (backslashes do not stop them). */
function liveReferences(markdown: string): string[] {
  const md = markdown.replace(/```[\s\S]*?```/gu, ' ').replace(/<!--[\s\S]*?-->/gu, ' ');
  // The text a tracker sees: backslash escapes resolved, code spans (between unescaped backtick runs of one length) left out.
  let text = '';
  for (let k = 0; k < md.length; k++) {
    const ch = md[k] ?? '';
    if (ch === '\\' && k + 1 < md.length) text += md[++k] ?? '';
    else if (ch === '`') {
      const run = /^`+/u.exec(md.slice(k))?.[0] ?? '`';
      const close = md.indexOf(run, k + run.length);
      if (close < 0) {
        text += run;
        k += run.length - 1;
      } else {
        text += ' ';
        k = close + run.length - 1;
      }
    } else text += ch;
  }
  return text.match(/(?<![\p{L}\p{N}_])(@[\p{L}\p{N}_][\p{L}\p{N}_.-]*(\/[\w.-]+)?|([\w.-]+\/[\w.-]+)?#\d+|GH-\d+|[!&]\d+)/giu) ?? [];
}

describe('backlog bodies mention nobody (I5)', () => {
  const MENTIONS = 'ask @alice, @acme/security-team and @everyone; see #123, acme/shop#7, GH-9 and !12; mail bob@example.com';
  const model = JSON.parse(JSON.stringify(shopData().model)) as ReturnType<typeof shopData>['model'];
  for (const t of model.threats ?? []) Object.assign(t, { title: `${t.title} ${MENTIONS}`, description: MENTIONS });
  for (const m of model.mitigations ?? []) Object.assign(m, { title: `${m.title} ${MENTIONS}`, description: MENTIONS, owner: '@alice', acceptance: [MENTIONS], verification: { test: MENTIONS } });
  model.system.name = `@acme/owners #1 ${model.system.name}`;
  const items = backlogItems(dataForModel(model));

  it('writes every mention and issue reference in the Markdown body as code, which trackers leave alone', () => {
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(liveReferences(markdownBody(item))).toEqual([]);
    const bodies = items.map(markdownBody).join('\n');
    for (const ref of ['`@alice`', '`@acme/security-team`', '`@everyone`', '`#123`', '`acme/shop#7`', '`GH-9`', '`!12`']) expect(bodies).toContain(ref);
    // An e-mail address is not a mention: it stays text.
    expect(bodies).toContain('bob@example.com');
  });

  it('keeps the words readable in Jira, whose text nodes never mention or link', () => {
    const text = items.map((i) => adfText(adfBody(i))).join('\n');
    expect(text).toContain('ask @alice, @acme/security-team');
  });
});

describe('backlog plan', () => {
  const data = shopData();
  const items = backlogItems(data);
  const issue = (fingerprint: string, hash: string | undefined, state: 'open' | 'closed' = 'open', key = '#1'): ExistingIssue => ({ key, url: undefined, fingerprint, hash, state, title: 'x' });

  it('creates what is missing, leaves what is current, updates what changed', () => {
    const [a, b] = items;
    const plan = planBacklog(items, [issue('csrf@C2', a?.hash), issue('T1', 'deadbeef', 'open', '#2')], data);
    expect(plan.map((p) => p.kind)).toEqual(['unchanged', 'update', 'create']);
    expect(b?.fingerprint).toBe('T1');
  });

  it('closes only the issues it opened whose threat is resolved or gone, and keeps the rest', () => {
    const plan = planBacklog(items, [issue('T2', 'x', 'open', '#7'), issue('gone@C9', 'x', 'open', '#8'), issue('gone@C8', 'x', 'closed', '#9')], data);
    const closes = plan.filter((p) => p.kind === 'close');
    expect(closes.map((p) => p.issue.key)).toEqual(['#7', '#8']);
    expect(closes[0]?.reason).toBe('the threat is mitigated');
  });
});
