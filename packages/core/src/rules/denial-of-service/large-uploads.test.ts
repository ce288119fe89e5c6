import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './large-uploads.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'sizes capped', model: build().process('F', { properties: { accepts_uploads: true, upload_size_limit: true } }).model() },
    { name: 'no uploads', model: build().process('F', { properties: { upload_size_limit: false } }).model() },
  ],
  invalid: [
    { name: 'uncapped uploads', model: build().process('F', { properties: { accepts_uploads: true, upload_size_limit: false } }).model(), findings: [{ messageId: 'default', elements: ['F'], unstated: [] }] },
    { name: 'an upload service, limit not stated', model: build().process('F', { type: 'file-upload-service' }).model(), findings: [{ messageId: 'default', elements: ['F'], unstated: ['F.upload_size_limit'] }] },
  ],
});
