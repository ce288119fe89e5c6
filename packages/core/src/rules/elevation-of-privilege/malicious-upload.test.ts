import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './malicious-upload.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'uploads validated', model: build().process('F', { properties: { accepts_uploads: true, upload_validation: true } }).model() },
    { name: 'no uploads', model: build().process('F', { properties: { upload_validation: false } }).model() },
  ],
  invalid: [
    { name: 'uploads stored as sent', model: build().process('F', { properties: { accepts_uploads: true, upload_validation: false } }).model(), findings: [{ messageId: 'default', elements: ['F'], unstated: [] }] },
    { name: 'validation not stated', model: build().process('F', { type: 'file-upload-service' }).model(), findings: [{ messageId: 'default', elements: ['F'], unstated: ['F.upload_validation'] }] },
  ],
});
