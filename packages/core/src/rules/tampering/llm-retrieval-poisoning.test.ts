import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-retrieval-poisoning.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('I', { type: 'worker' }).store('V', { type: 'vector-store', properties: props }).flow('I', 'V');
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'I', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'ingestion reviewed', model: m({ ingestion_review: true }) },
    { name: 'only internal sources feed it', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated: unreviewed', model: m({ ingestion_review: false }), findings: [{ messageId: 'default', elements: ['V'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['V'], unstated: ['V.ingestion_review'] }] },
  ],
});
