import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './decompression-bomb.js';

const upload = (props: Record<string, boolean>) => build().process('U', { type: 'file-upload-service', properties: { internet_facing: true, ...props } });

new RuleTester().run(rule, {
  valid: [
    { name: 'limits in place', model: upload({ decompression_limits: true }).model() },
    { name: 'an internal upload nobody outside reaches, unstated', model: build().process('U', { type: 'file-upload-service' }).model() },
    { name: 'no uploads', model: build().process('A', { type: 'api', properties: { decompression_limits: false } }).model() },
  ],
  invalid: [
    { name: 'stated without limits, even internal', model: build().process('U', { properties: { accepts_uploads: true, decompression_limits: false } }).model(), findings: [{ messageId: 'default', elements: ['U'], unstated: [] }] },
    { name: 'internet upload, unstated', model: upload({}).model(), findings: [{ messageId: 'default', elements: ['U'], unstated: ['U.decompression_limits'] }] },
  ],
});
