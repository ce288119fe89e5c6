import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unpinned-base-image.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'pinned by digest', model: build().process('K', { type: 'kubernetes', properties: { base_image_pinned: true } }).model() },
    { name: 'no containers', model: build().process('S', { type: 'api' }).model() },
  ],
  invalid: [
    { name: 'stated: floating tags', model: build().process('K', { type: 'container', properties: { base_image_pinned: false } }).model(), findings: [{ messageId: 'default', elements: ['K'], unstated: [] }] },
    { name: 'not stated asks', model: build().process('K', { type: 'kubernetes' }).model(), findings: [{ messageId: 'default', elements: ['K'], unstated: ['K.base_image_pinned'] }] },
  ],
});
