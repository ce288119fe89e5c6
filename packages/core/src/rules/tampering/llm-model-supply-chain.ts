import { defineRule } from '../../engine/define-rule.js';
import { isThirdParty } from '../privacy.js';

export const rule = defineRule({
  id: 'llm-model-supply-chain',
  meta: {
    title: 'Unverified models or weights',
    category: 'tampering',
    appliesTo: ['language-model'],
    description:
      'A self-hosted model is loaded from a hub or registry without pinning and verifying it. A swapped or backdoored model (or a weights file that runs code when loaded, as pickle-based formats can) compromises every answer and the host it runs on.',
    references: { cwe: [494, 829], owasp: ['LLM03:2025', 'A08:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Pin models by hash, verify their source, and load only safe formats',
        acceptance: 'Model files are pinned by digest and checked on load; they come from an internal registry mirrored from vetted sources; only non-executable formats (e.g. safetensors) are loaded.',
        verification: 'A deployment test replaces the model file with a different digest and asserts the service refuses to start.',
      },
    ],
    falsePositives: ['Models used through a provider\'s API are the provider\'s supply chain: model them as a third party (type llm-provider).'],
    properties: ['model_provenance'],
  },
  messages: {
    default: '{{element}} runs a model that is not pinned and verified.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('language-model')) {
      if (isThirdParty(c)) continue;
      const gap = ctx.gap(c, 'model_provenance');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'language-model'), gap] });
    }
  },
});
