import { RuleTester } from '../../engine/rule-tester.js';
import { localSinkCases } from '../injection.cases.js';
import { rule } from './os-command-injection.js';

new RuleTester().run(rule, localSinkCases('runs_shell_commands', 'input_validation'));
