import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './open-redirect.js';

const app = (props: Record<string, boolean>) => build().process('W', { type: 'web-app', properties: props });

new RuleTester().run(rule, {
  valid: [
    { name: 'redirects restricted', model: app({ redirects_to_return_url: true, redirect_allowlist: true }).model() },
    { name: 'no return-URL redirects', model: app({ redirects_to_return_url: false }).model() },
  ],
  invalid: [
    { name: 'redirects anywhere', model: app({ redirects_to_return_url: true, redirect_allowlist: false }).model(), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'allow-list not stated', model: app({ redirects_to_return_url: true }).model(), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.redirect_allowlist'] }] },
  ],
});
