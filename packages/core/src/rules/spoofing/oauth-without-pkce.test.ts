import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './oauth-without-pkce.js';

const login = (type: string, authentication: string, properties: Record<string, boolean> = {}) =>
  build().external('U', { type }).process('I', { type: 'identity-provider' }).flow('U', 'I', { protocol: 'https', authentication, properties });

new RuleTester().run(rule, {
  valid: [
    { name: 'PKCE used', model: login('mobile-app', 'oidc', { pkce: true }).model() },
    { name: 'a server-side confidential client', model: build().process('S', { type: 'web-app' }).process('I', { type: 'identity-provider' }).flow('S', 'I', { authentication: 'oauth2' }).model() },
    { name: 'an app calling an API with the resulting token', model: build().external('U', { type: 'mobile-app' }).process('A', { type: 'api' }).flow('U', 'A', { authentication: 'oauth2' }).model() },
    { name: 'a browser using a session cookie', model: login('browser', 'session-cookie').model() },
  ],
  invalid: [
    { name: 'a mobile app without PKCE', model: login('mobile-app', 'oauth2', { pkce: false }).model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'a browser, unstated', model: login('browser', 'OpenID Connect').model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.pkce'] }] },
  ],
});
