import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './long-lived-tokens.js';

const api = (props: Record<string, boolean>) => build().external('U', { type: 'browser' }).process('A', { type: 'api', properties: { uses_jwt: true, ...props } }).flow('U', 'A', { protocol: 'https' });

new RuleTester().run(rule, {
  valid: [
    { name: 'tokens expire within minutes', model: api({ short_lived_tokens: true }).model() },
    { name: 'tokens can be revoked', model: api({ token_revocation: true, short_lived_tokens: false }).model() },
    { name: 'no JWTs in use', model: build().process('A', { type: 'api' }).model() },
    { name: 'a JWT flow into a service that states revocation', model: build().process('A').process('B', { properties: { uses_jwt: true, token_revocation: true } }).flow('A', 'B', { properties: { uses_jwt: true } }).model() },
  ],
  invalid: [
    { name: 'long-lived and not revocable', model: api({ short_lived_tokens: false, token_revocation: false }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'nothing stated asks both questions', model: api({}).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.short_lived_tokens', 'A.token_revocation'] }] },
    {
      name: 'a JWT on a flow into a service that does not declare JWTs',
      model: build().process('A').process('B').flow('A', 'B', { properties: { uses_jwt: true, short_lived_tokens: false, token_revocation: false } }).model(),
      findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }],
    },
  ],
});
