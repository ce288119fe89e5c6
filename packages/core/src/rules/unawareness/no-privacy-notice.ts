import { defineRule } from '../../engine/define-rule.js';
import { personalAssets, personalDataFact } from '../privacy.js';
import { isUserAgent } from '../shared.js';

export const rule = defineRule({
  id: 'no-privacy-notice',
  meta: {
    title: 'People are not told what is collected about them',
    category: 'unawareness',
    appliesTo: ['process', 'web-application', 'api'],
    description:
      'A process collects personal data directly from people (forms, sign-up, app requests) without telling them at that point what is collected, why, for how long and who else receives it. They cannot make informed choices, and the transparency obligations (GDPR art. 13) are not met.',
    references: { cwe: [359], owasp: ['A02:2025'] },
    defaults: { likelihood: 3, impact: 2 },
    mitigations: [
      {
        title: 'Show a privacy notice where the data is collected',
        acceptance: 'Every form or screen that collects personal data links a notice stating the purposes, recipients, retention and rights; the notice is versioned with the collection.',
        verification: 'An end-to-end test visits each collecting page and asserts the notice link is present and resolves.',
      },
    ],
    properties: ['privacy_notice'],
  },
  messages: {
    default: '{{element}} collects personal data from people without telling them what, why and for how long.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      // The notice belongs where pages are served to people; APIs behind a client app are covered by the app's notice.
      if (!c.capabilities.has('web-application')) continue;
      const personal = [...new Set(c.in.filter((f) => isUserAgent(f.source)).flatMap((f) => personalAssets(ctx, f.assets)))].sort();
      if (personal.length === 0) continue;
      const gap = ctx.gap(c, 'privacy_notice');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'web-application'), personalDataFact(ctx, c, personal, 'collects personal data from people'), gap], assets: personal });
    }
  },
});
