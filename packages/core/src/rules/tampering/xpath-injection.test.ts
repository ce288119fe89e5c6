import { RuleTester } from '../../engine/rule-tester.js';
import { localSinkCases } from '../injection.cases.js';
import { rule } from './xpath-injection.js';

new RuleTester().run(rule, localSinkCases('evaluates_xpath', 'input_validation'));
