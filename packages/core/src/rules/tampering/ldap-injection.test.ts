import { RuleTester } from '../../engine/rule-tester.js';
import { querySinkCases } from '../injection.cases.js';
import { rule } from './ldap-injection.js';

new RuleTester().run(rule, querySinkCases('ldap', 'input_validation'));
