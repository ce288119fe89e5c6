import { RuleTester } from '../../engine/rule-tester.js';
import { querySinkCases } from '../injection.cases.js';
import { rule } from './sql-injection.js';

new RuleTester().run(rule, querySinkCases('database', 'parameterized_queries'));
