import { defineRule } from '../../engine/define-rule.js';
import { checkLocalSink } from '../injection.js';

export const rule = defineRule({
  id: 'os-command-injection',
  meta: {
    title: 'OS command injection',
    category: 'tampering',
    appliesTo: ['process', 'runs-shell-commands'],
    description:
      'A process that untrusted input reaches runs operating-system commands that include that input. Shell metacharacters let an attacker run any command with the process\'s rights: full compromise of the host and everything it can reach.',
    references: { cwe: [78], capec: [88], owasp: ['A05:2025'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Never pass input through a shell; call programs with argument arrays',
        acceptance: 'Commands are started with an argument vector (execFile/spawn without shell), input is validated against an allow-list, and the program path is fixed; where possible a library replaces the command.',
        verification: 'A test sends ;id, $(id), backticks and newline payloads in each input that reaches the command and asserts no extra process runs (e.g. by checking the audit log or a canary file).',
      },
    ],
    properties: ['input_validation'],
  },
  messages: {
    default: '{{element}} runs operating-system commands that include untrusted input.',
  },
  check(ctx) {
    checkLocalSink(ctx, { capability: 'runs-shell-commands', safeguard: 'input_validation' }, 'default');
  },
});
