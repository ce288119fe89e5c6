import type { Mitigation, Model } from '@threatwright/core';
import { describe, expect, it } from 'vitest';
import { renderGfm } from '../../test/markdown-render.js';
import { adversarialModel } from '../../test/fixtures/adversarial.js';
import { dataForModel, SHOP_BASELINE, SHOP_DERIVED, shopData, shopWithBaseline, TEST_SCORE } from '../../test/fixtures/data.js';
import { shop } from '../../test/fixtures/models.js';
import { buildReportData, riskOverlay, type AnalysisInput, type AnalysisThreatInput, type ReportData } from '../data/index.js';
import { adfBody, adfText, backlogItems, backlogJson, backlogMarkdown, markdownBody, markerText, parseMarker, planBacklog, unlinkedMitigations, type BacklogItem, type BacklogKind, type ExistingIssue } from './index.js';

const CSRF_RULE = { id: 'csrf', title: 'Cross-site request forgery', description: 'A forged request rides on the user session.', category: 'tampering' as const, references: { cwe: [352] }, mitigations: [{ title: 'Require an anti-CSRF token', acceptance: 'A request without the token gets 403', verification: 'csrf.spec.ts > rejects a forged post' }] };

/**
 * The shop with the model changed by `edit` and a fixed analysis (the two derived findings, the
 * manual threats, `extra` findings), so the backlog's grouping is tested apart from the rules.
 */
function shopWith(edit: (model: Model) => void, options: { extra?: AnalysisThreatInput[]; states?: NonNullable<NonNullable<AnalysisInput['risk']>['mitigations']> } = {}): ReportData {
  const model = structuredClone(shop());
  edit(model);
  const manual = (model.threats ?? []).flatMap((t, entry): AnalysisThreatInput[] =>
    t.id === undefined ? [] : [{ id: t.id, source: 'manual', title: t.title ?? t.id, message: t.description ?? '', elements: t.elements ?? [], assets: [], ...(t.likelihood !== undefined ? { likelihood: t.likelihood } : {}), ...(t.impact !== undefined ? { impact: t.impact } : {}), status: t.status ?? 'open', ...(t.owner !== undefined ? { owner: t.owner } : {}), mitigations: t.mitigations ?? [], entry }],
  );
  // A decision recorded by fingerprint changes the finding's status, as triage would.
  const derived = [...SHOP_DERIVED, ...(options.extra ?? [])].map((f) => {
    const decision = (model.threats ?? []).find((t) => t.fingerprint === f.id);
    return decision?.status ? { ...f, status: decision.status } : f;
  });
  return buildReportData(model, {
    analysis: { threats: [...derived, ...manual], questions: [], rules: { csrf: CSRF_RULE }, risk: { threats: [], settings: { method: 'likelihood-impact', bands: { critical: 16, high: 9, medium: 4 } }, mitigations: options.states ?? [] } },
    meta: { file: 'shop.yaml', date: '2026-11-23' },
    score: TEST_SCORE,
  });
}

const mitigation = (m: Partial<Mitigation> & { id: string }): Mitigation => ({ title: `Mitigation ${m.id}`, ...m });
const summary = (items: BacklogItem[]) => items.map((i) => [i.kind, i.subject, i.title]);

// One issue per planned mitigation, plus a decision per threat at risk with nothing planned: the default.
describe('backlog items', () => {
  it('makes one issue per planned mitigation and one decision per threat at risk with nothing planned', () => {
    const items = backlogItems(shopData());
    expect(summary(items)).toEqual([
      ['decision', 'csrf@C2', '[SEC][P0 critical] Decide how to address: Cross-site request forgery (Web app)'],
      ['mitigation', 'R1', '[SEC][P0 critical] Rate-limit and add MFA to the login'],
      ['decision', 'unencrypted-flow@F3', '[SEC][P1 high] Decide how to address: Unencrypted flow carries personal data (Store order)'],
    ]);
    const r1 = items[1];
    expect(r1?.owner).toBe('Ada Lovelace');
    expect(r1?.due).toBe('2026-12-15');
    expect(r1?.estimate).toBe('3d');
    expect(r1?.labels).toEqual(['threatwright', 'security', 'priority:P0']);
    expect(items[2]?.labels).toEqual(['threatwright', 'security', 'priority:P1']);
    // T2 is mitigated and R2 verified: neither is work.
    expect(items.some((i) => i.subject === 'R2' || i.subject === 'T2')).toBe(false);
  });

  it('groups the threats of a shared mitigation into one issue, at the highest band among them', () => {
    const data = shopWith((m) => m.mitigations?.push(mitigation({ id: 'R3', title: 'Put the shop behind a hardened gateway', threats: ['csrf@C2', 'unencrypted-flow@F3', 'T1'], status: 'proposed', owner: 'Grace Hopper', strategy: 'reduce', acceptance: ['The gateway is in front of every route'] })));
    const items = backlogItems(data);
    const r3 = items.filter((i) => i.subject === 'R3');
    expect(r3).toHaveLength(1);
    expect(r3[0]?.threats.map((t) => t.id)).toEqual(['csrf@C2', 'T1', 'unencrypted-flow@F3']);
    expect(r3[0]?.priority).toBe('P0');
    expect(r3[0]?.title).toBe('[SEC][P0 critical] Put the shop behind a hardened gateway');
    const body = markdownBody(r3[0] as BacklogItem);
    expect(body).toContain('### Threats it addresses\n\n- `csrf@C2` Cross-site request forgery — P0 critical, open\n- `T1` Credential stuffing against the login — P0 critical, open\n- `unencrypted-flow@F3` Unencrypted flow carries personal data — P1 high, open');
    expect(body).toContain('carry out mitigation `R3`, which addresses 3 threats open at P1 high or above.');
    expect(body).toContain('- Status: proposed\n- Owner: Grace Hopper');
    expect(body).toContain('- [ ] The gateway is in front of every route');
    // Every threat now has a planned mitigation: no decision is asked for.
    expect(items.filter((i) => i.kind === 'decision')).toEqual([]);
    // R3's highest threat (csrf@C2, risk 20) ranks before R1's (T1, risk 16).
    expect(summary(items).map(([, s]) => s)).toEqual(['R3', 'R1']);
  });

  it('lists resolved and lower threats too, but takes the priority only from the threats at risk', () => {
    const data = shopWith((m) => m.mitigations?.push(mitigation({ id: 'R3', threats: ['unencrypted-flow@F3', 'T2'] })));
    const r3 = backlogItems(data).find((i) => i.subject === 'R3');
    expect(r3?.priority).toBe('P1');
    expect(r3?.threats.map((t) => `${t.id} ${t.status}`)).toEqual(['unencrypted-flow@F3 open', 'T2 mitigated']);
    expect(markdownBody(r3 as BacklogItem)).toContain('- `T2` Order history read through SQL injection — P1 high, mitigated');
  });

  it('leaves out mitigations that are done, and takes back one whose test failed', () => {
    const implemented = shopWith((m) => Object.assign(m.mitigations?.[0] ?? {}, { status: 'implemented' }));
    expect(backlogItems(implemented).some((i) => i.subject === 'R1')).toBe(false);
    // With nothing else planned, T1 (still P0: R1 reduces nothing) asks for a decision that names what is in force.
    const decision = backlogItems(implemented).find((i) => i.subject === 'T1');
    expect(decision?.kind).toBe('decision');
    expect(markdownBody(decision as BacklogItem)).toContain('In force: R1 Rate-limit and add MFA to the login (implemented). It leaves the threat at P0 critical.');

    const failing = shopWith((m) => Object.assign(m.mitigations?.[0] ?? {}, { status: 'implemented' }), { states: [{ id: 'R1', implemented: false, overdue: false, verification: 'failed', verificationSummary: 'login locks after ten failures failed: expected 423, got 200' }] });
    const r1 = backlogItems(failing).find((i) => i.subject === 'R1');
    expect(r1?.kind).toBe('mitigation');
    const body = markdownBody(r1 as BacklogItem);
    expect(body).toContain('**Last test run: login locks after ten failures failed: expected 423, got 200.**');
    expect(body).toContain('- Status: implemented, but its test failed, so it does not count until it passes');
  });

  it('asks for a decision with the rule\'s suggestion, and points at a planned mitigation on the same element that names no threat', () => {
    const data = shopWith((m) => m.mitigations?.push(mitigation({ id: 'R9', title: 'SameSite cookies', elements: ['C2'], status: 'planned' })));
    expect(unlinkedMitigations(data).map((m) => m.id)).toEqual(['R9']);
    const csrf = backlogItems(data).find((i) => i.subject === 'csrf@C2');
    const body = markdownBody(csrf as BacklogItem);
    expect(body).toContain('- Mitigation `R9` (SameSite cookies) is planned on Web app but addresses no threat yet: if it addresses this one, add `csrf@C2` to its `threats:`.');
    expect(body).toContain('- Plan a mitigation: add it under `mitigations:` in the model with `threats: [csrf@C2]` (the rule suggests one below).');
    expect(body).toContain('an entry `fingerprint: csrf@C2` under `threats:`');
    expect(body).toContain('### Suggested mitigation\n\n**Require an anti-CSRF token**.');
    expect(body).toContain('- [ ] A request without the token gets 403');
    expect(body).toContain('- [ ] csrf.spec.ts > rejects a forged post');
    expect(parseMarker(body)).toEqual({ kind: 'decision', subject: 'csrf@C2', hash: csrf?.hash });
    // R9 names no threat, so it has no band and no issue of its own.
    expect(backlogItems(data).some((i) => i.subject === 'R9')).toBe(false);
  });

  it('takes the threshold band from the options', () => {
    expect(backlogItems(shopData(), { threshold: 'P0' }).map((i) => i.subject)).toEqual(['csrf@C2', 'R1']);
    expect(backlogItems(shopData(), { threshold: 'P2' }).map((i) => i.subject)).toEqual(['csrf@C2', 'R1', 'unencrypted-flow@F3']);
    const low = shopWith((m) => m.mitigations?.push(mitigation({ id: 'R3', threats: ['T2'] })), { extra: [{ ...(SHOP_DERIVED[1] as AnalysisThreatInput), id: 'verbose-errors@C2', ruleId: 'verbose-errors', title: 'Verbose errors', likelihood: 2, impact: 3, elements: ['C2'] }] });
    expect(backlogItems(low, { threshold: 'P2' }).find((i) => i.subject === 'verbose-errors@C2')?.title).toBe('[SEC][P2 medium] Decide how to address: Verbose errors (Web app)');
  });

  it('never makes a baseline entry an issue, even rated P1; the findings stay', () => {
    const data = shopWithBaseline();
    expect(data.threats.find((t) => t.id === SHOP_BASELINE.id)?.band).toBe('P1');
    expect(backlogItems(data).map((i) => i.subject)).toEqual(['csrf@C2', 'R1', 'unencrypted-flow@F3']);
    expect(backlogItems(data, { per: 'threat' }).map((i) => i.subject)).toEqual(['csrf@C2', 'T1', 'unencrypted-flow@F3']);
    // Nor does it colour the risk overlay.
    expect(riskOverlay(data)).toEqual(riskOverlay(shopData()));
    expect(riskOverlay({ threats: data.threats.filter((t) => t.confidence === 'baseline') }).size).toBe(0);
  });

  it('writes a Markdown body with the mitigation, its threats, the DFD neighbourhood, acceptance criteria, tests, planning and the marker', () => {
    const r1 = backlogItems(shopData(), { sourceUrl: 'https://github.com/acme/shop/blob/abc1234/' }).find((i) => i.subject === 'R1');
    if (!r1) throw new Error('no item');
    const body = markdownBody(r1);
    expect(body).toContain('### What to do\n\n**Rate-limit and add MFA to the login** (strategy: reduce).');
    expect(body).toMatch(/Mitigation `R1` in \[packages\/render\/test\/fixtures\/shop\.yaml:\d+\]\(https:\/\/github\.com\/acme\/shop\/blob\/abc1234\/packages\/render\/test\/fixtures\/shop\.yaml#L\d+\)/u);
    expect(body).toContain('### Acceptance criteria\n\n- [ ] Ten failed logins in a minute lock the account for 15 minutes\n- [ ] MFA is required for new devices');
    expect(body).toContain('### Verification\n\n- [ ] login locks after ten failures');
    // The assessment's verdict on R1's test, and its schedule.
    expect(body).toContain('**Last test run: login locks after ten failures failed: expected 423, got 200.**');
    expect(body).toContain('- Due: 2026-12-15 (overdue)\n');
    expect(body).toContain('- Estimate: 3d');
    expect(body).toContain('- Priority: P0 critical');
    expect(body).toContain('```mermaid\nflowchart LR');
    expect(body).toContain('- `F1` Customer browser → Web app: Login (carries Credentials) [https, unauthenticated\\]');
    expect(body.trimEnd().endsWith(`<!-- threatwright:mitigation=R1 hash=${r1.hash} -->`)).toBe(true);
    expect(parseMarker(body)).toEqual({ kind: 'mitigation', subject: 'R1', hash: r1.hash });
  });

  it('writes Jira bodies as Atlassian documents carrying the same marker', () => {
    for (const item of backlogItems(shopData())) {
      const doc = adfBody(item);
      expect(doc['type']).toBe('doc');
      expect(parseMarker(adfText(doc))).toEqual({ kind: item.kind, subject: item.subject, hash: item.hash });
    }
  });

  it('changes the hash when what the issue shows changes, and only then', () => {
    const before = backlogItems(shopData()).find((i) => i.subject === 'R1');
    expect(backlogItems(shopData()).find((i) => i.subject === 'R1')?.hash).toBe(before?.hash);
    const retitled = shopWith((m) => Object.assign(m.threats?.[0] ?? {}, { title: 'Password spraying against the login' }));
    expect(backlogItems(retitled).find((i) => i.subject === 'R1')?.hash).not.toBe(before?.hash);
  });

  it('keeps hostile text inert in the Markdown body', () => {
    // Both ways of planning: per mitigation (the default) and per threat.
    const data = dataForModel(adversarialModel());
    for (const per of ['mitigation', 'threat'] as const) {
      const items = backlogItems(data, { per });
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const body = markdownBody(item).replace(/```mermaid\n[\s\S]*?```/gu, '');
        expect(body).not.toMatch(/(?<!\\)<(script|img|svg)/iu);
        expect(renderGfm(body)).not.toMatch(/<(script|img|svg)|<a href="(?!https:\/\/)/iu);
        expect(body).not.toMatch(/(?<!\\)\]\((?!https:\/\/)/u);
        expect(parseMarker(body)).toEqual({ kind: item.kind, subject: item.subject, hash: item.hash });
        expect(item.title.startsWith('[SEC][P')).toBe(true);
        expect(item.title).not.toContain('\n');
      }
    }
  });
});

describe('backlog items, one per threat (--per threat)', () => {
  it('one security task per open P0/P1 threat, titled with the mitigation to do', () => {
    const items = backlogItems(shopData(), { per: 'threat' });
    expect(summary(items)).toEqual([
      ['threat', 'csrf@C2', '[SEC][P0 critical] Mitigate: Cross-site request forgery'],
      ['threat', 'T1', '[SEC][P0 critical] Rate-limit and add MFA to the login'],
      ['threat', 'unencrypted-flow@F3', '[SEC][P1 high] Mitigate: Unencrypted flow carries personal data'],
    ]);
    const t1 = items[1];
    expect(t1?.owner).toBe('Ada Lovelace');
    expect(t1?.due).toBe('2026-12-15');
    expect(t1?.estimate).toBe('3d');
    expect(items[0]?.estimate).toBeUndefined();
    expect(t1?.labels).toEqual(['threatwright', 'security', 'priority:P0']);
  });

  it('writes the threat, its neighbourhood, acceptance criteria and tests, and the fingerprint marker issues had before', () => {
    const t1 = backlogItems(shopData(), { per: 'threat', sourceUrl: 'https://github.com/acme/shop/blob/abc1234/' })[1];
    if (!t1) throw new Error('no item');
    const body = markdownBody(t1);
    expect(body.startsWith('P0 critical security task from the threat model of **Corner Shop**.')).toBe(true);
    expect(body).toContain('### Acceptance criteria\n\n- [ ] Ten failed logins in a minute lock the account for 15 minutes');
    expect(body).toContain('### Test cases\n\n- [ ] login locks after ten failures');
    expect(body).toContain('- Estimate: 3d');
    expect(body).toContain('- Priority: P0 critical');
    expect(body).toMatch(/\[packages\/render\/test\/fixtures\/shop\.yaml:\d+\]\(https:\/\/github\.com\/acme\/shop\/blob\/abc1234\/packages\/render\/test\/fixtures\/shop\.yaml#L\d+\)/u);
    expect(body).toContain(`<!-- threatwright:fingerprint=T1 hash=${t1.hash} -->`);
    expect(parseMarker(body)).toEqual({ kind: 'threat', subject: 'T1', hash: t1.hash });
  });
});

describe('backlog markers', () => {
  it('reads each kind back, and the fingerprint markers of issues opened before', () => {
    for (const kind of ['mitigation', 'decision', 'threat'] as const) expect(parseMarker(`x\n<!-- ${markerText(kind, 'sql-injection@C2+C3', '0123abcd')} -->`)).toEqual({ kind, subject: 'sql-injection@C2+C3', hash: '0123abcd' });
    expect(parseMarker('<!-- threatwright:fingerprint=csrf%40C2 hash=deadbeef -->')).toEqual({ kind: 'threat', subject: 'csrf@C2', hash: 'deadbeef' });
    expect(parseMarker('no marker here')).toBeUndefined();
  });

  it('goes by the last marker, so model text quoting one cannot take an issue over', () => {
    const data = shopWith((m) => Object.assign(m.mitigations?.[0] ?? {}, { description: 'threatwright:mitigation=R2 hash=00000000' }));
    const r1 = backlogItems(data).find((i) => i.subject === 'R1');
    expect(parseMarker(markdownBody(r1 as BacklogItem))?.subject).toBe('R1');
    expect(parseMarker(adfText(adfBody(r1 as BacklogItem)))?.subject).toBe('R1');
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
  for (const m of model.mitigations ?? []) Object.assign(m, { title: `${m.title} ${MENTIONS}`, description: MENTIONS, owner: '@alice', acceptance: [MENTIONS], verification: { test: MENTIONS, description: MENTIONS, evidence: MENTIONS }, estimate: MENTIONS });
  model.system.name = `@acme/owners #1 ${model.system.name}`;
  const data = dataForModel(model);
  const items = [...backlogItems(data), ...backlogItems(data, { per: 'threat' })];

  it('writes every mention and issue reference in the Markdown body as code, which trackers leave alone', () => {
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set<BacklogKind>(['mitigation', 'decision', 'threat']));
    for (const item of items) expect(liveReferences(markdownBody(item))).toEqual([]);
    const bodies = items.map(markdownBody).join('\n');
    for (const ref of ['`@alice`', '`@acme/security-team`', '`@everyone`', '`#123`', '`acme/shop#7`', '`GH-9`', '`!12`']) expect(bodies).toContain(ref);
    // An e-mail address is not a mention: it stays text.
    expect(bodies).toContain('bob@example.com');
  });

  it('and so does the printed backlog', () => {
    const options = { per: 'mitigation' as const, threshold: 'P1' as const, system: model.system.name };
    expect(liveReferences(backlogMarkdown(items, options))).toEqual([]);
  });

  it('keeps the words readable in Jira, whose text nodes never mention or link', () => {
    const text = items.map((i) => adfText(adfBody(i))).join('\n');
    expect(text).toContain('ask @alice, @acme/security-team');
  });
});

describe('backlog --print', () => {
  const data = shopData();
  const items = backlogItems(data);
  const options = { per: 'mitigation' as const, threshold: 'P1' as const, system: 'Corner Shop' };

  it('writes one Markdown document: a heading per issue, its labels and planning, then the body as sent', () => {
    const md = backlogMarkdown(items, options);
    expect(md.startsWith('# Backlog: Corner Shop\n\n3 issues: one issue per planned mitigation that addresses a threat open at P1 high or above, and one per such threat with no mitigation planned.')).toBe(true);
    expect(md).toContain('---\n\n## 2. [SEC][P0 critical] Rate-limit and add MFA to the login\n\nLabels: `threatwright`, `security`, `priority:P0` · Owner: Ada Lovelace · Due: 2026-12-15 · Estimate: 3d\n\nP0 critical security task');
    for (const item of items) expect(md).toContain(markdownBody(item).trimEnd());
    expect(backlogMarkdown(backlogItems(data, { per: 'threat' }), { ...options, per: 'threat' })).toContain('3 issues: one issue per threat open at P1 high or above.');
  });

  it('escapes the model text in its own headings and fields', () => {
    const hostile = backlogItems(shopWith((m) => Object.assign(m.mitigations?.[0] ?? {}, { title: '# <script>alert(1)</script> [x](javascript:alert(1))', owner: '<img src=x onerror=alert(1)>' })));
    const md = backlogMarkdown(hostile, { ...options, system: '**Shop** <b>' });
    expect(md).toContain('# Backlog: \\*\\*Shop\\*\\* \\<b>');
    expect(md).toContain('## 2. [SEC][P0 critical] # \\<script>alert(1)\\</script> [x\\](javascript:alert(1))');
    expect(md).toContain('Owner: \\<img src=x onerror=alert(1)>');
    expect(renderGfm(md.replace(/```mermaid\n[\s\S]*?```/gu, ''))).not.toMatch(/<(script|img|b>)|<a href="(?!https:\/\/)/iu);
  });

  it('writes stable JSON: the issues in order, with their threats, marker and Markdown body', () => {
    const json = JSON.parse(backlogJson(items, options)) as { version: number; per: string; threshold: unknown; issues: Record<string, unknown>[] };
    expect(json.version).toBe(1);
    expect(json.per).toBe('mitigation');
    expect(json.threshold).toEqual({ priority: 'P1', band: 'high' });
    expect(json.issues.map((i) => Object.keys(i))).toEqual(items.map(() => ['kind', 'subject', 'title', 'labels', 'priority', 'band', 'owner', 'due', 'estimate', 'threats', 'marker', 'body']));
    expect(json.issues[1]).toMatchObject({ kind: 'mitigation', subject: 'R1', title: '[SEC][P0 critical] Rate-limit and add MFA to the login', priority: 'P0', band: 'critical', owner: 'Ada Lovelace', due: '2026-12-15', estimate: '3d', threats: [{ id: 'T1', fingerprint: 'T1', title: 'Credential stuffing against the login', priority: 'P0', band: 'critical', status: 'open' }], marker: `threatwright:mitigation=R1 hash=${items[1]?.hash ?? ''}` });
    expect(json.issues[0]).toMatchObject({ kind: 'decision', subject: 'csrf@C2', owner: null, due: null, estimate: null });
    expect(json.issues[1]?.['body']).toBe(markdownBody(items[1] as BacklogItem));
    expect(backlogJson(items, options)).toBe(backlogJson(backlogItems(shopData()), options));
  });
});

describe('backlog plan', () => {
  const data = shopData();
  const items = backlogItems(data);
  const hashOf = (subject: string) => items.find((i) => i.subject === subject)?.hash;
  const issue = (kind: BacklogKind, subject: string, hash: string | undefined, state: 'open' | 'closed' = 'open', key = '#1'): ExistingIssue => ({ key, url: undefined, kind, subject, hash, state, title: 'x' });

  it('creates what is missing, leaves what is current, updates what changed', () => {
    const plan = planBacklog(items, [issue('decision', 'csrf@C2', hashOf('csrf@C2')), issue('mitigation', 'R1', 'deadbeef', 'open', '#2')], data);
    expect(plan.map((p) => [p.kind, p.kind === 'close' || p.kind === 'keep' ? p.issue.subject : p.item.subject])).toEqual([
      ['unchanged', 'csrf@C2'],
      ['update', 'R1'],
      ['create', 'unencrypted-flow@F3'],
    ]);
  });

  it('closes a mitigation\'s issue once it is implemented, gone, or every threat it addresses is resolved', () => {
    const implemented = shopWith((m) => Object.assign(m.mitigations?.[0] ?? {}, { status: 'implemented' }));
    const closes = (d: ReportData, existing: ExistingIssue[]) => planBacklog(backlogItems(d), existing, d).flatMap((p) => (p.kind === 'close' ? [[p.issue.key, p.reason]] : []));
    expect(closes(implemented, [issue('mitigation', 'R1', 'x', 'open', '#4')])).toEqual([['#4', 'mitigation R1 is implemented']]);
    expect(closes(data, [issue('mitigation', 'R7', 'x', 'open', '#5')])).toEqual([['#5', 'mitigation R7 is no longer in the model']]);
    const resolved = shopWith((m) => Object.assign(m.threats?.[0] ?? {}, { status: 'accepted', justification: 'Low traffic' }));
    expect(closes(resolved, [issue('mitigation', 'R1', 'x', 'open', '#6')])).toEqual([['#6', 'every threat it addresses is resolved (T1 accepted: Low traffic)']]);
  });

  it('keeps a mitigation\'s issue whose threats are still open but now below the band, for a person to decide', () => {
    const lower = shopWith((m) => Object.assign(m.threats?.[0] ?? {}, { likelihood: 1 }));
    const plan = planBacklog(backlogItems(lower), [issue('mitigation', 'R1', 'x', 'open', '#4')], lower);
    expect(plan.find((p) => p.kind === 'keep')).toMatchObject({ issue: { key: '#4' }, reason: 'mitigation R1 is still planned but addresses no threat open at P1 high or above now; left open for a person to decide' });
  });

  it('closes a decision once a mitigation is planned for its threat', () => {
    const planned = shopWith((m) => m.mitigations?.push(mitigation({ id: 'R3', title: 'CSRF tokens', threats: ['csrf@C2'], status: 'planned' })));
    const plan = planBacklog(backlogItems(planned), [issue('decision', 'csrf@C2', 'x', 'open', '#3')], planned);
    expect(plan.filter((p) => p.kind !== 'create' && p.kind !== 'unchanged')).toEqual([{ kind: 'close', issue: expect.objectContaining({ key: '#3' }) as ExistingIssue, reason: 'a mitigation is planned for it: R3 (CSRF tokens), in its own issue' }]);
    expect(plan.some((p) => p.kind === 'create' && p.item.subject === 'R3')).toBe(true);
  });

  it('closes only the issues it opened whose threat is resolved or gone, and keeps the rest', () => {
    const plan = planBacklog(items, [issue('threat', 'T2', 'x', 'open', '#7'), issue('threat', 'gone@C9', 'x', 'open', '#8'), issue('threat', 'gone@C8', 'x', 'closed', '#9')], data);
    const closes = plan.filter((p) => p.kind === 'close');
    expect(closes.map((p) => p.issue.key)).toEqual(['#7', '#8']);
    expect(closes[0]?.reason).toBe('the threat is mitigated');
  });

  it('migrates a per-threat backlog: an unmitigated threat\'s issue becomes its decision, a covered one is listed, not closed', () => {
    const before = backlogItems(data, { per: 'threat' });
    const existing = before.map((item, n) => issue('threat', item.subject, item.hash, 'open', `#${n + 1}`));
    const plan = planBacklog(items, existing, data);
    expect(plan.map((p) => [p.kind, p.kind === 'create' ? p.item.subject : p.issue.key])).toEqual([
      ['update', '#1'],
      ['create', 'R1'],
      ['update', '#3'],
      ['keep', '#2'],
    ]);
    expect(plan[3]).toEqual({ kind: 'keep', issue: existing[1], superseded: true, reason: 'the backlog is per mitigation now, and the issue for R1 (Rate-limit and add MFA to the login) covers it; close it, or run again with --close-superseded' });
    const closing = planBacklog(items, existing, data, { closeSuperseded: true });
    expect(closing[3]).toEqual({ kind: 'close', issue: existing[1], reason: 'the backlog is per mitigation now, and the issue for R1 (Rate-limit and add MFA to the login) covers it' });
    // Once migrated, nothing more to do.
    const after = items.map((item, n) => issue(item.kind, item.subject, item.hash, 'open', `#${n + 10}`));
    expect(planBacklog(items, [...after, { ...(existing[1] as ExistingIssue), state: 'closed' }], data).map((p) => p.kind)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('and back: per threat, a planned mitigation\'s issue is listed as superseded; a decision becomes the threat\'s issue', () => {
    const perThreat = backlogItems(data, { per: 'threat' });
    const existing = items.map((item, n) => issue(item.kind, item.subject, item.hash, 'open', `#${n + 1}`));
    const plan = planBacklog(perThreat, existing, data, { per: 'threat' });
    expect(plan.map((p) => [p.kind, p.kind === 'create' ? p.item.subject : p.issue.key])).toEqual([
      ['update', '#1'],
      ['create', 'T1'],
      ['update', '#3'],
      ['keep', '#2'],
    ]);
    expect(plan[3]).toMatchObject({ superseded: true, reason: 'the backlog is per threat now, and the issues for T1 cover it; close it, or run again with --close-superseded' });
  });
});
