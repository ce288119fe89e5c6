import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './stored-xss.js';

const comments = (props: Record<string, boolean>) => build().process('C', { type: 'api', properties: { renders_user_content: true, ...props } });

new RuleTester().run(rule, {
  valid: [
    { name: 'output is encoded', model: comments({ output_encoding: true }).model() },
    { name: 'no user content shown to others', model: build().process('C', { type: 'api', properties: { output_encoding: false } }).model() },
  ],
  invalid: [
    { name: 'comments inserted without encoding', model: comments({ output_encoding: false, content_security_policy: false }).model(), findings: [{ messageId: 'default', elements: ['C'], unstated: [] }] },
    { name: 'encoding not stated', model: comments({}).model(), findings: [{ messageId: 'default', elements: ['C'], unstated: ['C.output_encoding'] }] },
  ],
});
