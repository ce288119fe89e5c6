import { defineRule } from '../../engine/define-rule.js';
import { isBrowserLike } from '../shared.js';

/** Credentials the browser attaches by itself, which is what another site's page can ride on. */
const AMBIENT = /cookie|session/i;

export const rule = defineRule({
  id: 'websocket-origin-check',
  meta: {
    title: 'Cross-site WebSocket hijacking',
    category: 'spoofing',
    appliesTo: ['process', 'flow', 'websocket'],
    description:
      'Browsers do not apply the same-origin policy to WebSocket handshakes and send cookies with them. If the server does not check the Origin header, any website a signed-in user visits can open a socket in their name, read what the server pushes and send messages as them.',
    references: { cwe: [1385, 346], capec: [62], owasp: ['A01:2025', 'A07:2025'], asvs: ['V4.4.2'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Accept WebSocket handshakes only from listed origins, and authenticate the socket with a token rather than cookies alone',
        acceptance: 'The handshake is refused unless Origin is one of the configured origins; the first message or the handshake carries a per-session token that another site cannot read.',
        verification: 'A test opens the socket with a valid session cookie and a foreign Origin header and expects the handshake to be refused.',
      },
    ],
    falsePositives: ['Sockets authenticated only by a token the page sends explicitly (no cookies): state the flow\'s `authentication:` (e.g. bearer-token), or `origin_check: true`.'],
    properties: ['origin_check'],
  },
  messages: {
    default: 'Any website a signed-in user visits can open the WebSocket to {{element}} with the user\'s cookies.',
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const f of ctx.flows) {
      const server = f.target;
      if (!f.capabilities.has('websocket') || !isBrowserLike(f.source) || !server || server.capabilities.has('is-external') || seen.has(server.id)) continue;
      const how = f.flow.authentication;
      if (how !== undefined && !AMBIENT.test(how)) continue;
      seen.add(server.id);
      const onFlow = ctx.prop(f, 'origin_check');
      if (onFlow === true) continue;
      const gap = onFlow === false ? ctx.property(f, 'origin_check') : ctx.gap(server, 'origin_check');
      if (!gap) continue;
      ctx.report({ element: server, messageId: 'default', facts: [ctx.route(f), ctx.fact(f, 'protocol', f.flow.protocol ?? 'websocket'), how !== undefined ? ctx.fact(f, 'authentication', how) : undefined, gap] });
    }
  },
});
