import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './metadata-endpoint-ssrf.js';

const m = (props: Record<string, boolean> = {}) => build().process('L', { type: 'lambda', properties: { fetches_urls: true, ...props } }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'metadata protected', model: m({ metadata_endpoint_protected: true }) },
    { name: 'fetches only allow-listed URLs', model: m({ url_allowlist: true }) },
    { name: 'not on cloud compute', model: build().process('S', { type: 'api', properties: { fetches_urls: true } }).model() },
  ],
  invalid: [
    { name: 'stated unprotected', model: m({ metadata_endpoint_protected: false }), findings: [{ messageId: 'default', elements: ['L'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['L'], unstated: ['L.metadata_endpoint_protected'] }] },
  ],
});
