import { RuleTester } from '../../engine/rule-tester.js';
import { querySinkCases } from '../injection.cases.js';
import { rule } from './nosql-injection.js';

new RuleTester().run(rule, querySinkCases('mongodb', 'input_validation'));
