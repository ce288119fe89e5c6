/**
 * What a human-written threat is about, and which rules are about the same thing: the table behind
 * the "matched by a rule about the same concern" measure of `npm run quality`.
 *
 * A source threat's title is matched against every concern's keywords (case-insensitive); only when
 * the title names no concern is its description read too, since long descriptions mention many
 * things in passing (the .tm7 "error messages" threat lists passwords and SQL among what may leak).
 * A threat may fall under several concerns; it counts as matched when a rule of any of them names
 * its element or an adjacent one. A threat that names no concern is shown apart, not as a miss.
 *
 * `rules` are built-in rule ids (`npx threatwright rules`); `bench/quality/match.test.ts` checks
 * that each one still exists. Baseline entries (`baseline-*`) never belong here: they are generic
 * per STRIDE category and would match any concern of their category.
 */

export interface Concern {
  /** Short name, shown in the summary of misses. */
  readonly id: string;
  /** Words that put a threat under this concern (any one of them). */
  readonly keywords: readonly RegExp[];
  /** Rule ids about the same concern. */
  readonly rules: readonly string[];
}

const INJECTION_RULES = ['unvalidated-input', 'sql-injection', 'nosql-injection', 'os-command-injection', 'ldap-injection', 'xpath-injection', 'search-injection', 'email-header-injection', 'server-side-template-injection', 'log-injection', 'csv-formula-injection', 'prototype-pollution', 'xxe', 'insecure-deserialization'];

export const CONCERNS: readonly Concern[] = [
  // --- Injection and input handling ---------------------------------------------------------
  { id: 'sql-injection', keywords: [/\bsql injection/i, /\bsqli\b/i], rules: ['sql-injection', 'nosql-injection'] },
  { id: 'nosql-injection', keywords: [/\bnosql\b/i, /mongo(db)? injection/i], rules: ['nosql-injection'] },
  { id: 'command-injection', keywords: [/command injection/i, /shell injection/i, /remote code execution/i, /\brce\b/i], rules: ['os-command-injection', 'server-side-template-injection', 'insecure-deserialization'] },
  { id: 'ldap-injection', keywords: [/\bldap injection/i], rules: ['ldap-injection'] },
  { id: 'xpath-injection', keywords: [/\bxpath\b/i], rules: ['xpath-injection'] },
  { id: 'template-injection', keywords: [/template injection/i, /\bssti\b/i], rules: ['server-side-template-injection'] },
  { id: 'xxe', keywords: [/xml external entit/i, /\bxxe\b/i], rules: ['xxe'] },
  { id: 'deserialization', keywords: [/deseriali[sz]/i], rules: ['insecure-deserialization'] },
  { id: 'injection', keywords: [/inject/i, /malicious input/i, /untrusted input/i, /input validation/i, /unvalidated/i, /sanitiz|sanitis/i], rules: INJECTION_RULES },
  { id: 'xss', keywords: [/cross[- ]site scripting/i, /\bxss\b/i], rules: ['stored-xss', 'reflected-xss', 'dom-xss'] },
  { id: 'csrf', keywords: [/cross[- ]site request forgery/i, /\bcsrf\b/i, /\bxsrf\b/i], rules: ['csrf'] },
  { id: 'ssrf', keywords: [/server[- ]side request forgery/i, /\bssrf\b/i], rules: ['ssrf', 'metadata-endpoint-ssrf'] },
  { id: 'path-traversal', keywords: [/path traversal/i, /directory traversal/i], rules: ['path-traversal'] },
  { id: 'file-upload', keywords: [/\bupload/i], rules: ['malicious-upload', 'large-uploads', 'decompression-bomb'] },
  { id: 'open-redirect', keywords: [/open redirect/i, /unvalidated redirect/i], rules: ['open-redirect', 'oauth-redirect-uri-validation'] },
  { id: 'request-smuggling', keywords: [/request smuggling/i], rules: ['request-smuggling'] },
  { id: 'cors', keywords: [/\bcors\b/i, /cross[- ]origin/i], rules: ['cors-misconfiguration', 'websocket-origin-check'] },
  { id: 'clickjacking-headers', keywords: [/clickjack/i, /security headers?/i, /content security policy/i, /\bhsts\b/i], rules: ['missing-security-headers'] },

  // --- Identity, sessions and access --------------------------------------------------------
  {
    id: 'authentication',
    keywords: [/spoof/i, /impersonat/i, /authenticat/i, /masquerad/i, /fake (message|request|user|identity)/i, /forged?\b/i, /pretend(s|ing)? to be/i],
    rules: ['spoofed-caller', 'unauthenticated-internal-call', 'unauthenticated-admin', 'forged-request', 'queue-message-injection', 'admin-without-mfa', 'credential-stuffing', 'brute-force-login', 'weak-password-policy', 'default-credentials', 'session-hijacking', 'unsigned-outgoing-webhooks', 'saml-signature-validation', 'email-spoofing', 'unverified-jwt', 'websocket-origin-check', 'oauth-without-pkce', 'oauth-redirect-uri-validation', 'subdomain-takeover', 'deep-link-hijacking'],
  },
  {
    id: 'password-attacks',
    keywords: [/password/i, /brute[- ]?forc/i, /credential stuffing/i, /account takeover/i, /\bmfa\b|multi[- ]factor|two[- ]factor|\b2fa\b/i, /default credential/i],
    rules: ['brute-force-login', 'credential-stuffing', 'weak-password-policy', 'weak-password-hashing', 'default-credentials', 'admin-without-mfa', 'sensitive-change-without-reauth'],
  },
  {
    id: 'session-tokens',
    keywords: [/session/i, /\btokens?\b/i, /cookie/i, /\bjwt\b/i, /bearer/i],
    rules: ['session-hijacking', 'session-fixation', 'no-session-expiry', 'long-lived-tokens', 'tokens-in-browser-storage', 'insecure-client-storage', 'insecure-randomness', 'unverified-jwt', 'oauth-without-pkce', 'oauth-redirect-uri-validation', 'reset-token-leakage'],
  },
  {
    id: 'access-control',
    keywords: [/unauthori[sz]ed/i, /access control/i, /authori[sz]ation/i, /privilege/i, /permission/i, /elevat/i, /\bidor\b|\bbola\b/i, /gain access to resources/i, /bypass/i],
    rules: ['broken-object-authorization', 'missing-function-authorization', 'authorization-fails-open', 'role-claims-escalation', 'mass-assignment', 'unauthenticated-admin', 'unauthenticated-internal-call', 'exposed-admin-interface', 'over-privileged-workload', 'tenant-isolation', 'privileged-data-access', 'secrets-store-overexposed', 'cross-account-trust', 'unverified-jwt', 'public-object-store', 'llm-sensitive-retrieval', 'llm-excessive-agency', 'data-store-exposed-to-internet'],
  },
  {
    id: 'administration',
    keywords: [/administrator/i, /\badmin\b/i, /subscription/i, /management (plane|portal|console)/i, /\bportal\b/i, /remote (administration|desktop|management)/i],
    rules: ['admin-without-mfa', 'shared-admin-accounts', 'unauthenticated-admin', 'exposed-admin-interface', 'exposed-remote-administration', 'missing-function-authorization', 'over-privileged-workload', 'cross-account-trust', 'cloud-audit-logging-disabled', 'privileged-data-access', 'control-plane-exposed'],
  },
  {
    id: 'network-exposure',
    keywords: [/network (security )?config/i, /network security/i, /firewall/i, /publicly (accessible|exposed|reachable)/i, /exposed to the internet/i, /internet[- ]facing/i, /\bip (filter|restriction|whitelist|allowlist)/i, /segmentation/i],
    rules: ['data-store-exposed-to-internet', 'missing-segmentation', 'public-object-store', 'control-plane-exposed', 'exposed-admin-interface', 'exposed-remote-administration', 'unauthenticated-internal-call'],
  },

  // --- Secrets and data protection ----------------------------------------------------------
  {
    id: 'secrets',
    keywords: [/credential/i, /secret/i, /api[- ]?keys?/i, /access keys?/i, /\bkeys?\b/i, /connection strings?/i, /config(uration)? files?/i, /\bcertificate'?s? private/i],
    rules: ['secrets-in-code', 'secrets-outside-vault', 'plaintext-credentials', 'no-key-rotation', 'api-key-in-client', 'weak-password-hashing', 'default-credentials', 'llm-system-prompt-leakage', 'metadata-endpoint-ssrf', 'insecure-client-storage', 'secrets-store-overexposed'],
  },
  {
    id: 'transport-encryption',
    keywords: [/sniff/i, /intercept/i, /man[- ]in[- ]the[- ]middle/i, /\bmitm\b/i, /in transit/i, /transport/i, /\bhttps?\b|http\/s/i, /\btls\b|\bssl\b/i, /eavesdrop/i, /communication channel/i, /data transmitted/i, /\bwire\b/i, /certificate (validation|pinning)/i],
    rules: ['unencrypted-flow', 'disabled-certificate-validation', 'missing-certificate-pinning', 'plaintext-credentials'],
  },
  {
    id: 'data-at-rest',
    keywords: [/at rest/i, /stored? (sensitive )?data/i, /sensitive data (is )?stored/i, /unencrypted (data|storage|disk)/i, /encrypt(ed|ion)? (the )?(data|database|disk|storage)/i, /\bdisk\b/i, /host itself is compromised/i],
    rules: ['unencrypted-data-store', 'unencrypted-backups', 'card-data-stored', 'weak-password-hashing', 'sensitive-data-cached', 'insecure-client-storage'],
  },
  { id: 'backups', keywords: [/backup/i, /data loss/i, /\brestor/i], rules: ['missing-backups', 'untested-restores', 'unencrypted-backups'] },
  {
    // Not "mobile client" or "mobile app": those name the element (a .tm7 stencil), not a concern.
    id: 'client-device',
    keywords: [/mobile device/i, /\bphone\b/i, /sd card/i, /local storage/i, /jail ?break/i, /\broot(ed)? device/i, /reverse engineer/i, /binar(y|ies)/i, /repackag/i],
    rules: ['insecure-client-storage', 'tokens-in-browser-storage', 'api-key-in-client', 'mobile-app-tampering', 'missing-certificate-pinning', 'deep-link-hijacking'],
  },
  { id: 'error-handling', keywords: [/error messages?/i, /stack trace/i, /verbose error/i, /exception (details|messages?)/i, /debug (mode|information)/i], rules: ['verbose-errors'] },
  { id: 'sensitive-data-in-logs', keywords: [/sensitive (data|information) in (the )?logs/i, /logs? (contain|leak)/i], rules: ['sensitive-data-in-logs'] },
  { id: 'caching', keywords: [/\bcach(e|ed|ing)\b/i], rules: ['sensitive-data-cached'] },

  // --- Integrity of data, messages and software ---------------------------------------------
  {
    id: 'message-integrity',
    keywords: [/messages? (tamper|could be tampered|integrity)/i, /tamper(ing|ed)? (with )?(the )?messages?/i, /message tampering/i, /queue/i],
    rules: ['queue-message-injection', 'poison-message', 'replayable-request', 'unsigned-transaction', 'untrusted-write-to-store'],
  },
  {
    id: 'data-tampering',
    keywords: [/tamper/i, /\balter(ed|ing)?\b/i, /modif(y|ied|ication) (of )?(the )?(data|records?|requests?)/i, /integrity/i],
    rules: ['untrusted-write-to-store', 'payment-tampering', 'ledger-not-append-only', 'replayable-request', 'limit-overrun-race', 'unencrypted-flow', 'queue-message-injection', 'unsigned-transaction', 'mobile-app-tampering'],
  },
  { id: 'replay', keywords: [/replay/i, /duplicate (request|transaction|payment)/i, /idempoten/i], rules: ['replayable-request', 'unsigned-transaction'] },
  { id: 'race-condition', keywords: [/race condition/i, /\btoctou\b/i, /double[- ]spend/i], rules: ['limit-overrun-race'] },
  {
    id: 'supply-chain',
    keywords: [/supply[- ]chain/i, /dependenc(y|ies)/i, /third[- ]party (library|libraries|component|package)/i, /\bpackages?\b/i, /build pipeline|\bci\/cd\b|\bpipeline\b/i, /container image|base image/i, /unsigned/i],
    rules: ['no-dependency-scanning', 'unpinned-dependencies', 'unpinned-base-image', 'unsigned-artifacts', 'build-pipeline-compromise', 'llm-model-supply-chain'],
  },
  { id: 'container', keywords: [/container (escape|breakout)/i, /\bkubernetes\b|\bk8s\b/i, /\bdocker\b/i], rules: ['container-breakout', 'control-plane-exposed', 'unpinned-base-image'] },
  { id: 'third-party-scripts', keywords: [/third[- ]party scripts?/i, /\bcdn\b/i, /subresource integrity/i], rules: ['third-party-script-leakage'] },
  { id: 'third-party-api', keywords: [/third[- ]party (api|service)/i, /upstream (api|service)/i], rules: ['unsafe-api-consumption', 'missing-timeouts', 'unvalidated-input'] },

  // --- Accountability -----------------------------------------------------------------------
  {
    id: 'audit-logging',
    keywords: [/audit/i, /logging/i, /\blogs?\b/i, /repudiat/i, /\bdeny\b|\bdenies\b/i, /traceab/i, /accountab/i],
    rules: ['missing-audit-log', 'cloud-audit-logging-disabled', 'unaudited-data-access', 'tamperable-logs', 'short-log-retention', 'no-security-alerting', 'shared-admin-accounts', 'unsigned-transaction', 'log-injection'],
  },
  { id: 'monitoring', keywords: [/monitor/i, /alert(ing|s)?\b/i, /detect(ion)? of (attacks?|intrusion)/i, /intrusion detection/i], rules: ['no-security-alerting', 'missing-audit-log'] },

  // --- Availability -------------------------------------------------------------------------
  {
    id: 'denial-of-service',
    keywords: [/denial[- ]of[- ]service/i, /\bd?dos\b/i, /flood/i, /exhaust/i, /resource consumption/i, /overload/i, /rate[- ]limit/i, /throttl/i, /\bcrash/i, /unavailab/i, /availability/i],
    rules: ['unthrottled-endpoint', 'missing-ddos-protection', 'expensive-queries', 'large-uploads', 'unbounded-request-bodies', 'graphql-abuse', 'regex-dos', 'decompression-bomb', 'poison-message', 'reset-flooding', 'message-relay-abuse', 'llm-unbounded-consumption', 'missing-timeouts', 'single-point-of-failure', 'sensitive-business-flow-abuse', 'certificate-expiry'],
  },
  { id: 'poison-message', keywords: [/poison(ed)? messages?/i, /malicious message/i, /cannot process/i, /malformed (message|input)/i], rules: ['poison-message', 'unvalidated-input', 'queue-message-injection'] },
  { id: 'redundancy', keywords: [/single point of failure/i, /redundan/i, /failover/i, /outage/i], rules: ['single-point-of-failure', 'missing-backups', 'certificate-expiry', 'missing-timeouts'] },
  { id: 'business-abuse', keywords: [/\bbots?\b/i, /automated abuse/i, /scraping/i, /spam/i, /fraud/i], rules: ['sensitive-business-flow-abuse', 'message-relay-abuse', 'credential-stuffing', 'payment-tampering'] },

  // --- Language models ----------------------------------------------------------------------
  { id: 'llm', keywords: [/prompt injection/i, /\bllm\b/i, /language model/i, /jailbreak(ing)? the model/i, /model poisoning/i], rules: ['llm-prompt-injection', 'llm-indirect-prompt-injection', 'llm-insecure-output-handling', 'llm-excessive-agency', 'llm-retrieval-poisoning', 'llm-sensitive-retrieval', 'llm-system-prompt-leakage', 'llm-unbounded-consumption', 'llm-model-supply-chain', 'llm-data-to-provider'] },

  // --- Privacy (LINDDUN) --------------------------------------------------------------------
  { id: 'linking', keywords: [/\blink(ing|ability|able)\b/i, /correlat/i, /combin(e|ing) (data|datasets)/i], rules: ['cross-context-linking', 'device-fingerprinting'] },
  { id: 'identifying', keywords: [/identif(y|ying|iable|ication) (the )?(user|person|people|individual)/i, /re-?identif/i, /de-?anonymi[sz]/i, /fingerprint/i, /identifiers? in (the )?url/i], rules: ['identifiers-in-urls', 'device-fingerprinting', 'cross-context-linking', 'account-enumeration'] },
  { id: 'detecting', keywords: [/detectab/i, /account enumeration/i, /\benumerat/i, /location/i], rules: ['account-enumeration', 'precise-location-shared'] },
  { id: 'consent-and-notice', keywords: [/consent/i, /privacy notice|privacy policy/i, /transparen/i, /unaware/i, /analytics/i, /tracking/i], rules: ['no-privacy-notice', 'personal-data-to-analytics', 'children-data-without-parental-consent', 'device-fingerprinting', 'automated-decisions-without-review'] },
  { id: 'data-minimisation', keywords: [/excessive (data|collection)/i, /minimi[sz]/i, /more data than/i, /over-?collect/i], rules: ['excessive-collection', 'excessive-data-exposure'] },
  { id: 'data-subject-rights', keywords: [/retention/i, /delet(e|ion)/i, /erasure/i, /subject access/i, /right to/i, /\bgdpr\b/i, /complian/i, /\bdpia\b|impact assessment/i, /cross[- ]border|jurisdiction/i, /processing agreement|\bdpa\b/i], rules: ['no-retention-policy', 'no-deletion-path', 'no-subject-access', 'special-category-without-dpia', 'cross-border-transfer', 'processor-without-agreement', 'short-log-retention'] },
  { id: 'data-exposure', keywords: [/over-?exposure/i, /excessive data exposure/i, /more (fields|properties) than/i, /tenant/i], rules: ['excessive-data-exposure', 'tenant-isolation', 'llm-sensitive-retrieval'] },
];
