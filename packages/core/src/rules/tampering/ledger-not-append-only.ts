import { defineRule } from '../../engine/define-rule.js';

/** Asset types whose history is the record: payments, ledgers, transactions. */
const RECORD_TYPES = /payment|ledger|transaction/i;

export const rule = defineRule({
  id: 'ledger-not-append-only',
  meta: {
    title: 'Payment or ledger records can be rewritten',
    category: 'tampering',
    appliesTo: ['datastore', 'holds-data'],
    description:
      'When the application account may update and delete ledger or payment rows, anyone who gets code execution or an injection in a service reachable from outside can change balances and erase the trace of what happened, and honest corrections overwrite the history auditors need.',
    references: { cwe: [284, 494], capec: [268], owasp: ['A08:2025', 'A01:2025'], asvs: ['V16.4.3'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Make the ledger append-only for the application: corrections are new entries; updates and deletes are denied by the database',
        acceptance: 'The application role has INSERT and SELECT only on ledger tables (or writes to an immutable/WORM store); each entry links to the previous by hash or sequence, and reconciliation runs daily.',
        verification: 'A test connects with the application role and expects UPDATE and DELETE on the ledger to be refused; a daily job verifies the hash chain or sequence has no gaps.',
      },
    ],
    falsePositives: ['Stores that only cache payment status copied from the provider\'s own ledger: state `append_only: true` with that justification.'],
    properties: ['append_only'],
  },
  messages: {
    default: '{{element}} keeps {{assets}} that a compromised writer could change or delete without trace.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      if (c.kind !== 'datastore' || c.capabilities.has('is-external') || c.capabilities.has('message-queue')) continue;
      const records: string[] = [];
      for (const id of c.stored) {
        const a = ctx.graph.assets.get(id)?.asset;
        if (a?.integrity === 'high' && RECORD_TYPES.test(`${a.type ?? ''} ${a.name}`)) records.push(id);
      }
      if (records.length === 0) continue;
      const writer = c.in.find((f) => f.source !== undefined && f.source.kind === 'process' && f.source.reachable);
      if (!writer?.source) continue;
      const gap = ctx.gap(c, 'append_only');
      if (!gap) continue;
      const names = records.map((id) => ctx.graph.assets.get(id)?.asset.name ?? id).join(', ');
      ctx.report({ element: c, messageId: 'default', data: { assets: names }, facts: [ctx.fact(c, 'stores high-integrity records', names), ctx.route(writer), ctx.reach(writer.source), gap], assets: records });
    }
  },
});
