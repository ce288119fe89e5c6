import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'log-injection',
  meta: {
    title: 'Forged log entries through log injection',
    category: 'repudiation',
    appliesTo: ['process', 'log-store'],
    description:
      'A process that outsiders reach writes their input into logs as text. Newlines and control characters let an attacker forge entries (a fake "login succeeded for admin"), hide their own, or attack the log viewer — so the audit trail can no longer be trusted in an investigation.',
    references: { cwe: [117, 93], capec: [93], owasp: ['A09:2025'], asvs: ['V16.4.1'] },
    defaults: { likelihood: 3, impact: 2 },
    mitigations: [
      {
        title: 'Log structured fields and encode input',
        acceptance: 'Logs are written as structured records (JSON) with input in separate fields, or input is encoded (CR, LF and control characters escaped) before logging; log viewers render entries as text.',
        verification: 'A test sends a user name containing CRLF and a forged log line and asserts the log store holds one entry with the characters escaped.',
      },
    ],
    properties: ['log_sanitization'],
  },
  messages: {
    default: '{{elements}}: input from outside is written to the logs, where it could forge entries.',
  },
  check(ctx) {
    for (const store of ctx.withCapability('log-store')) {
      for (const f of store.in) {
        const app = f.source;
        if (!app?.capabilities.has('executes-code')) continue;
        const reach = ctx.reach(app);
        if (!reach) continue;
        const gap = ctx.gap(app, 'log_sanitization');
        if (!gap) continue;
        ctx.report({ elements: [app, store], messageId: 'default', facts: [ctx.route(f), reach, gap] });
      }
    }
  },
});
