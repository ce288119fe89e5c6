import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './cloud-audit-logging-disabled.js';

type Props = Record<string, boolean>;
const m = (b: Props = {}, a: Props = {}) => build().process('B', { type: 'vm', properties: b }).process('A', { type: 'function', properties: a }).process('S', { type: 'service' }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'stated on every workload', model: m({ cloud_audit_logging: true }, { cloud_audit_logging: true }) },
    { name: 'one workload answers it for the model', model: m({ cloud_audit_logging: true }) },
    { name: 'no cloud workloads', model: build().process('S', { type: 'service' }).model() },
  ],
  invalid: [
    { name: 'not stated: one question, on the first workload by id', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.cloud_audit_logging'] }] },
    {
      name: 'stated false is reported where stated, and still asks about the others',
      model: m({ cloud_audit_logging: false }),
      findings: [
        { messageId: 'default', elements: ['A'], unstated: ['A.cloud_audit_logging'] },
        { messageId: 'default', elements: ['B'], unstated: [] },
      ],
    },
    { name: 'stated false next to stated true', model: m({ cloud_audit_logging: false }, { cloud_audit_logging: true }), findings: [{ messageId: 'default', elements: ['B'], unstated: [] }] },
  ],
});
