import { defineRule } from '../../engine/define-rule.js';
import type { ComponentNode } from '../../graph/index.js';

/** Software that ships with vendor accounts: data stores, brokers, pipelines, registries and admin consoles. */
const SHIPS_WITH_ACCOUNTS = ['holds-data', 'admin-interface', 'message-queue', 'build-pipeline', 'artifact-store'] as const;

export const rule = defineRule({
  id: 'default-credentials',
  meta: {
    title: 'Default credentials left in place',
    category: 'spoofing',
    appliesTo: ['datastore', 'admin-interface', 'message-queue', 'build-pipeline', 'artifact-store'],
    description:
      'Databases, brokers, consoles and appliances ship with well-known accounts (admin/admin, guest/guest, empty root passwords). Anyone who can reach the component from a less trusted zone tries those first; scanners do it within minutes of exposure.',
    references: { cwe: [1392, 798], capec: [70], owasp: ['A07:2025', 'A02:2025'], asvs: ['V6.3.2'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Remove or disable vendor default accounts and set unique credentials before first exposure',
        acceptance: 'No vendor default account is enabled; every remaining account has a unique, generated secret kept in the vault.',
        verification: 'A deployment check tries the vendor default credentials of each component and fails the release if any sign-in succeeds.',
      },
    ],
    falsePositives: ['Managed services without vendor default accounts (cloud databases created with a generated master password): state `default_credentials_changed: true`.'],
    properties: ['default_credentials_changed'],
  },
  messages: {
    default: 'Anyone reaching {{element}} from a less trusted zone can try the vendor\'s default accounts.',
  },
  check(ctx) {
    const seen = new Set<string>();
    const candidates: ComponentNode[] = [];
    for (const cap of SHIPS_WITH_ACCOUNTS) {
      for (const c of ctx.withCapability(cap)) {
        if (seen.has(c.id) || c.capabilities.has('is-external')) continue;
        seen.add(c.id);
        candidates.push(c);
      }
    }
    for (const c of candidates) {
      const gap = ctx.gap(c, 'default_credentials_changed');
      if (!gap) continue;
      const crossing = c.in.find((f) => f.direction === 'lower-to-higher');
      if (!crossing) continue;
      // Unstated: ask only where the internet reaches the component directly; otherwise the stated fact must say so.
      const exposure = ctx.exposure(c);
      if (gap.kind === 'unstated' && !exposure) continue;
      const cap = SHIPS_WITH_ACCOUNTS.find((k) => c.capabilities.has(k)) ?? 'holds-data';
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, cap), ctx.crossing(crossing, 'lower-to-higher'), exposure, gap] });
    }
  },
});
