import { defineRule } from '../../engine/define-rule.js';

const CREDENTIAL_TYPES = new Set(['credentials', 'password', 'session-token', 'token', 'secret', 'key']);

export const rule = defineRule({
  id: 'plaintext-credentials',
  meta: {
    title: 'Credentials in clear text inside the network',
    category: 'information-disclosure',
    appliesTo: ['flow'],
    description:
      'Passwords, tokens and keys sent unencrypted between components of the same zone are readable by anything else in that zone: a compromised neighbour, a packet capture, a misconfigured mirror port. One foothold inside becomes every credential on the wire.',
    references: { cwe: [319, 523], capec: [157, 65], owasp: ['A04:2025'], asvs: ['V12'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Encrypt internal traffic that carries credentials (mTLS in the mesh, TLS to databases and caches)',
        acceptance: 'Every connection that carries a password, token or key uses TLS with certificate verification, inside the network too.',
        verification: 'A network policy test (or the mesh\'s strict mTLS mode) refuses a clear-text connection between the two components.',
      },
    ],
    falsePositives: ['Components in the same process or on the same host over a local socket: use protocol in-process or ipc.'],
    properties: ['encrypted'],
  },
  messages: {
    default: '{{element}} carries {{assets}} in clear text: anything else in the zone can read them.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      // Across boundaries, unencrypted-flow reports it.
      if (f.crossesBoundary || f.encrypted !== false) continue;
      const creds = f.assets.filter((a) => CREDENTIAL_TYPES.has(ctx.graph.assets.get(a)?.asset.type ?? ''));
      if (creds.length === 0) continue;
      const names = creds.map((a) => ctx.graph.assets.get(a)?.asset.name ?? a).join(', ');
      ctx.report({ element: f, messageId: 'default', data: { assets: names }, facts: [ctx.property(f, 'encrypted'), ctx.fact(f, 'carries', names)], assets: creds });
    }
  },
});
