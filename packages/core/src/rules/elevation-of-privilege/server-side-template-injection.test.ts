import { RuleTester } from '../../engine/rule-tester.js';
import { localSinkCases } from '../injection.cases.js';
import { rule } from './server-side-template-injection.js';

new RuleTester().run(rule, localSinkCases('user_defined_templates', 'input_validation'));
