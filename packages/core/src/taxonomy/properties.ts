/**
 * The property catalogue: the shared vocabulary of `properties:` keys on components and flows.
 *
 * Booleans are tri-state: `true`, `false`, or absent (= not stated). Rules read properties through
 * the rule context, which turns "not stated" into a question ("Is F3 encrypted?") instead of a guess.
 *
 * - `safe` is the value that means "this is fine" (e.g. `csrf_protection: true`, `secrets_in_code: false`).
 * - `capability`: a `true` value adds that capability to the element, `false` removes it, whatever its type says.
 * - `field`: the fact lives in a top-level field of a flow (`encrypted:`), not under `properties:`.
 * - `question` is asked about one element; `{{subject}}` becomes the element's label.
 *
 * A model may declare properties of its own in `taxonomy.properties` (for its custom rules, or the
 * attributes an importer kept): they join the catalogue for that model (`withDeclared`) and are
 * checked like it when the model is loaded (load/checks/properties.ts).
 */
export type ElementKindName = 'process' | 'datastore' | 'external-entity' | 'flow';
export type PropertyValue = boolean | string | number;

export interface PropertySpec {
  readonly key: string;
  readonly type: 'boolean' | 'string' | 'number';
  readonly appliesTo: readonly ElementKindName[];
  readonly description: string;
  readonly question: string;
  readonly safe?: boolean;
  readonly values?: readonly string[];
  readonly capability?: string;
  readonly field?: 'encrypted' | 'authenticated' | 'authorized' | 'protocol' | 'authentication';
  /** Declared by the model (`taxonomy.properties`), not part of the built-in catalogue. */
  readonly declared?: true;
}

/** What a model's `taxonomy.properties` says about one key of its own (the schema's shape). */
export interface PropertyDeclaration {
  readonly type: PropertySpec['type'];
  readonly description?: string | undefined;
  readonly values?: readonly string[] | undefined;
  readonly applies_to?: readonly ElementKindName[] | undefined;
  readonly question?: string | undefined;
}

const P = ['process'] as const;
const PD = ['process', 'datastore'] as const;
const PF = ['process', 'flow'] as const;
const ALL = ['process', 'datastore', 'external-entity', 'flow'] as const;
const COMP = ['process', 'datastore', 'external-entity'] as const;

function yes(key: string, appliesTo: readonly ElementKindName[], description: string, question: string, extra: Partial<PropertySpec> = {}): PropertySpec {
  return { key, type: 'boolean', appliesTo, description, question, safe: true, ...extra };
}
function no(key: string, appliesTo: readonly ElementKindName[], description: string, question: string, extra: Partial<PropertySpec> = {}): PropertySpec {
  return { key, type: 'boolean', appliesTo, description, question, safe: false, ...extra };
}
function fact(key: string, appliesTo: readonly ElementKindName[], description: string, question: string, capability: string): PropertySpec {
  return { key, type: 'boolean', appliesTo, description, question, capability };
}

const SPECS: PropertySpec[] = [
  // Flow fields (top-level in the model, listed here so rules and questions treat them alike).
  yes('encrypted', ['flow'], 'The traffic is encrypted in transit (TLS or equivalent).', 'Is {{subject}} encrypted in transit?', { field: 'encrypted' }),
  yes('authenticated', ['flow'], 'The sender of the flow is authenticated.', 'Is the sender of {{subject}} authenticated?', { field: 'authenticated' }),
  yes('authorized', ['flow'], 'Every request on the flow is authorised per object and per action.', 'Is every request on {{subject}} authorised per object and action?', { field: 'authorized' }),

  // Exposure and roles.
  fact('internet_facing', COMP, 'Reachable from the internet.', 'Is {{subject}} reachable from the internet?', 'internet-facing'),
  fact('authenticates_users', P, 'Signs users in (checks passwords, codes or federated assertions).', 'Does {{subject}} sign users in?', 'authenticates-users'),
  fact('admin_interface', P, 'Offers administrative functions.', 'Does {{subject}} offer administrative functions?', 'admin-interface'),
  fact('password_reset', P, 'Offers a password-reset flow.', 'Does {{subject}} offer password reset?', 'password-reset'),
  fact('renders_user_content', P, 'Shows content submitted by users to other users.', 'Does {{subject}} show content submitted by users to other users?', 'renders-user-content'),
  fact('accepts_uploads', P, 'Accepts file uploads.', 'Does {{subject}} accept file uploads?', 'accepts-uploads'),
  fact('fetches_urls', P, 'Fetches URLs that users can influence (webhooks, previews, imports).', 'Does {{subject}} fetch URLs that users can influence?', 'calls-out-to-urls'),
  fact('parses_xml', P, 'Parses XML from requests or files.', 'Does {{subject}} parse XML?', 'parses-xml'),
  fact('deserializes_untrusted', P, 'Deserialises native objects (Java, .NET, pickle, PHP) from untrusted input.', 'Does {{subject}} deserialise native objects from untrusted input?', 'deserializes-untrusted'),
  fact('redirects_to_return_url', P, 'Redirects to a URL taken from the request (return_to, next, …).', 'Does {{subject}} redirect to a URL taken from the request?', 'redirects-to-return-url'),
  fact('uses_jwt', PF, 'Uses JSON Web Tokens for sessions or API access.', 'Does {{subject}} use JWTs?', 'uses-jwt'),
  fact('third_party_scripts', P, 'Pages load scripts from third parties (analytics, ads, widgets, CDNs).', 'Do the pages of {{subject}} load third-party scripts?', 'loads-third-party-scripts'),
  fact('executes_model_output', P, 'Acts on the output of a language model (runs it, renders it, calls tools with it).', 'Does {{subject}} act on language-model output?', 'executes-model-output'),
  fact('tool_access', P, 'A model or agent can call tools or APIs with side effects.', 'Can the model behind {{subject}} call tools with side effects?', 'tool-access'),
  fact('retrieval_over_private_data', P, 'Retrieval (RAG) over private or per-user data feeds the model.', 'Does {{subject}} retrieve private data into model prompts?', 'retrieval-over-private-data'),

  {
    key: 'data_sensitivity',
    type: 'string',
    appliesTo: ALL,
    description: 'How sensitive the most sensitive data it holds, processes or carries is, for a model that does not list its assets (public, internal, confidential, restricted, secret). Listed assets say more: their classification counts too.',
    question: 'What data does {{subject}} hold or carry? State `data_sensitivity` (public, internal, confidential, restricted or secret) or list its assets.',
    values: ['public', 'internal', 'confidential', 'restricted', 'secret'],
  },

  // Authentication.
  yes('mfa', P, 'Users can (or must) use a second factor.', 'Does {{subject}} offer a second factor to users?'),
  yes('mfa_for_admins', P, 'Administrators must use a second factor.', 'Must administrators of {{subject}} use a second factor?'),
  yes('rate_limiting', PF, 'Requests are throttled per client/account.', 'Is {{subject}} rate limited per client or account?'),
  yes('account_lockout', P, 'Repeated failed sign-ins slow down or lock the account.', 'Does {{subject}} slow down or lock accounts after failed sign-ins?'),
  yes('breached_password_check', P, 'New passwords are checked against known-breached lists.', 'Does {{subject}} reject known-breached passwords?'),
  yes('captcha', P, 'A challenge (CAPTCHA or similar) meets automated sign-in attempts.', 'Does {{subject}} challenge automated sign-in attempts?'),
  {
    key: 'password_hashing',
    type: 'string',
    appliesTo: PD,
    description: 'How stored passwords are hashed: argon2id, argon2, bcrypt, scrypt and pbkdf2 are slow hashes; sha512, sha256, sha1 and md5 are fast ones; encrypted means reversibly.',
    question: 'How does {{subject}} hash stored passwords?',
    values: ['argon2id', 'argon2', 'bcrypt', 'scrypt', 'pbkdf2', 'sha512', 'sha256', 'sha1', 'md5', 'encrypted', 'plaintext'],
  },
  yes('reset_token_single_use', P, 'Password-reset tokens are single-use, short-lived and never leave the reset page (no Referer, no logs).', 'Are password-reset tokens of {{subject}} single-use, short-lived and kept out of Referer headers and logs?'),
  yes('session_rotation', P, 'A new session id is issued at sign-in and privilege change.', 'Does {{subject}} issue a new session id at sign-in?'),
  yes('session_binding', P, 'Sessions or tokens are bound to the client (device, TLS channel, fingerprint).', 'Are sessions of {{subject}} bound to the client?'),
  yes('session_timeout', P, 'Sessions expire after inactivity and an absolute lifetime.', 'Do sessions of {{subject}} expire?'),
  yes('secure_cookies', P, 'Session cookies are Secure, HttpOnly and SameSite.', 'Are the session cookies of {{subject}} Secure, HttpOnly and SameSite?'),
  yes('jwt_verified', PF, 'JWT signatures, algorithm, issuer, audience and expiry are verified.', 'Does {{subject}} verify JWT signature, algorithm, audience and expiry?'),

  // Input and output handling.
  yes('csrf_protection', P, 'State-changing requests carry an anti-CSRF token or rely on SameSite cookies.', 'Does {{subject}} protect state-changing requests against CSRF?'),
  yes('input_validation', PF, 'Input is validated against an allow-list schema.', 'Does {{subject}} validate input against a schema?'),
  yes('parameterized_queries', P, 'Queries are built with parameters, never by string concatenation.', 'Does {{subject}} build every query with parameters?'),
  yes('output_encoding', P, 'Output is encoded for its context (HTML, attribute, JS, URL).', 'Does {{subject}} encode output for its context?'),
  yes('content_security_policy', P, 'A restrictive Content-Security-Policy is sent.', 'Does {{subject}} send a restrictive Content-Security-Policy?'),
  yes('security_headers', P, 'Security headers (HSTS, X-Content-Type-Options, frame-ancestors) are sent.', 'Does {{subject}} send HSTS and the other security headers?'),
  yes('upload_validation', P, 'Uploads are checked by content type, renamed, and stored outside the web root.', 'Does {{subject}} check uploaded files by content and store them outside the web root?'),
  yes('upload_size_limit', PF, 'Request and upload sizes are capped.', 'Does {{subject}} cap request and upload sizes?'),
  yes('url_allowlist', P, 'Outgoing requests go only to allow-listed hosts, never to internal addresses.', 'Does {{subject}} restrict outgoing requests to allow-listed hosts?'),
  yes('xml_entities_disabled', P, 'The XML parser refuses DTDs and external entities.', 'Does the XML parser of {{subject}} refuse DTDs and external entities?'),
  yes('redirect_allowlist', P, 'Redirect targets are restricted to relative paths or allow-listed hosts.', 'Does {{subject}} restrict redirect targets to its own pages?'),
  yes('subresource_integrity', P, 'Third-party scripts are pinned with Subresource Integrity hashes.', 'Are the third-party scripts of {{subject}} pinned with Subresource Integrity?'),
  no('verbose_errors', P, 'Error responses include stack traces, queries or internal details.', 'Do error responses of {{subject}} reveal internal details?'),

  // Authorisation.
  yes('object_level_authorization', PF, 'Every request checks that the caller may act on the object it names.', 'Does {{subject}} check that the caller owns or may act on each object it names?'),
  yes('role_based_access', P, 'Functions are restricted by role.', 'Does {{subject}} restrict functions by role?'),
  yes('mass_assignment_protection', P, 'Only allow-listed fields are bound from requests.', 'Does {{subject}} bind only allow-listed fields from requests?'),
  yes('idempotency_keys', PF, 'Requests with side effects carry idempotency keys so replays are ignored.', 'Do requests with side effects to {{subject}} carry idempotency keys?'),
  yes('request_signing', PF, 'Requests are signed (HMAC or signatures) so they cannot be forged or altered.', 'Are requests to {{subject}} signed?'),

  // Logging.
  yes('audit_logging', PD, 'Security and administrative events are written to an audit log.', 'Does {{subject}} write security and admin events to an audit log?'),
  yes('log_integrity', PD, 'Logs are append-only or shipped off-host where the system cannot alter them.', 'Are the logs of {{subject}} append-only or shipped where it cannot alter them?'),
  no('logs_sensitive_data', PD, 'Logs contain secrets, tokens or personal data.', 'Do the logs of {{subject}} contain secrets, tokens or personal data?'),

  // Storage and secrets.
  yes('encrypted_at_rest', ['datastore'], 'Stored data is encrypted at rest.', 'Is the data in {{subject}} encrypted at rest?'),
  yes('backups', ['datastore'], 'Data is backed up and restores are tested.', 'Is {{subject}} backed up, with restores tested?'),
  yes('secrets_in_vault', P, 'Secrets come from a vault or secret manager, not files or variables baked into images.', 'Does {{subject}} read its secrets from a vault?'),
  no('secrets_in_code', PD, 'Secrets are committed in code or configuration.', 'Are secrets of {{subject}} committed in code or configuration?'),

  // Supply chain.
  yes('dependency_pinning', P, 'Dependencies are pinned by lockfile or hash.', 'Are the dependencies of {{subject}} pinned by lockfile or hash?'),
  yes('dependency_scanning', P, 'Dependencies are scanned for known vulnerabilities.', 'Are the dependencies of {{subject}} scanned for known vulnerabilities?'),
  yes('signed_artifacts', P, 'Build artifacts are signed and verified before deployment.', 'Are the artifacts of {{subject}} signed and verified before deployment?'),
  yes('base_image_pinned', P, 'Container base images are pinned by digest.', 'Are the container base images of {{subject}} pinned by digest?'),

  // Cloud and network.
  yes('waf', P, 'A web application firewall filters traffic.', 'Is {{subject}} behind a web application firewall?'),
  no('public_access', ['datastore'], 'Readable (or listable) without authentication.', 'Can {{subject}} be read without authentication?'),
  yes('least_privilege', PD, 'Runs with, or grants, only the permissions it needs.', 'Does {{subject}} run with only the permissions it needs?'),
  yes('network_segmentation', PD, 'Network access is restricted to the callers that need it.', 'Is network access to {{subject}} restricted to the callers that need it?'),
  yes('metadata_endpoint_protected', P, 'The cloud instance metadata endpoint requires IMDSv2 or is blocked.', 'Is the cloud metadata endpoint protected (IMDSv2 or blocked) on {{subject}}?'),

  // Privacy.
  yes('retention_policy', ['datastore', 'process'], 'A retention period is defined and enforced.', 'Is there an enforced retention period for data in {{subject}}?'),
  yes('deletion_path', ['datastore', 'process'], 'People can have their data deleted.', 'Can people have their data in {{subject}} deleted?'),
  yes('consent', ALL, 'Consent is collected before personal data is used for this purpose.', 'Is consent collected before personal data is sent through {{subject}}?'),
  yes('data_minimization', ALL, 'Only the personal data needed for the purpose is collected or sent.', 'Is only the personal data needed sent through {{subject}}?'),
  yes('pseudonymization', ALL, 'Personal data is replaced by pseudonyms (per-recipient identifiers) before it leaves the system.', 'Is personal data pseudonymised before it goes through {{subject}}?'),
  no('identifiers_in_urls', ['flow'], 'Personal identifiers (e-mail, user id, tokens) appear in URLs, where logs, referrers and caches keep them.', 'Do URLs on {{subject}} contain personal identifiers?'),
  yes('account_enumeration_protection', P, 'Sign-in, sign-up and reset answer alike whether or not an account exists.', 'Does {{subject}} answer alike whether or not an account exists?'),
  yes('privacy_notice', P, 'People are told, where their data is collected, what is collected, why and for how long.', 'Are people told at {{subject}} what personal data is collected, why and for how long?'),
  yes('dpia', PD, 'A data-protection impact assessment covers this processing.', 'Does a data-protection impact assessment cover {{subject}}?'),
  yes('data_processing_agreement', ['external-entity', 'flow'], 'A data-processing agreement (and transfer safeguards) covers personal data sent to this party.', 'Is there a data-processing agreement for personal data sent through {{subject}}?'),
  // Language models and agents.
  yes('prompt_injection_defenses', P, 'Untrusted input is kept apart from instructions and screened (input filters, guard model, spotlighting).', 'Does {{subject}} separate and screen untrusted input before it reaches the model?'),
  yes('untrusted_content_isolation', P, 'Retrieved or fetched content is marked as data and cannot change the model\'s instructions or tool choices.', 'Does {{subject}} isolate retrieved or fetched content from the model\'s instructions?'),
  yes('model_output_validation', P, 'Model output is validated or encoded for where it goes (HTML, SQL, shell, tool arguments) before use.', 'Does {{subject}} validate model output before using it?'),
  yes('human_approval', P, 'Actions with side effects proposed by a model need a person\'s confirmation.', 'Does a person confirm the actions {{subject}} takes on a model\'s behalf?'),
  yes('retrieval_access_control', PD, 'Retrieval returns only documents the calling user may read.', 'Does retrieval in {{subject}} return only what the calling user may read?'),
  yes('model_provenance', ['process', 'datastore', 'external-entity'], 'Models and datasets come from a verified source, pinned by hash or signature.', 'Are the models used by {{subject}} pinned and verified?'),
  no('secrets_in_prompt', P, 'The system prompt contains secrets, credentials or internal rules that must not leak.', 'Does the system prompt of {{subject}} contain secrets or confidential rules?'),
  yes('usage_quota', P, 'Per-user and global limits on requests, tokens and cost.', 'Does {{subject}} limit requests, tokens and cost per user?'),
  yes('ingestion_review', ['datastore', 'process'], 'Content added to the retrieval corpus is reviewed or comes only from trusted sources.', 'Is content added to {{subject}} reviewed or from trusted sources only?'),
  // Supply chain, platform, messaging and clients.
  yes('email_authentication', ['process', 'external-entity'], 'Outgoing mail domains publish SPF and DKIM and enforce DMARC (p=quarantine or reject).', 'Do the mail domains {{subject}} sends from enforce SPF, DKIM and DMARC?'),
  yes('canonical_host', P, 'Links in e-mails and redirects are built from a configured host name, never from the request\'s Host header.', 'Does {{subject}} build links from a configured host rather than the request\'s Host header?'),
  yes('certificate_pinning', ['external-entity', 'flow'], 'The client validates the server certificate strictly and pins the expected key or CA.', 'Does the client on {{subject}} pin the server certificate?'),
  yes('sast', ['process'], 'Code is analysed by static application security testing in CI.', 'Is the code of {{subject}} scanned by SAST in CI?'),
  // Injection sinks and web plumbing.
  fact('runs_shell_commands', P, 'Runs operating-system commands that include input.', 'Does {{subject}} run OS commands that include input?', 'runs-shell-commands'),
  fact('builds_file_paths', P, 'Opens files by paths that include input (downloads, templates, exports).', 'Does {{subject}} open files by paths that include input?', 'builds-file-paths'),
  fact('evaluates_xpath', P, 'Evaluates XPath expressions that include input.', 'Does {{subject}} evaluate XPath built from input?', 'xpath-queryable'),
  fact('user_defined_templates', P, 'Lets users write or edit templates that the server renders (e-mail templates, themes, reports).', 'Can users write templates that {{subject}} renders?', 'renders-user-templates'),
  yes('log_sanitization', P, 'Input written to logs is encoded (newlines and control characters escaped) or logged as structured fields.', 'Does {{subject}} encode input before writing it to logs?'),
  yes('query_complexity_limits', P, 'GraphQL queries are limited in depth, complexity and batch size.', 'Does {{subject}} limit GraphQL query depth and complexity?'),
  yes('cors_restricted', P, 'Cross-origin requests with credentials are allowed only from an explicit list of origins.', 'Does {{subject}} allow credentialed cross-origin requests only from listed origins?'),
  yes('rejects_ambiguous_requests', P, 'Requests with ambiguous framing (both Content-Length and Transfer-Encoding, obsolete line folding) are rejected.', 'Does {{subject}} reject ambiguously framed HTTP requests?'),
  yes('cache_control', ['process', 'flow'], 'Responses with personal or sensitive data are marked Cache-Control: no-store/private and caches key on the session.', 'Are sensitive responses through {{subject}} marked uncacheable?'),
  // Availability, tenancy, keys, containers, payments, administration.
  yes('dead_letter_queue', P, 'Messages that fail processing are moved aside after a few attempts instead of being retried forever.', 'Does {{subject}} move failing messages to a dead-letter queue?'),
  yes('backups_encrypted', ['datastore'], 'Backups and snapshots are encrypted, with keys held apart from the backups.', 'Are the backups of {{subject}} encrypted?'),
  yes('key_rotation', ['datastore', 'process'], 'Keys and secrets are rotated on a schedule and on suspicion of compromise.', 'Are the keys in {{subject}} rotated on a schedule?'),
  yes('redundancy', PD, 'Runs with redundancy (replicas, multiple zones) and a tested failover.', 'Does {{subject}} run with redundancy and a tested failover?'),
  yes('timeouts', P, 'Calls to other services have timeouts, retries with back-off and circuit breakers.', 'Do calls from {{subject}} to other services have timeouts and circuit breakers?'),
  fact('evaluates_user_regex', P, 'Evaluates regular expressions supplied by users, or backtracking patterns on long user input.', 'Does {{subject}} evaluate user-supplied regular expressions?', 'evaluates-user-regex'),
  yes('safe_regex', P, 'Regular expressions run in a linear-time engine (RE2) or with a time limit.', 'Does {{subject}} run regular expressions in a linear-time engine or with a time limit?'),
  fact('multi_tenant', PD, 'Holds or serves data of several customers (tenants) in one deployment.', 'Does {{subject}} hold data of several tenants?', 'multi-tenant'),
  yes('tenant_isolation', PD, 'Every query is scoped to the caller\'s tenant by the platform (row-level security, per-tenant schemas or keys), not by each query\'s author.', 'Is tenant isolation in {{subject}} enforced by the platform rather than by each query?'),
  yes('roles_from_trusted_source', P, 'Roles and permissions are looked up server-side, not taken from client-editable claims or profile fields.', 'Does {{subject}} look up roles server-side rather than trusting token claims or profile fields?'),
  yes('trusted_types', P, 'Client-side code writes HTML only through sanitising APIs, enforced by Trusted Types.', 'Does {{subject}} enforce Trusted Types for DOM writes?'),
  yes('containers_hardened', P, 'Containers run as non-root, with a read-only filesystem, no privileged mode and dropped capabilities.', 'Do the containers of {{subject}} run as non-root, read-only and unprivileged?'),
  yes('tokenization', ['datastore', 'process'], 'Card numbers are replaced by provider tokens; the full PAN is never stored.', 'Does {{subject}} store provider tokens instead of card numbers?'),
  yes('via_bastion', ['flow'], 'Administrative access goes through a bastion or VPN with MFA, never directly from the internet.', 'Does administrative access on {{subject}} go through a bastion or VPN with MFA?'),
  yes('provider_no_training', ['external-entity', 'flow'], 'The model provider contractually neither retains nor trains on the data sent.', 'Does the provider on {{subject}} contractually not retain or train on the data?'),
  yes('individual_accounts', P, 'Every administrator signs in with a personal account; no shared or generic accounts.', 'Does every administrator of {{subject}} use a personal account?'),
  // Identity, tokens, APIs, logs and recovery (rule library, part 4).
  yes('default_credentials_changed', COMP, 'Vendor default accounts and passwords are removed or changed before the component is reachable.', 'Have the default accounts and passwords of {{subject}} been removed or changed?'),
  yes('token_revocation', PF, 'Access and refresh tokens can be revoked (logout, password change, compromise) and revocation is checked.', 'Can tokens used by {{subject}} be revoked before they expire?'),
  yes('short_lived_tokens', PF, 'Access tokens expire within minutes (15 minutes or less); longer sessions use refresh tokens.', 'Do access tokens used by {{subject}} expire within minutes?'),
  yes('reauthentication', P, 'Changing e-mail, password, MFA or recovery settings asks for the current password or a second factor again.', 'Does {{subject}} ask users to re-authenticate before changing e-mail, password or MFA?'),
  yes('exact_redirect_uris', PD, 'OAuth/OIDC clients register exact redirect URIs, compared as whole strings (no wildcards or prefixes).', 'Does {{subject}} compare OAuth redirect URIs exactly against registered values?'),
  yes('pkce', PF, 'The OAuth authorization-code flow uses PKCE (S256).', 'Does the OAuth flow on {{subject}} use PKCE?'),
  yes('saml_signature_validation', PF, 'SAML responses are accepted only with a valid signature over the assertion, from the expected issuer and audience, checked by a maintained library.', 'Does {{subject}} validate the signature, issuer and audience of every SAML assertion?'),
  yes('response_filtering', P, 'API responses are built from explicit per-endpoint response types, never by serialising whole objects.', 'Does {{subject}} return only the fields each endpoint declares?'),
  fact('self_signup', P, 'Lets anyone create an account (open sign-up).', 'Can anyone sign up for an account at {{subject}}?', 'self-signup'),
  yes('bot_protection', P, 'Business flows (sign-up, checkout, payments, reservations) detect and limit automated use (device fingerprinting, challenge, per-account velocity limits).', 'Does {{subject}} detect and limit automated use of its business flows?'),
  yes('api_inventory', P, 'Every API version and host routed here is inventoried, owned, and retired versions are removed.', 'Is every API version routed through {{subject}} inventoried, with retired versions removed?'),
  yes('validates_third_party_responses', P, 'Responses from third-party APIs are validated against a schema and size limit before they are stored or shown, and redirects are not followed blindly.', 'Does {{subject}} validate third-party API responses before storing or showing them?'),
  yes('origin_check', PF, 'The WebSocket handshake is accepted only from listed Origin values (and carries a CSRF token or non-cookie credential).', 'Does {{subject}} check the Origin of WebSocket handshakes?'),
  yes('decompression_limits', P, 'Archives and compressed bodies are expanded with limits on total size, ratio, file count and nesting.', 'Does {{subject}} limit the size, ratio and nesting of archives and compressed input it expands?'),
  yes('csprng_tokens', P, 'Session ids, reset and verification tokens come from a cryptographically secure random generator with at least 128 bits.', 'Does {{subject}} generate tokens with a cryptographically secure random generator?'),
  yes('fails_closed', P, 'When the authorization or identity service is unreachable or errors, requests are denied, never allowed.', 'Does {{subject}} deny requests when its authorization service fails?'),
  yes('alerting', PD, 'Security events (repeated failures, privilege changes, admin actions) raise alerts that someone on call answers.', 'Do security events in {{subject}} raise alerts that someone answers?'),
  yes('log_retention', PD, 'Logs are kept long enough to investigate (e.g. 90 days searchable and a year archived).', 'Are logs in {{subject}} kept long enough to investigate an incident (e.g. 90 days searchable, a year archived)?'),
  yes('restore_tested', PD, 'Restoring from backup is rehearsed on a schedule, with a measured recovery time.', 'Is restoring {{subject}} from backup rehearsed on a schedule?'),
  yes('append_only', PD, 'Records can only be appended; corrections are new entries, and updates and deletes are denied to the application.', 'Is {{subject}} append-only for the application (no updates or deletes)?'),
  fact('custom_domain', COMP, 'Served under one of our domain names through DNS pointing at hosting run by others.', 'Is {{subject}} served under one of our domain names?', 'custom-domain'),
  yes('dangling_dns_monitoring', COMP, 'DNS records pointing at third-party hosting are inventoried and removed with the resource they point to.', 'Are DNS records pointing at {{subject}} monitored and removed when the resource goes away?'),
  // Privacy rights, cloud control planes and edge resilience (rule library, part 4).
  yes('data_access_requests', PD, 'People can get a copy of the personal data held about them (subject access request), self-service or through a documented process.', 'Can people get a copy of the personal data {{subject}} holds about them?'),
  yes('location_precision_reduced', ['process', 'flow'], 'Location is coarsened (city or region, rounded coordinates) before it leaves for others.', 'Is location coarsened before it is sent through {{subject}}?'),
  fact('serves_children', COMP, 'Is used by, or collects data from, children.', 'Is {{subject}} used by children?', 'serves-children'),
  yes('parental_consent', COMP, 'Verifiable parental consent is collected before children\'s data is processed, where the law requires it.', 'Does {{subject}} collect verifiable parental consent before processing children\'s data?'),
  fact('automated_decisions', P, 'Makes decisions about people with legal or similarly significant effect (credit, hiring, insurance, account closure) without a person deciding.', 'Does {{subject}} make decisions about people with legal or similar effect on its own?', 'automated-decisions'),
  yes('human_review', P, 'People can contest an automated decision, get an explanation and have a person review it.', 'Can people contest automated decisions of {{subject}} and have a person review them?'),
  yes('data_residency', ['external-entity', 'flow'], 'Personal data stays in the agreed jurisdiction, or the transfer has a legal basis (adequacy decision, standard contractual clauses).', 'Does personal data sent through {{subject}} stay in the agreed jurisdiction or have transfer safeguards?'),
  { key: 'region', type: 'string', appliesTo: COMP, description: 'Where the component runs or the party processes data (jurisdiction or cloud region, e.g. eu, us, eu-west-1).', question: 'In which region or jurisdiction does {{subject}} run?' },
  fact('fingerprinting', ['process', 'external-entity'], 'Identifies devices or browsers from their characteristics (canvas, fonts, headers) rather than cookies.', 'Does {{subject}} fingerprint devices or browsers?', 'fingerprints-devices'),
  yes('cloud_audit_logging', P, 'The cloud account logs control-plane and IAM actions (CloudTrail, Azure Activity Log, GCP Audit Logs, Kubernetes audit log) to a store the workload cannot alter.', 'Are control-plane and IAM actions on {{subject}} logged where the workload cannot alter them?'),
  yes('control_plane_private', P, 'The management API (Kubernetes API server, cloud console endpoints) is reachable only from a private network or an allow-list, with strong authentication.', 'Is the control plane of {{subject}} reachable only from a private network or an allow-list?'),
  fact('cross_account_access', COMP, 'Is accessed, or accesses resources, through a role or grant in another cloud account or tenant.', 'Does {{subject}} grant or use access across cloud accounts or tenants?', 'cross-account-access'),
  yes('external_id_required', COMP, 'Cross-account role assumption requires an external id (or equivalent audience restriction) and trusts only the named account.', 'Does cross-account access to {{subject}} require an external id and trust only the named account?'),
  yes('privileged_access_management', ['datastore', 'flow'], 'Direct human access is just-in-time, approved, time-limited and recorded.', 'Is direct human access to {{subject}} just-in-time, approved and recorded?'),
  yes('ddos_protection', P, 'A DDoS protection service (scrubbing, CDN or cloud shield) with autoscaling absorbs volumetric attacks.', 'Is {{subject}} protected against volumetric DDoS attacks?'),
  yes('app_attestation', ['external-entity', 'process'], 'The server verifies app attestation (Play Integrity, App Attest) before accepting high-integrity requests.', 'Does the server verify app attestation from {{subject}} before accepting payments or other high-integrity actions?'),
  yes('cert_automation', P, 'TLS certificates are issued and renewed automatically (ACME or managed certificates), with expiry monitoring.', 'Are the TLS certificates of {{subject}} renewed automatically and their expiry monitored?'),
  // Request handling, exports, client storage and concurrency (rule library, part 5).
  yes('request_size_limit', P, 'Request bodies, JSON depth and array lengths are limited before parsing.', 'Does {{subject}} limit request body size and JSON depth before parsing?'),
  fact('deep_merges_input', P, 'Merges request objects into other objects recursively (deep merge, defaults, lodash.merge) or clones them by key.', 'Does {{subject}} deep-merge objects from requests?', 'deep-merges-input'),
  yes('prototype_pollution_safe', P, 'Keys such as __proto__, constructor and prototype are rejected, or objects are created without prototypes.', 'Does {{subject}} reject __proto__ and constructor keys in merged input?'),
  fact('exports_spreadsheets', P, 'Exports data that people open in spreadsheets (CSV, XLSX).', 'Does {{subject}} export CSV or spreadsheets?', 'exports-spreadsheets'),
  yes('formula_escaping', P, 'Cells starting with =, +, -, @, tab or CR are neutralised in exports.', 'Does {{subject}} neutralise spreadsheet formulas in exported cells?'),
  yes('header_encoding', P, 'Values placed in e-mail headers (subject, recipients, reply-to) are stripped of CR/LF and validated.', 'Does {{subject}} strip line breaks from values it puts in e-mail headers?'),
  yes('atomic_updates', PD, 'Balance, stock and limit checks happen in the same atomic operation as the update (transactions with row locks or conditional writes).', 'Does {{subject}} check limits and update in one atomic operation?'),
  yes('httponly_token_storage', P, 'Browser sessions live in HttpOnly cookies, not in localStorage or sessionStorage where any script can read them.', 'Does {{subject}} keep session tokens out of scripts\' reach (HttpOnly cookies)?'),
  fact('deep_links', ['external-entity'], 'Opens links into the app (custom URL schemes or app links), e.g. for sign-in callbacks or payments.', 'Does {{subject}} handle deep links?', 'deep-links'),
  yes('verified_app_links', ['external-entity'], 'Deep links use verified app links / universal links, not custom schemes other apps can claim, and link parameters are validated.', 'Does {{subject}} use verified app links for its deep links?'),
  no('tls_verification_disabled', ['process', 'flow'], 'Certificate verification is turned off for outgoing TLS (verify=False, rejectUnauthorized: false, InsecureSkipVerify).', 'Is certificate verification turned off on {{subject}}?'),
];

export const PROPERTIES: ReadonlyMap<string, PropertySpec> = new Map(SPECS.map((s) => [s.key, s]));

export function propertySpec(key: string): PropertySpec | undefined {
  return PROPERTIES.get(key);
}

/** Every kind of element a property can describe. */
export const ELEMENT_KINDS: readonly ElementKindName[] = ALL;

/** A declared property as a catalogue entry; its question, unless it words one, is built from its key and description. */
export function declaredSpec(key: string, d: PropertyDeclaration): PropertySpec {
  const asked = d.type === 'boolean' ? `Is "${key}" true for {{subject}}?` : `What is "${key}" for {{subject}}?`;
  return {
    key,
    type: d.type,
    appliesTo: d.applies_to ?? ALL,
    description: d.description ?? '',
    question: d.question ?? (d.description ? `${asked} (${d.description})` : asked),
    ...(d.values !== undefined ? { values: d.values } : {}),
    declared: true,
  };
}

/**
 * The catalogue with a model's declared properties added. A declaration never replaces a catalogue
 * entry (the loader warns about one that tries). Without declarations, the catalogue itself.
 */
export function withDeclared(declared: Readonly<Record<string, PropertyDeclaration>> | undefined): ReadonlyMap<string, PropertySpec> {
  if (!declared) return PROPERTIES;
  let out: Map<string, PropertySpec> | undefined;
  for (const key of Object.keys(declared)) {
    const d = declared[key];
    if (!d || PROPERTIES.has(key)) continue;
    (out ??= new Map(PROPERTIES)).set(key, declaredSpec(key, d));
  }
  return out ?? PROPERTIES;
}
