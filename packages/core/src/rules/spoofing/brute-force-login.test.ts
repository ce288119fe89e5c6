import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './brute-force-login.js';

const login = (props: Record<string, boolean>) => build().external('U', { type: 'browser' }).process('A', { type: 'auth-service', properties: props }).flow('U', 'A', { protocol: 'https' });

new RuleTester().run(rule, {
  valid: [
    { name: 'accounts lock after failures', model: login({ account_lockout: true, rate_limiting: false }).model() },
    { name: 'throttled', model: login({ account_lockout: false, rate_limiting: true }).model() },
    { name: 'nothing stated (credential-stuffing asks instead)', model: login({}).model() },
  ],
  invalid: [{ name: 'no lockout and no throttling', model: login({ account_lockout: false, rate_limiting: false }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] }],
});
