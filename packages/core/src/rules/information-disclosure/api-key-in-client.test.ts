import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './api-key-in-client.js';

const call = (type: string, authentication: string) => build().external('U', { type }).process('A', { type: 'api' }).flow('U', 'A', { protocol: 'https', authentication });

new RuleTester().run(rule, {
  valid: [
    { name: 'a browser sends a per-user bearer token', model: call('browser', 'bearer-token').model() },
    { name: 'a person types their password', model: call('browser', 'password').model() },
    { name: 'a backend service holds the key', model: build().process('S', { type: 'api' }).process('A', { type: 'api' }).flow('S', 'A', { authentication: 'api-key' }).model() },
  ],
  invalid: [
    { name: 'a browser page sends an API key', model: call('browser', 'api-key').model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'a mobile app sends a shared secret', model: call('mobile-app', 'shared-secret').model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
  ],
});
