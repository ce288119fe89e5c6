import { defineRule } from '../../engine/define-rule.js';
import { staticCredential } from '../shared.js';

/** Credentials a person types (their password) are theirs; anything else static in client code is everyone's. */
const TYPED_BY_PEOPLE = /^(password|basic)$/i;

export const rule = defineRule({
  id: 'api-key-in-client',
  meta: {
    title: 'Static API key shipped in a browser or client app',
    category: 'information-disclosure',
    appliesTo: ['flow', 'is-browser', 'is-client-app'],
    description:
      'A key or shared secret that a browser page or mobile/desktop app sends must be inside the code it runs, where anyone can read it with developer tools or by unpacking the app. The key then identifies the app, not the user: whoever extracts it can call the API as the app, and rotating it breaks every installed copy.',
    references: { cwe: [798, 522], capec: [191, 37], owasp: ['A07:2025', 'API2:2023', 'M1:2024'], asvs: ['V13.3.1'] },
    defaults: { likelihood: 4, impact: 3 },
    mitigations: [
      {
        title: 'Authenticate users, not the app: exchange a sign-in for a short-lived per-user token, or proxy the call through our backend',
        acceptance: 'No long-lived API key or shared secret is present in the shipped client bundle; calls carry per-user, short-lived tokens or go through a backend that holds the key.',
        verification: 'A build check scans the client bundle (JS bundle, APK/IPA) for key patterns and fails on a match; an API test shows a request with only the former static key is rejected.',
      },
    ],
    falsePositives: ['Publishable keys meant to be public (e.g. payment providers\' publishable keys, map keys restricted by referrer) that grant nothing secret: record a decision with the justification.'],
  },
  messages: {
    default: 'The {{credential}} that {{source}} sends to {{target}} ships inside the client, where anyone can extract and reuse it.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      const src = f.source;
      if (!src || !(src.capabilities.has('is-browser') || src.capabilities.has('is-client-app'))) continue;
      const credential = staticCredential(f);
      if (credential === undefined || TYPED_BY_PEOPLE.test(credential.trim())) continue;
      const cap = src.capabilities.has('is-browser') ? 'is-browser' : 'is-client-app';
      ctx.report({ element: f, messageId: 'default', data: { credential }, facts: [ctx.route(f), ctx.capability(src, cap), ctx.fact(f, 'authentication', credential)] });
    }
  },
});
