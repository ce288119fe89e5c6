import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './cross-context-linking.js';

const m = (recipients: string[], props: Record<string, boolean> = {}, personal = true) => {
  const b = build().process('W', { type: 'api', properties: props }).asset('A1', { name: 'Customer e-mail', personal_data: personal });
  for (const r of recipients) b.external(r, { type: 'saas' }).flow('W', r, { protocol: 'https', data: ['A1'] });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'one recipient only', model: m(['X']) },
    { name: 'pseudonymised per recipient', model: m(['X', 'Y'], { pseudonymization: true }) },
    { name: 'no personal data shared', model: m(['X', 'Y'], {}, false) },
  ],
  invalid: [
    { name: 'two recipients, stated not pseudonymised', model: m(['X', 'Y'], { pseudonymization: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'three recipients, not stated', model: m(['X', 'Y', 'Z']), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.pseudonymization'] }] },
  ],
});
