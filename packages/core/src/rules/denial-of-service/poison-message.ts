import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'poison-message',
  meta: {
    title: 'A malformed message blocks a consumer',
    category: 'denial-of-service',
    appliesTo: ['process', 'message-queue'],
    description:
      'A consumer retries a message it cannot process forever (or crashes on it and restarts). One malformed or hostile message stops the whole queue behind it, and the backlog grows until the system is down.',
    references: { cwe: [400, 755], owasp: ['A10:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Bound retries and park failing messages',
        acceptance: 'After a fixed number of attempts a message goes to a dead-letter queue with its error; an alert fires when the dead-letter queue is not empty; the consumer validates messages before acting.',
        verification: 'A test publishes a malformed message followed by a valid one and asserts the valid one is processed and the malformed one lands in the dead-letter queue.',
      },
    ],
    properties: ['dead_letter_queue'],
  },
  messages: {
    default: '{{element}} may retry or crash on a bad message from {{queue}} and stop processing the rest.',
  },
  check(ctx) {
    for (const q of ctx.withCapability('message-queue')) {
      for (const f of q.out) {
        const consumer = f.target;
        if (!consumer?.capabilities.has('executes-code')) continue;
        const gap = ctx.gap(consumer, 'dead_letter_queue');
        if (!gap) continue;
        ctx.report({ element: consumer, messageId: 'default', data: { queue: q.id }, facts: [ctx.capability(q, 'message-queue'), ctx.route(f), gap] });
      }
    }
  },
});
