import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './third-party-script-leakage.js';

const site = (props: Record<string, boolean>) => build().process('W', { type: 'web-server', properties: { third_party_scripts: true, ...props } });

new RuleTester().run(rule, {
  valid: [
    { name: 'pinned and restricted', model: site({ subresource_integrity: true, content_security_policy: true }).model() },
    { name: 'no third-party scripts', model: build().process('W', { type: 'web-server', properties: { subresource_integrity: false } }).model() },
  ],
  invalid: [
    { name: 'unpinned, no CSP', model: site({ subresource_integrity: false, content_security_policy: false }).model(), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'pinned, CSP not stated', model: site({ subresource_integrity: true }).model(), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.content_security_policy'] }] },
  ],
});
