import { defineRule } from '../../engine/define-rule.js';
import type { FlowNode } from '../../graph/index.js';
import { highIntegrityAssets } from '../shared.js';

export const rule = defineRule({
  id: 'mobile-app-tampering',
  meta: {
    title: 'Tampered or repackaged client app can initiate payments',
    category: 'tampering',
    appliesTo: ['is-client-app'],
    description:
      'A mobile or desktop app initiates payments or other high-integrity actions, and the server accepts any client that speaks its API. Attackers repackage the app or hook it at runtime (Frida, rooted devices, emulators) to skip client-side checks, replay or alter requests and automate abuse at scale; nothing on the server can tell the genuine app from the modified one.',
    references: { cwe: [602], capec: [207], owasp: ['A08:2025'], asvs: ['V2'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Verify app attestation on high-integrity requests',
        acceptance: 'The server requires a fresh Play Integrity / App Attest (or equivalent) verdict bound to the request for payments and other high-integrity actions, rejects failed or missing verdicts, and enforces every business check server-side regardless.',
        verification: 'A test sends the payment request from a debug-signed build (or without an attestation token) and asserts it is rejected; a test with a valid verdict succeeds.',
      },
    ],
    falsePositives: ['All integrity-relevant checks already happen server-side and abuse by modified clients is acceptable: state `app_attestation: true` only once that is a deliberate, recorded decision — otherwise accept the finding with a justification.'],
    properties: ['app_attestation'],
  },
  messages: {
    default: '{{element}} initiates payments or high-integrity actions on {{flow}}, and the server cannot tell a tampered copy of the app from the genuine one.',
  },
  check(ctx) {
    for (const app of ctx.withCapability('is-client-app')) {
      let trigger: FlowNode | undefined;
      let highIntegrity: string[] = [];
      for (const f of app.out) {
        if (f.target?.capabilities.has('handles-payments') || f.target?.capabilities.has('payment-processor')) {
          trigger = f;
          break;
        }
        const hi = highIntegrityAssets(f, ctx.graph.assets);
        if (hi.length > 0 && !trigger) {
          trigger = f;
          highIntegrity = hi;
        }
      }
      if (!trigger?.target) continue;
      if (ctx.prop(trigger.target, 'app_attestation') === true) continue;
      const gap = ctx.gap(app, 'app_attestation');
      if (!gap) continue;
      const why = highIntegrity.length > 0 ? ctx.fact(trigger, 'carries high-integrity data', highIntegrity.join(', ')) : ctx.capability(trigger.target, trigger.target.capabilities.has('handles-payments') ? 'handles-payments' : 'payment-processor');
      ctx.report({ element: app, messageId: 'default', data: { flow: trigger.id }, facts: [ctx.capability(app, 'is-client-app'), ctx.route(trigger), why, gap], ...(highIntegrity.length > 0 ? { assets: highIntegrity } : {}) });
    }
  },
});
