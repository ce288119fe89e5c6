import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './default-credentials.js';

const zones = () => build().boundary('DMZ', { trust: 20 }).boundary('DATA', { trust: 80 });
const db = (props: Record<string, boolean>) =>
  zones().process('A', { type: 'api', boundary: 'DMZ' }).store('D', { type: 'database', boundary: 'DATA', properties: props }).flow('A', 'D', { protocol: 'postgres' });
const exposedConsole = (props: Record<string, boolean>) =>
  zones().external('U', { type: 'user' }).process('M', { type: 'admin-console', boundary: 'DATA', properties: props }).flow('U', 'M', { protocol: 'https' });

new RuleTester().run(rule, {
  valid: [
    { name: 'defaults changed on a database reached across a boundary', model: db({ default_credentials_changed: true }).model() },
    { name: 'unstated on a database the internet does not reach directly asks nothing', model: db({}).model() },
    {
      name: 'reached only from the same zone',
      model: zones().process('A', { type: 'api', boundary: 'DATA' }).store('D', { type: 'database', boundary: 'DATA', properties: { default_credentials_changed: false } }).flow('A', 'D').model(),
    },
    { name: 'a reverse proxy on the internet is not asked', model: zones().external('U', { type: 'user' }).process('P', { type: 'reverse-proxy', boundary: 'DMZ' }).flow('U', 'P').model() },
    { name: 'a plain API ships no vendor accounts', model: zones().external('U', { type: 'user' }).process('A', { type: 'api', boundary: 'DATA' }).flow('U', 'A').model() },
  ],
  invalid: [
    { name: 'defaults stated unchanged on a database reached from a lower zone', model: db({ default_credentials_changed: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'an admin console exposed to the internet, unstated', model: exposedConsole({}).model(), findings: [{ messageId: 'default', elements: ['M'], unstated: ['M.default_credentials_changed'] }] },
  ],
});
