import { RuleTester } from '../../engine/rule-tester.js';
import { querySinkCases } from '../injection.cases.js';
import { rule } from './search-injection.js';

new RuleTester().run(rule, querySinkCases('elasticsearch', 'input_validation'));
