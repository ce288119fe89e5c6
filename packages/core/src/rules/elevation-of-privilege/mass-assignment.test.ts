import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './mass-assignment.js';

const api = (props: Record<string, boolean>) => build().external('U', { type: 'browser' }).process('A', { type: 'api', properties: props }).flow('U', 'A');

new RuleTester().run(rule, {
  valid: [
    { name: 'allow-listed binding', model: api({ mass_assignment_protection: true }).model() },
    { name: 'not stated', model: api({}).model() },
    { name: 'not reachable', model: build().process('A', { properties: { mass_assignment_protection: false } }).model() },
  ],
  invalid: [{ name: 'binds whole records', model: api({ mass_assignment_protection: false }).model(), findings: [{ messageId: 'default', elements: ['A'] }] }],
});
