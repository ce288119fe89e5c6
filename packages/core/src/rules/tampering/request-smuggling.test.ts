import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './request-smuggling.js';

const m = (props: Record<string, boolean> = {}, backendProtocol = 'http') =>
  build()
    .external('U', { type: 'browser' })
    .process('P', { type: 'reverse-proxy', properties: props })
    .process('W', { type: 'web-app' })
    .flow('U', 'P', { protocol: 'https' })
    .flow('P', 'W', { protocol: backendProtocol })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'ambiguous requests rejected', model: m({ rejects_ambiguous_requests: true }) },
    { name: 'back end not over HTTP', model: m({}, 'tls') },
  ],
  invalid: [
    { name: 'stated permissive', model: m({ rejects_ambiguous_requests: false }), findings: [{ messageId: 'default', elements: ['P'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['P'], unstated: ['P.rejects_ambiguous_requests'] }] },
  ],
});
