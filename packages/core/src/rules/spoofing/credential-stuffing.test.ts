import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './credential-stuffing.js';

const login = (auth: Record<string, boolean>, internet = true) =>
  build()
    .boundary('NET', { trust: 'untrusted' })
    .external('U', { type: 'browser', boundary: internet ? 'NET' : undefined })
    .process('W', { type: 'web-app', properties: { internet_facing: internet } })
    .process('A', { type: 'auth-service', properties: auth })
    .flow('U', 'W', { protocol: 'https' })
    .flow('W', 'A', { protocol: 'grpc' });

new RuleTester().run(rule, {
  valid: [
    { name: 'MFA is offered', model: login({ mfa: true, rate_limiting: false }).model() },
    { name: 'sign-in is throttled', model: login({ mfa: false, rate_limiting: true }).model() },
    { name: 'not reachable from the internet', model: login({ mfa: false, rate_limiting: false }, false).model() },
  ],
  invalid: [
    { name: 'reached through the web app, no MFA and no throttling', model: login({ mfa: false, rate_limiting: false }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.breached_password_check'] }] },
    { name: 'unstated safeguards become questions', model: login({}).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.mfa', 'A.rate_limiting', 'A.breached_password_check'] }] },
  ],
});
