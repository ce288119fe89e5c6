import { defineRule } from '../../engine/define-rule.js';
import { highIntegrityAssets } from '../shared.js';

export const rule = defineRule({
  id: 'queue-message-injection',
  meta: {
    title: 'Anyone on the broker can inject messages that consumers trust',
    category: 'spoofing',
    appliesTo: ['datastore', 'message-queue'],
    description:
      'A queue or topic carries high-integrity messages (orders, payments, state changes), but producers are not authenticated to the broker. Any service or host that can reach it publishes messages the consumers act on as if they came from the legitimate producer.',
    references: { cwe: [306, 345], capec: [148], owasp: ['A07:2025', 'A08:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Authenticate producers and authorise them per topic',
        acceptance: 'The broker requires credentials (mTLS or SASL) for every producer; ACLs allow each producer to write only its own topics; consumers verify a signature where messages cross teams.',
        verification: 'A test connects to the broker without credentials, and with another service\'s credentials, and asserts publishing to the topic is refused.',
      },
    ],
    properties: ['authenticated'],
  },
  messages: {
    default: 'Consumers of {{element}} act on the messages it delivers, but its producers may not be authenticated: anything that reaches the broker could publish as them.',
  },
  check(ctx) {
    for (const q of ctx.withCapability('message-queue')) {
      // Producers of high-integrity messages, or of messages the model does not describe (consumers act on what a queue delivers).
      const inbound = q.in.filter((f) => f.source?.capabilities.has('executes-code') === true && (f.assets.length === 0 || highIntegrityAssets(f, ctx.graph.assets).length > 0));
      // Cross-boundary producers are covered by spoofed-caller; this is about producers inside the zone.
      const gaps = inbound.filter((f) => f.direction !== 'lower-to-higher').map((f) => ({ f, gap: ctx.gap(f, 'authenticated') })).filter((x) => x.gap !== undefined);
      const first = gaps[0];
      if (!first) continue;
      ctx.report({ element: q, messageId: 'default', facts: [ctx.capability(q, 'message-queue'), ctx.route(first.f), ...gaps.map((x) => x.gap)] });
    }
  },
});
