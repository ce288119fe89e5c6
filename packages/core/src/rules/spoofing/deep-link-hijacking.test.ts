import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './deep-link-hijacking.js';

const m = (props: Record<string, boolean> = {}) => build().external('M', { type: 'mobile-app', properties: { deep_links: true, ...props } }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'verified app links', model: m({ verified_app_links: true }) },
    { name: 'no deep links', model: m({ deep_links: false }) },
  ],
  invalid: [
    { name: 'stated custom scheme', model: m({ verified_app_links: false }), findings: [{ messageId: 'default', elements: ['M'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['M'], unstated: ['M.verified_app_links'] }] },
  ],
});
