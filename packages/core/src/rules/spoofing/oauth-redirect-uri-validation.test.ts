import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './oauth-redirect-uri-validation.js';

const idp = (props: Record<string, boolean>) => build().external('U', { type: 'browser' }).process('I', { type: 'identity-provider', properties: props }).flow('U', 'I', { protocol: 'https' });

new RuleTester().run(rule, {
  valid: [
    { name: 'exact redirect URIs', model: idp({ exact_redirect_uris: true }).model() },
    { name: 'a plain API issues no codes', model: build().process('A', { type: 'api' }).model() },
  ],
  invalid: [
    { name: 'prefix matching stated', model: idp({ exact_redirect_uris: false }).model(), findings: [{ messageId: 'default', elements: ['I'], unstated: [] }] },
    { name: 'unstated asks', model: idp({}).model(), findings: [{ messageId: 'default', elements: ['I'], unstated: ['I.exact_redirect_uris'] }] },
  ],
});
