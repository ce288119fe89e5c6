import { defineRule } from '../../engine/define-rule.js';
import { isBrowserLike, keepsBrowserSessions } from '../shared.js';

export const rule = defineRule({
  id: 'cors-misconfiguration',
  meta: {
    title: 'Credentialed cross-origin requests from any origin',
    category: 'information-disclosure',
    appliesTo: ['process', 'api'],
    description:
      'An API that browsers call with cookies reflects the request\'s Origin (or allows null or wildcard subdomains) together with Access-Control-Allow-Credentials. Any website a signed-in user visits can then read the API\'s answers in that user\'s name.',
    references: { cwe: [942, 346], capec: [111], owasp: ['A01:2025', 'API8:2023'], asvs: ['V3.4.2'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Allow credentialed CORS only from an explicit list of origins',
        acceptance: 'Access-Control-Allow-Origin is set only for exact origins from a configured list (never reflected, never null, no suffix matching); credentials are allowed only for those; Vary: Origin is sent.',
        verification: 'A test sends requests with Origin: https://evil.example, null and a look-alike subdomain and asserts no Access-Control-Allow-Origin/Credentials headers come back.',
      },
    ],
    falsePositives: ['It asks nothing: state `cors_restricted: false` where the API sends Access-Control-Allow-Credentials to origins other than a fixed list.'],
    properties: ['cors_restricted'],
  },
  messages: {
    default: 'Websites a signed-in user visits may read answers from {{element}} in that user\'s name.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('api')) {
      const session = keepsBrowserSessions(c, ctx.graph.assets);
      if (!session || !isBrowserLike(session.source)) continue;
      // Without CORS headers browsers refuse cross-origin reads, so only a stated permissive policy counts.
      if (ctx.prop(c, 'cors_restricted') !== false) continue;
      const gap = ctx.gap(c, 'cors_restricted');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'api'), ctx.route(session), gap] });
    }
  },
});
