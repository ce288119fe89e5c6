import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unsigned-artifacts',
  meta: {
    title: 'Deployed artifacts are not signed and verified',
    category: 'tampering',
    appliesTo: ['datastore', 'artifact-store'],
    description:
      'Images or packages in the registry are deployed without verifying a signature from the build. Anyone with write access to the registry — or a mix-up of tags — gets arbitrary code into production, and nothing ties what runs to the reviewed source.',
    references: { cwe: [494, 345], capec: [538], owasp: ['A08:2025'], asvs: ['V15.2.3'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Sign artifacts in the build and verify them at deploy',
        acceptance: 'The pipeline signs every image or package (e.g. Sigstore cosign with keyless OIDC) and records provenance (SLSA); the runtime admission policy rejects unsigned or foreign-signed artifacts.',
        verification: 'A deployment test pushes an unsigned image to the registry and asserts the cluster refuses to run it.',
      },
    ],
    properties: ['signed_artifacts'],
  },
  messages: {
    default: 'Artifacts from {{element}} are deployed without verifying who built them.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('artifact-store')) {
      // Only registries whose contents are deployed or run by something in the model.
      const consumers = c.out.filter((f) => f.target?.capabilities.has('executes-code') ?? false);
      if (consumers.length === 0) continue;
      const gap = ctx.gap(c, 'signed_artifacts');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'artifact-store'), ...consumers.map((f) => ctx.route(f)), gap] });
    }
  },
});
