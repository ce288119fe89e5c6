import { defineRule } from '../../engine/define-rule.js';
import type { ComponentNode } from '../../graph/index.js';

export const rule = defineRule({
  id: 'cloud-audit-logging-disabled',
  meta: {
    // One question per model: whether it is asked depends on every cloud workload.
    scope: 'system',
    title: 'Cloud control-plane actions are not audit-logged',
    category: 'repudiation',
    appliesTo: ['cloud-compute'],
    description:
      'The cloud account or cluster running the workloads does not record control-plane and IAM actions (who created a key, changed a role, opened a security group, read a secret). After a compromise nobody can tell what the attacker did or prove who changed what, and an attacker with the workload\'s rights can erase the traces if the logs live in the same account.',
    references: { cwe: [778], capec: [268], owasp: ['A09:2025'], asvs: ['V16'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Enable control-plane audit logs and ship them out of reach',
        acceptance: 'CloudTrail / Activity Log / Cloud Audit Logs (and the Kubernetes audit log) are on for all regions, include data-plane reads of secrets, and are delivered to a separate logging account with object lock, retained at least a year.',
        verification: 'An infrastructure test (policy as code) asserts the trail is enabled, multi-region and delivers to the log account; a drill creates and deletes an IAM key and finds both events in the log store.',
      },
    ],
    falsePositives: ['Audit logging is usually set once per cloud account: the question is asked on the first cloud workload only. State `cloud_audit_logging: true` on any workload to answer it for the model, or on each when they live in different accounts.'],
    properties: ['cloud_audit_logging'],
  },
  messages: {
    default: 'Control-plane and IAM actions in the cloud account running {{element}} are not audit-logged.',
  },
  check(ctx) {
    let first: ComponentNode | undefined;
    let answered = false;
    for (const c of ctx.withCapability('cloud-compute')) {
      if (c.kind !== 'process') continue;
      const stated = ctx.prop(c, 'cloud_audit_logging');
      if (stated === true) answered = true;
      if (stated === false) {
        ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'cloud-compute'), ctx.gap(c, 'cloud_audit_logging')] });
        continue;
      }
      if (stated === undefined && (!first || c.id < first.id)) first = c;
    }
    // Unstated: one question per model (audit logging is an account-wide setting), unless some workload already answers it.
    if (first && !answered) ctx.report({ element: first, messageId: 'default', facts: [ctx.capability(first, 'cloud-compute'), ctx.gap(first, 'cloud_audit_logging')] });
  },
});
