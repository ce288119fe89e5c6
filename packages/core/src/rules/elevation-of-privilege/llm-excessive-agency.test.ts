import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-excessive-agency.js';

const m = (props: Record<string, boolean> = {}) => build().process('A', { type: 'agent', properties: props }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'a person confirms', model: m({ human_approval: true }) },
    { name: 'no tools', model: build().process('A', { type: 'llm-app' }).model() },
    { name: 'tool access switched off', model: m({ tool_access: false }) },
  ],
  invalid: [
    { name: 'stated: no approval', model: m({ human_approval: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.human_approval'] }] },
  ],
});
