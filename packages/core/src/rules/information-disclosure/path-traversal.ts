import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'path-traversal',
  meta: {
    title: 'Path traversal',
    category: 'information-disclosure',
    appliesTo: ['process', 'builds-file-paths', 'file-store'],
    description:
      'A process opens files by paths built from input (download by name, template or export paths, archive extraction). Sequences such as ../ or absolute paths escape the intended folder: read configuration and keys, or overwrite files the server later runs.',
    references: { cwe: [22, 23, 73], capec: [126], owasp: ['A01:2025'], asvs: ['V5.3.2'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Map input to files by id, or resolve and confine paths',
        acceptance: 'Files are looked up by an opaque id; where names are unavoidable, the resolved canonical path must start with the allowed base folder; archive entries are checked the same way before extraction.',
        verification: 'A test requests ../../etc/passwd, URL-encoded and absolute variants, and an archive with ../ entries, and asserts each is refused.',
      },
    ],
    properties: ['input_validation'],
  },
  messages: {
    default: '{{element}} opens files by paths built from untrusted input.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (!c.capabilities.has('executes-code')) continue;
      const builds = ctx.capability(c, 'builds-file-paths');
      const fileStore = builds ? undefined : c.out.find((f) => f.target?.capabilities.has('file-store') ?? false);
      if (!builds && !fileStore) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'input_validation');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [builds ?? (fileStore ? ctx.route(fileStore) : undefined), reach, gap] });
    }
  },
});
