import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'insecure-client-storage',
  meta: {
    title: 'Tokens or sensitive data stored unprotected on the device',
    category: 'information-disclosure',
    appliesTo: ['external-entity', 'is-client-app'],
    description:
      'A mobile or desktop app keeps tokens or sensitive data in plain files, preferences or databases. Backups, other apps on rooted devices, malware and forensic tools read them; a stolen refresh token keeps working long after the device is gone.',
    references: { cwe: [312, 922], owasp: ['A02:2025'], asvs: ['V14.3'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Keep secrets in the platform keystore and encrypt local data',
        acceptance: 'Tokens and keys live in the Keychain/Keystore (hardware-backed where available); local databases with sensitive data are encrypted with a keystore-held key; sensitive files are excluded from backups.',
        verification: 'A test on a debug build dumps the app\'s sandbox and asserts no token or sensitive field appears in clear text.',
      },
    ],
    properties: ['encrypted_at_rest'],
  },
  messages: {
    default: '{{element}} keeps sensitive data on the device; is it protected there?',
  },
  check(ctx) {
    for (const c of ctx.withCapability('is-client-app')) {
      const held = c.stored.size > 0 ? ctx.sensitiveData(c, 2) : undefined;
      if (!held) continue;
      const gap = ctx.gap(c, 'encrypted_at_rest');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'is-client-app'), held, gap] });
    }
  },
});
