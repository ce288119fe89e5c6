/**
 * The taxonomy as data: component types and protocols carry capabilities, and rules test
 * capabilities, never type names. A model extends or overrides both in its `taxonomy:` section.
 *
 * Capabilities also come from the element kind (process: executes-code, datastore: holds-data,
 * external-entity: is-external) and from properties (see `capability` in properties.ts).
 */
import type { ComponentKind, Model } from '../model/types.js';
import type { Issue } from '../issues.js';
import { withDeclared, type PropertySpec } from './properties.js';

/** The capability vocabulary. Custom types and rules may use other names; these are the ones built-in rules test. */
export const CAPABILITIES = {
  // what an element is
  'executes-code': 'Runs code: a process of any kind.',
  'holds-data': 'Stores data at rest.',
  'is-external': 'Outside the system being modelled.',
  'is-human': 'A person (user, administrator, attacker).',
  'is-browser': 'A web browser running our pages and the scripts they load.',
  'is-client-app': 'A mobile or desktop application in the hands of users.',
  'third-party': 'Run by another organisation.',
  'web-application': 'Serves HTML pages to browsers (sessions, cookies, forms).',
  api: 'Serves a machine-readable API (REST, GraphQL, gRPC).',
  'identity-provider': 'Issues identities or tokens (OIDC/SAML provider, auth server).',
  'identity-store': 'Holds credentials or identities (user table, directory).',
  'secrets-store': 'Holds secrets or keys (vault, KMS).',
  'high-value-target': 'Compromise hands an attacker much more than its own data.',
  'may-contain-secrets': 'Configuration or content likely to include credentials.',
  'traffic-forwarder': 'Forwards traffic (proxy, load balancer, gateway, CDN).',
  'query-injectable': 'Answers queries built from input (SQL, NoSQL, LDAP, search, XPath).',
  'sql-queryable': 'Answers SQL queries.',
  'nosql-queryable': 'Answers NoSQL (document or key-value) queries.',
  'ldap-queryable': 'Answers LDAP queries.',
  'search-queryable': 'Answers full-text search queries.',
  'renders-templates': 'Renders server-side templates.',
  'renders-user-templates': 'Renders templates whose text users can write or change.',
  'runs-shell-commands': 'Runs operating-system commands built from input.',
  'builds-file-paths': 'Opens files by paths built from input.',
  'xpath-queryable': 'Evaluates XPath queries built from input.',
  graphql: 'Serves a GraphQL endpoint.',
  'evaluates-user-regex': 'Evaluates regular expressions that users supply or that run on long user input.',
  'multi-tenant': 'Holds or serves data of several customers (tenants) in one deployment.',
  'client-side-rendering': 'Builds pages in the browser from data (single-page application).',
  'renders-user-content': 'Shows content submitted by users to other users.',
  'accepts-uploads': 'Accepts file uploads.',
  'calls-out-to-urls': 'Fetches URLs that users can influence.',
  'parses-xml': 'Parses XML input.',
  'deserializes-untrusted': 'Deserialises native objects from untrusted input.',
  'redirects-to-return-url': 'Redirects to a URL taken from the request.',
  'object-store': 'Stores blobs addressed by key (S3, Blob Storage, GCS).',
  'message-queue': 'Queues or streams messages.',
  'log-store': 'Collects logs or audit events.',
  'file-store': 'Stores files by path.',
  'cloud-compute': 'Runs on cloud compute with an instance metadata endpoint.',
  'build-pipeline': 'Builds, tests and deploys code.',
  'artifact-store': 'Holds build artifacts, packages or container images.',
  'runs-containers': 'Runs container images.',
  'language-model': 'A large language model.',
  'llm-agent': 'Lets a language model plan and call tools.',
  'executes-model-output': 'Acts on language-model output.',
  'tool-access': 'A model can call tools with side effects.',
  'retrieval-store': 'Supplies documents for retrieval-augmented generation.',
  'retrieval-over-private-data': 'Retrieves private or per-user data into prompts.',
  analytics: 'Collects usage analytics or tracking data.',
  'serves-scripts': 'Serves scripts that run inside our pages (CDN, tag manager, widget).',
  'loads-third-party-scripts': 'Pages load scripts from third parties.',
  'payment-processor': 'Moves money (payment provider, acquirer).',
  'handles-payments': 'Initiates or records payments.',
  'sends-email': 'Sends e-mail or messages to people.',
  'internet-facing': 'Reachable from the internet.',
  'authenticates-users': 'Signs users in.',
  'admin-interface': 'Offers administrative functions.',
  'password-reset': 'Offers password reset.',
  'uses-jwt': 'Uses JSON Web Tokens.',
  'self-signup': 'Lets anyone create an account (open sign-up).',
  'custom-domain': 'Served under one of our own domain names through DNS pointing at hosting run by others (CDN, SaaS, object-store website).',
  'serves-children': 'Is used by, or collects data from, children.',
  'automated-decisions': 'Makes decisions about people with legal or similar effect without a person deciding.',
  'fingerprints-devices': 'Identifies devices or browsers from their characteristics rather than cookies.',
  'cross-account-access': 'Grants or uses access across cloud accounts or tenants.',
  'container-orchestrator': 'Schedules containers through a management API (Kubernetes, ECS, Nomad).',
  'deep-merges-input': 'Merges request objects into other objects recursively.',
  'exports-spreadsheets': 'Exports data that people open in spreadsheets.',
  'deep-links': 'Opens links into a client app (URL schemes, app links).',
  // protocols
  'encrypted-transport': 'The protocol always encrypts.',
  'plaintext-transport': 'The protocol never encrypts.',
  'http-based': 'HTTP or a protocol on top of it.',
  'carries-xml': 'Carries XML payloads.',
  'remote-admin': 'A remote administration protocol.',
  websocket: 'A WebSocket connection: upgraded from HTTP, long-lived, opened by browsers with their cookies.',
} as const satisfies Record<string, string>;

export type BuiltinCapability = keyof typeof CAPABILITIES;
/** A capability name: a built-in one, or any name a model's taxonomy defines. */
export type Capability = BuiltinCapability | (string & {});

export interface TaxonomyEntry {
  readonly description?: string;
  readonly extends?: string;
  readonly capabilities: readonly string[];
  readonly remove?: readonly string[];
  readonly encrypted?: boolean;
}

type Entries = Record<string, TaxonomyEntry>;
const t = (capabilities: Capability[], extra: Omit<TaxonomyEntry, 'capabilities'> = {}): TaxonomyEntry => ({ capabilities, ...extra });

/** Built-in component types. Aliases use `extends`. */
export const BUILTIN_TYPES: Readonly<Entries> = {
  // processes
  'web-app': t(['web-application', 'renders-templates'], { description: 'Server-rendered web application.' }),
  'web-application': t([], { extends: 'web-app' }),
  webapp: t([], { extends: 'web-app' }),
  'web-server': t(['web-application']),
  spa: t(['web-application', 'client-side-rendering'], { description: 'Single-page application served to browsers.' }),
  api: t(['api'], { description: 'HTTP API (REST, JSON).' }),
  'rest-api': t([], { extends: 'api' }),
  'graphql-api': t(['api', 'query-injectable', 'graphql']),
  'grpc-service': t(['api']),
  'backend-for-frontend': t(['api', 'web-application']),
  service: t([], { description: 'A back-end service.' }),
  microservice: t([], { extends: 'service' }),
  worker: t([], { description: 'Background job runner.' }),
  function: t(['cloud-compute'], { description: 'Serverless function.' }),
  lambda: t([], { extends: 'function' }),
  'admin-console': t(['web-application', 'admin-interface', 'high-value-target']),
  'auth-service': t(['api', 'authenticates-users', 'high-value-target']),
  'identity-provider': t(['identity-provider', 'identity-store', 'authenticates-users', 'high-value-target']),
  idp: t([], { extends: 'identity-provider' }),
  'reverse-proxy': t(['traffic-forwarder']),
  'load-balancer': t(['traffic-forwarder']),
  'api-gateway': t(['traffic-forwarder', 'api']),
  waf: t(['traffic-forwarder']),
  'payment-service': t(['api', 'handles-payments', 'high-value-target']),
  'soap-service': t(['api', 'parses-xml']),
  'file-upload-service': t(['accepts-uploads']),
  'webhook-dispatcher': t(['calls-out-to-urls']),
  'llm-app': t(['executes-model-output'], { description: 'An application built around a language model.' }),
  agent: t(['llm-agent', 'executes-model-output', 'tool-access']),
  'llm-agent': t([], { extends: 'agent' }),
  'ci-pipeline': t(['build-pipeline', 'may-contain-secrets', 'high-value-target']),
  'build-pipeline': t([], { extends: 'ci-pipeline' }),
  'ci-cd': t([], { extends: 'ci-pipeline' }),
  'container-platform': t(['runs-containers', 'container-orchestrator', 'cloud-compute', 'high-value-target']),
  kubernetes: t([], { extends: 'container-platform' }),
  vm: t(['cloud-compute']),
  container: t(['runs-containers']),
  'email-service': t(['sends-email']),
  // data stores
  database: t(['sql-queryable', 'query-injectable', 'high-value-target'], { description: 'Relational database.' }),
  'sql-database': t([], { extends: 'database' }),
  postgres: t([], { extends: 'database' }),
  postgresql: t([], { extends: 'database' }),
  mysql: t([], { extends: 'database' }),
  'nosql-database': t(['nosql-queryable', 'query-injectable']),
  mongodb: t([], { extends: 'nosql-database' }),
  'document-store': t([], { extends: 'nosql-database' }),
  cache: t([], { description: 'In-memory cache (Redis, Memcached).' }),
  redis: t([], { extends: 'cache' }),
  'search-index': t(['search-queryable', 'query-injectable']),
  elasticsearch: t([], { extends: 'search-index' }),
  directory: t(['identity-store', 'ldap-queryable', 'query-injectable', 'high-value-target']),
  ldap: t([], { extends: 'directory' }),
  'user-store': t(['identity-store', 'high-value-target']),
  'object-store': t(['object-store']),
  s3: t([], { extends: 'object-store' }),
  'blob-storage': t([], { extends: 'object-store' }),
  'file-store': t(['file-store']),
  'file-system': t([], { extends: 'file-store' }),
  queue: t(['message-queue']),
  'message-broker': t([], { extends: 'queue' }),
  kafka: t([], { extends: 'queue' }),
  'log-store': t(['log-store']),
  logs: t([], { extends: 'log-store' }),
  siem: t([], { extends: 'log-store' }),
  'secrets-manager': t(['secrets-store', 'high-value-target']),
  vault: t([], { extends: 'secrets-manager' }),
  kms: t([], { extends: 'secrets-manager' }),
  'config-store': t(['may-contain-secrets']),
  'vector-store': t(['retrieval-store']),
  'vector-database': t([], { extends: 'vector-store' }),
  'artifact-registry': t(['artifact-store', 'high-value-target']),
  'container-registry': t([], { extends: 'artifact-registry' }),
  'package-registry': t([], { extends: 'artifact-registry' }),
  repository: t(['may-contain-secrets', 'high-value-target'], { description: 'Source code repository.' }),
  // external entities
  user: t(['is-human']),
  person: t([], { extends: 'user' }),
  customer: t([], { extends: 'user' }),
  admin: t(['is-human']),
  administrator: t([], { extends: 'admin' }),
  attacker: t(['is-human']),
  browser: t(['is-browser']),
  'mobile-app': t(['is-client-app']),
  'desktop-app': t(['is-client-app']),
  'third-party-api': t(['third-party', 'api']),
  'external-service': t(['third-party']),
  saas: t(['third-party']),
  'payment-provider': t(['third-party', 'payment-processor', 'api']),
  'payment-gateway': t([], { extends: 'payment-provider' }),
  analytics: t(['third-party', 'analytics', 'serves-scripts']),
  'tag-manager': t(['third-party', 'serves-scripts']),
  cdn: t(['third-party', 'traffic-forwarder', 'serves-scripts']),
  'third-party-script': t(['third-party', 'serves-scripts']),
  'email-provider': t(['third-party', 'sends-email']),
  llm: t(['language-model'], { description: 'A large language model (hosted or self-run).' }),
  'llm-provider': t(['language-model', 'third-party']),
  'model-registry': t(['artifact-store']),
};

/** Built-in protocols. */
export const BUILTIN_PROTOCOLS: Readonly<Entries> = {
  https: t(['http-based'], { encrypted: true }),
  http: t(['http-based'], { encrypted: false }),
  http2: t(['http-based']),
  h2: t([], { extends: 'http2' }),
  grpc: t(['http-based']),
  grpcs: t(['http-based'], { encrypted: true }),
  graphql: t(['http-based']),
  rest: t(['http-based']),
  soap: t(['http-based', 'carries-xml']),
  wss: t(['http-based', 'websocket'], { encrypted: true }),
  ws: t(['http-based', 'websocket'], { encrypted: false }),
  websocket: t(['http-based', 'websocket']),
  tls: t([], { encrypted: true }),
  mtls: t([], { encrypted: true }),
  sql: t([]),
  postgres: t([]),
  mysql: t([]),
  jdbc: t([]),
  ldap: t([], { encrypted: false }),
  ldaps: t([], { encrypted: true }),
  smtp: t([]),
  smtps: t([], { encrypted: true }),
  amqp: t([], { encrypted: false }),
  amqps: t([], { encrypted: true }),
  kafka: t([]),
  mqtt: t([], { encrypted: false }),
  mqtts: t([], { encrypted: true }),
  ssh: t(['remote-admin'], { encrypted: true }),
  sftp: t([], { encrypted: true }),
  ftp: t([], { encrypted: false }),
  ftps: t([], { encrypted: true }),
  rdp: t(['remote-admin'], { encrypted: true }),
  telnet: t(['remote-admin'], { encrypted: false }),
  redis: t([]),
  rediss: t([], { encrypted: true }),
  dns: t([], { encrypted: false }),
  s3: t(['http-based'], { encrypted: true }),
  ipc: t([]),
  'in-process': t([]),
};

export const KIND_CAPABILITIES: Readonly<Record<ComponentKind, readonly Capability[]>> = {
  process: ['executes-code'],
  datastore: ['holds-data'],
  'external-entity': ['is-external'],
};

export interface ResolvedEntry {
  readonly name: string;
  readonly capabilities: ReadonlySet<string>;
  readonly encrypted: boolean | undefined;
  /** The chain of names it was resolved through, e.g. ['postgres', 'database']. */
  readonly chain: readonly string[];
}

export interface Taxonomy {
  type(name: string | undefined): ResolvedEntry | undefined;
  protocol(name: string | undefined): ResolvedEntry | undefined;
  readonly types: ReadonlyMap<string, ResolvedEntry>;
  readonly protocols: ReadonlyMap<string, ResolvedEntry>;
  /** The property catalogue with the model's declared properties (`taxonomy.properties`). */
  readonly properties: ReadonlyMap<string, PropertySpec>;
}

export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

function resolveAll(builtin: Readonly<Entries>, custom: Entries | undefined, section: 'types' | 'protocols', issues: Issue[]): Map<string, ResolvedEntry> {
  const merged = new Map<string, { entry: TaxonomyEntry; custom: boolean }>();
  for (const [k, v] of Object.entries(builtin)) merged.set(k, { entry: v, custom: false });
  for (const [k, v] of Object.entries(custom ?? {})) merged.set(normalizeName(k), { entry: v, custom: true });
  const out = new Map<string, ResolvedEntry>();
  const resolving = new Set<string>();
  const resolve = (name: string): ResolvedEntry | undefined => {
    const done = out.get(name);
    if (done) return done;
    const found = merged.get(name);
    if (!found) return undefined;
    if (resolving.has(name)) {
      issues.push({ code: 'taxonomy-cycle', severity: 'error', message: `${section} "${name}" extends itself through ${[...resolving].join(' → ')}`, path: ['taxonomy', section, name, 'extends'], hint: 'Remove one of the "extends" links.' });
      return undefined;
    }
    resolving.add(name);
    const caps = new Set<string>();
    let encrypted: boolean | undefined;
    let chain: string[] = [name];
    if (found.entry.extends !== undefined) {
      const parentName = normalizeName(found.entry.extends);
      const parent = resolve(parentName);
      if (parent) {
        for (const c of parent.capabilities) caps.add(c);
        encrypted = parent.encrypted;
        chain = [name, ...parent.chain];
      } else if (!merged.has(parentName)) {
        issues.push({ code: 'taxonomy-unknown-parent', severity: 'warning', message: `${section} "${name}" extends "${found.entry.extends}", which is not defined`, path: ['taxonomy', section, name, 'extends'], hint: `Define "${found.entry.extends}" under taxonomy.${section}, or extend a built-in one (see \`threatwright rules --taxonomy\`).` });
      }
    }
    for (const c of found.entry.capabilities) caps.add(c);
    for (const c of found.entry.remove ?? []) caps.delete(c);
    if (found.entry.encrypted !== undefined) encrypted = found.entry.encrypted;
    resolving.delete(name);
    const entry: ResolvedEntry = { name, capabilities: caps, encrypted, chain };
    out.set(name, entry);
    return entry;
  };
  for (const k of merged.keys()) resolve(k);
  return out;
}

/** The built-in taxonomy merged with the model's `taxonomy:` section. Problems are returned as issues. */
export function buildTaxonomy(section: Model['taxonomy'], issues: Issue[] = []): Taxonomy {
  const toEntries = (rec: Record<string, { extends?: string | undefined; capabilities?: string[] | undefined; remove?: string[] | undefined; encrypted?: boolean | undefined; description?: string | undefined }> | undefined): Entries | undefined =>
    rec
      ? Object.fromEntries(
          Object.entries(rec).map(([k, v]) => [
            k,
            {
              capabilities: v.capabilities ?? [],
              ...(v.extends !== undefined ? { extends: v.extends } : {}),
              ...(v.remove !== undefined ? { remove: v.remove } : {}),
              ...(v.encrypted !== undefined ? { encrypted: v.encrypted } : {}),
            },
          ]),
        )
      : undefined;
  const types = resolveAll(BUILTIN_TYPES, toEntries(section?.types), 'types', issues);
  const protocols = resolveAll(BUILTIN_PROTOCOLS, toEntries(section?.protocols), 'protocols', issues);
  const cacheT = new Map<string, ResolvedEntry | undefined>();
  const cacheP = new Map<string, ResolvedEntry | undefined>();
  const lookup = (map: Map<string, ResolvedEntry>, cache: Map<string, ResolvedEntry | undefined>, name: string | undefined) => {
    if (name === undefined) return undefined;
    if (cache.has(name)) return cache.get(name);
    const r = map.get(normalizeName(name));
    cache.set(name, r);
    return r;
  };
  return {
    types,
    protocols,
    properties: withDeclared(section?.properties),
    type: (name) => lookup(types, cacheT, name),
    protocol: (name) => lookup(protocols, cacheP, name),
  };
}

let defaultTaxonomy: Taxonomy | undefined;
/** The built-in taxonomy (cached): used when a model has no `taxonomy:` section. */
export function builtinTaxonomy(): Taxonomy {
  defaultTaxonomy ??= buildTaxonomy(undefined);
  return defaultTaxonomy;
}
