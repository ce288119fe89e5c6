import { defineRule } from '../../engine/define-rule.js';
import { highIntegrityAssets, isUserAgent, staticCredential } from '../shared.js';

export const rule = defineRule({
  id: 'unsigned-transaction',
  meta: {
    title: 'Transactions the sender can deny',
    category: 'repudiation',
    appliesTo: ['flow'],
    description:
      'When a caller sends payments or other binding instructions authenticated only by a credential shared by all its servers (or none), the records can show only that the credential was used, not who sent the request: the caller can deny a transaction and there is no evidence to settle the dispute.',
    references: { cwe: [345, 778], capec: [268], owasp: ['A09:2025'], asvs: ['V16'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Require signed requests and keep the signatures with the audit record',
        acceptance: 'Each binding request carries a signature by a key registered to one caller system; the signature, key id and request digest are stored in the append-only audit log.',
        verification: 'A test submits a signed request and checks the audit record holds the key id and a digest that verifies against the body.',
      },
    ],
    falsePositives: ['Requests made by people (browsers, apps) are covered by session and audit rules; this rule looks only at other systems calling in.'],
    properties: ['request_signing'],
  },
  messages: {
    default: '{{source}} can deny having sent {{assets}} over {{element}}: nothing in the request proves which of its systems or people sent it.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      if (!f.source || !f.source.client || isUserAgent(f.source) || !f.target || f.target.client) continue;
      const valuable = highIntegrityAssets(f, ctx.graph.assets);
      if (valuable.length === 0) continue;
      const credential = staticCredential(f);
      const unauthenticated = ctx.prop(f, 'authenticated') === false;
      if (credential === undefined && !unauthenticated) continue;
      const signing = ctx.gap(f, 'request_signing');
      if (!signing) continue;
      const names = valuable.map((id) => ctx.graph.assets.get(id)?.asset.name ?? id).join(', ');
      ctx.report({
        element: f,
        messageId: 'default',
        data: { assets: names },
        facts: [ctx.route(f), credential !== undefined ? ctx.fact(f, 'authentication', credential) : ctx.property(f, 'authenticated'), signing],
        assets: valuable,
      });
    }
  },
});
