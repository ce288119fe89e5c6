import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './csv-formula-injection.js';

const m = (props: Record<string, boolean> = {}) => build().process('R', { type: 'service', properties: { exports_spreadsheets: true, ...props } }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'formulas neutralised', model: m({ formula_escaping: true }) },
    { name: 'no exports', model: m({ exports_spreadsheets: false }) },
  ],
  invalid: [
    { name: 'stated raw', model: m({ formula_escaping: false }), findings: [{ messageId: 'default', elements: ['R'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['R'], unstated: ['R.formula_escaping'] }] },
  ],
});
