import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'malicious-upload',
  meta: {
    title: 'Malicious file upload',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'accepts-uploads'],
    description:
      'Uploaded files that are not checked by content, renamed and stored outside the web root can be served back as HTML or script (stored XSS on the site\'s origin), executed by the server (web shells), overwrite other files through crafted names (path traversal), or carry malware to the staff who open them.',
    references: { cwe: [434, 22, 79], capec: [1, 126, 650], owasp: ['A06:2025'], asvs: ['V5'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Validate uploads by content, store them under generated names outside the web root, serve them as attachments from another origin, and scan them',
        acceptance: 'File type is checked by magic bytes against an allow-list; names are replaced by random ids; downloads use Content-Disposition: attachment from a sandbox domain; files are malware-scanned before staff can open them.',
        verification: 'A test uploads an HTML file renamed .jpg, a file named ../../x, and the EICAR test file and expects each to be rejected or neutralised.',
      },
    ],
    properties: ['upload_validation'],
  },
  messages: {
    default: 'A crafted upload to {{element}} can be served back as script, executed, written outside its folder or carry malware to whoever opens it.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('accepts-uploads')) {
      const gap = ctx.gap(c, 'upload_validation');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'accepts-uploads'), gap, ctx.reach(c)] });
    }
  },
});
