import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './secrets-outside-vault.js';

const svc = (props: Record<string, boolean>, authentication = 'api-key') => build().process('S', { properties: props }).external('P', { type: 'payment-provider' }).flow('S', 'P', { authentication });

new RuleTester().run(rule, {
  valid: [
    { name: 'secrets from the vault', model: svc({ secrets_in_vault: true }).model() },
    { name: 'workload identity, no static secret', model: svc({ secrets_in_vault: false }, 'iam').model() },
    { name: 'not stated', model: svc({}).model() },
  ],
  invalid: [{ name: 'API key in an environment file', model: svc({ secrets_in_vault: false }).model(), findings: [{ messageId: 'default', elements: ['S'] }] }],
});
