/**
 * Threagile's enumerations and how they map to the model. Both spellings are accepted where
 * Threagile renamed a value (`enduser-…` in 1.x files, `end-user-…` in later ones).
 */
import type { Classification, Level, ThreatStatus } from '@threatwright/core';
import { table } from '../../shared/data.js';

/** Lower-case, trimmed, and the older `enduser` spelling folded into `end-user`. */
export function normalizeEnum(value: string): string {
  return value.trim().toLowerCase().replace(/enduser/g, 'end-user').replace(/_/g, '-');
}

/**
 * Threagile ranks confidentiality public < internal < restricted < confidential <
 * strictly-confidential; the model ranks public < internal < confidential < restricted < secret.
 * The mapping keeps the rank, not the word. Every table is a `Map`: its keys come from the file.
 */
export const CLASSIFICATION = table<Classification>({
  public: 'public',
  internal: 'internal',
  restricted: 'confidential',
  confidential: 'restricted',
  'strictly-confidential': 'secret',
});

export const CONFIDENTIALITY_LEVEL = table<Level>({
  public: 'low',
  internal: 'low',
  restricted: 'medium',
  confidential: 'high',
  'strictly-confidential': 'high',
});

/** Integrity and availability (Threagile's criticality scale). */
export const CRITICALITY_LEVEL = table<Level>({
  archive: 'low',
  operational: 'low',
  important: 'medium',
  critical: 'high',
  'mission-critical': 'high',
});

/** Technologies (and their aliases) → component types of the built-in taxonomy. */
export const TECHNOLOGY_TYPE = table<string | undefined>({
  browser: 'browser',
  'web-browser': 'browser',
  desktop: 'desktop-app',
  'desktop-system': 'desktop-app',
  'client-system': 'desktop-app',
  client: 'desktop-app',
  'devops-client': 'desktop-app',
  cli: 'desktop-app',
  'command-line': 'desktop-app',
  'mobile-app': 'mobile-app',
  'web-server': 'web-server',
  'web-application': 'web-app',
  'web-app': 'web-app',
  cms: 'web-app',
  'content-management-system': 'web-app',
  'application-server': 'service',
  'app-server': 'service',
  erp: 'service',
  ejb: 'service',
  'report-engine': 'service',
  'search-engine': 'service',
  'service-registry': 'service',
  'service-mesh': 'service',
  'code-inspection-platform': 'service',
  tool: 'service',
  mainframe: 'service',
  ai: 'service',
  ids: 'service',
  ips: 'service',
  'web-service-rest': 'rest-api',
  'rest-api': 'rest-api',
  'web-service-soap': 'soap-service',
  'soap-api': 'soap-service',
  gateway: 'api-gateway',
  'reverse-proxy': 'reverse-proxy',
  'load-balancer': 'load-balancer',
  lb: 'load-balancer',
  waf: 'waf',
  'web-application-firewall': 'waf',
  database: 'database',
  db: 'database',
  'data-lake': 'database',
  'big-data-platform': 'database',
  'search-index': 'search-index',
  'file-server': 'file-store',
  'file-storage': 'file-store',
  'block-storage': 'file-store',
  'local-file-system': 'file-system',
  'identity-provider': 'identity-provider',
  idp: 'identity-provider',
  'identity-store-ldap': 'ldap',
  'ldap-server': 'ldap',
  ldap: 'ldap',
  'identity-store-database': 'user-store',
  'message-queue': 'queue',
  mq: 'queue',
  'stream-processing': 'worker',
  'batch-processing': 'worker',
  'event-listener': 'worker',
  scheduler: 'worker',
  task: 'worker',
  function: 'function',
  'build-pipeline': 'ci-pipeline',
  'sourcecode-repository': 'repository',
  git: 'repository',
  'artifact-registry': 'artifact-registry',
  'container-platform': 'container-platform',
  monitoring: 'siem',
  siem: 'siem',
  'mail-server': 'email-service',
  vault: 'vault',
  hsm: 'kms',
  'iot-device': undefined,
  library: undefined,
  'unknown-technology': undefined,
});

/** Protocols Threagile counts as encrypted. */
const ENCRYPTED = new Set(['https', 'wss', 'ssh', 'ssh-tunnel', 'ftps', 'sftp', 'scp', 'ldaps']);
/** Protocols that stay inside one host: no network, so encryption is not a question. */
const PROCESS_LOCAL = new Set(['in-process-library-call', 'local-file-access', 'container-spawning']);
const BASE_PROTOCOL = table<string>({
  'sql-access-protocol': 'sql',
  'nosql-access-protocol': 'nosql',
  'reverse-proxy-web-protocol': 'http',
  'ssh-tunnel': 'ssh',
  'smtp-encrypted': 'smtps',
  'in-process-library-call': 'in-process',
  'local-file-access': 'in-process',
  'container-spawning': 'in-process',
});

/** Protocol name for the model and whether it encrypts (undefined: not a network protocol or unknown). */
export function mapProtocol(value: string): { protocol: string; encrypted: boolean | undefined; local: boolean } {
  const p = normalizeEnum(value);
  if (p === 'unknown-protocol' || p === '') return { protocol: 'unknown', encrypted: undefined, local: false };
  if (PROCESS_LOCAL.has(p)) return { protocol: BASE_PROTOCOL.get(p) ?? p, encrypted: undefined, local: true };
  const suffixed = p.endsWith('-encrypted');
  const base = suffixed ? p.slice(0, -'-encrypted'.length) : p;
  return { protocol: BASE_PROTOCOL.get(p) ?? BASE_PROTOCOL.get(base) ?? base, encrypted: suffixed || ENCRYPTED.has(p), local: false };
}

/** Threagile authentication → the model's `authentication` word (and whether there is any). */
export const AUTHENTICATION = table<string | undefined>({
  none: undefined,
  credentials: 'password',
  'session-id': 'session-cookie',
  token: 'bearer-token',
  'client-certificate': 'mtls',
  'two-factor': 'mfa',
  externalized: 'externalized',
});

export const RISK_STATUS = table<ThreatStatus>({
  unchecked: 'open',
  'in-discussion': 'open',
  accepted: 'accepted',
  'in-progress': 'in-progress',
  mitigated: 'mitigated',
  'false-positive': 'false-positive',
});

export const LIKELIHOOD = table<number>({ unlikely: 2, likely: 3, 'very-likely': 4, frequent: 5 });
export const IMPACT = table<number>({ low: 2, medium: 3, high: 4, 'very-high': 5 });
