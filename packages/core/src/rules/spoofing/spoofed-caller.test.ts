import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './spoofed-caller.js';

const hook = (flow: Record<string, unknown>, type = 'payment-provider') =>
  build()
    .boundary('NET', { trust: 'untrusted' })
    .boundary('DC', { trust: 'high' })
    .external('P', { type, boundary: 'NET' })
    .process('S', { type: 'service', boundary: 'DC' })
    .flow('P', 'S', { protocol: 'https', ...flow });

new RuleTester().run(rule, {
  valid: [
    { name: 'authenticated webhook', model: hook({ authenticated: true }).model() },
    { name: 'a browser (covered by sign-in rules)', model: hook({ authenticated: false }, 'browser').model() },
    { name: 'how it authenticates is named', model: hook({ authentication: 'hmac-signature' }).model() },
  ],
  invalid: [
    { name: 'unauthenticated webhook', model: hook({ authenticated: false }).model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'authentication not stated', model: hook({}).model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.authenticated'] }] },
  ],
});
