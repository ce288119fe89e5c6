import { defineRule } from '../../engine/define-rule.js';
import { highIntegrityAssets, staticCredential } from '../shared.js';

export const rule = defineRule({
  id: 'forged-request',
  meta: {
    title: 'Forged requests with a shared static credential',
    category: 'spoofing',
    appliesTo: ['flow'],
    description:
      'A flow into a more trusted zone that changes high-integrity data (payments, orders, balances) but is authenticated only by a static credential (an API key or password shared by all of the caller\'s servers) accepts a forged request from anyone who obtains that secret: from a log, a repository, a former employee or a compromised partner server.',
    references: { cwe: [290, 798], capec: [151, 21], owasp: ['A07:2025', 'API2:2023'], asvs: ['V4', 'V9'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Authenticate each request with a per-client key pair (mTLS, signed requests or private-key JWT) and keep static keys out of code',
        acceptance: 'Requests that move money or change records carry a signature over method, path, body and timestamp, verified with the caller\'s registered public key; unsigned requests are refused.',
        verification: 'A contract test sends a request with a valid API key but no (or a wrong) signature and expects 401.',
      },
    ],
    falsePositives: ['Callers inside the same trust zone with short-lived credentials issued by a workload identity system: name that in `authentication` (e.g. mtls, iam).'],
    properties: ['request_signing', 'authenticated'],
  },
  messages: {
    default: 'Anyone holding the {{credential}} of {{source}} can forge requests on {{element}} that change {{assets}}.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      if (f.source?.client !== true || !f.target || f.target.client) continue;
      const crossing = ctx.crossing(f, 'lower-to-higher');
      if (!crossing) continue;
      const credential = staticCredential(f);
      if (credential === undefined) continue;
      const valuable = highIntegrityAssets(f, ctx.graph.assets);
      if (valuable.length === 0) continue;
      const signing = ctx.gap(f, 'request_signing');
      if (!signing) continue;
      const names = valuable.map((id) => ctx.graph.assets.get(id)?.asset.name ?? id).join(', ');
      ctx.report({
        element: f,
        messageId: 'default',
        data: { credential: `shared ${credential}`, assets: names },
        facts: [crossing, ctx.fact(f, 'authentication', credential), ctx.fact(f, 'high-integrity data', names), signing],
        assets: valuable,
      });
    }
  },
});
