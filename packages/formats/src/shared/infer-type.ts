/**
 * Guesses a component's taxonomy type from its name (or, failing that, its description), for
 * importers whose source has no type field: "MySQL database" is a database, "REST API" an api,
 * "Browser" a browser. Pure, and cautious on purpose: a wrong type makes rules fire on the wrong
 * element, so an unclear name gives no guess, and every guess is reported by the importer.
 *
 * How a name is read:
 * - words are matched whole ("db" in "DB", never in "dbus"), case-insensitively, on the first
 *   `MAX_TEXT` characters;
 * - an English compound names its thing last ("Database admin" is a person, "Admin database" a
 *   database), so the match that ends last wins, and a longer phrase wins over a shorter one ending
 *   at the same word ("web application firewall" over "web application");
 * - only plain words may follow that match ("Redis cache cluster", "Background worker process",
 *   "Database (primary)"); any other word may make the element something else or something about
 *   the thing ("Browser extension", "Database credentials", "Mobile backend"), so there is no guess;
 * - a type that does not fit the element's kind (a person drawn as a process, a web app drawn as a
 *   data store) gives no guess either, rather than a second-best one;
 * - of two matches of one family ("MySQL database", "Redis cache"), the more specific type is kept.
 *
 * In a description (prose, where the last word is not the head) every match counts, and a guess is
 * made only when all of them name one family.
 */
import { builtinTaxonomy, type ComponentKind } from '@threatwright/core';

export interface TypeGuess {
  /** A built-in type of the taxonomy. */
  readonly type: string;
  /** The words of the text that gave the guess, as matched (lower case). */
  readonly matched: string;
  readonly from: 'name' | 'description';
}

/** Longest text read; names and the start of a description are far shorter. */
const MAX_TEXT = 2000;

type Kinds = readonly ComponentKind[];
const STORE: Kinds = ['datastore', 'process'];
const PROC: Kinds = ['process'];
const ACTOR: Kinds = ['external-entity'];
const ANY: Kinds = ['external-entity', 'process', 'datastore'];
const CLIENT: Kinds = ['external-entity', 'process'];

interface Pattern {
  /** A regular-expression fragment over lower-case words separated by single spaces; where one alternative starts another, the longer comes first. */
  readonly words: string;
  readonly kinds: Kinds;
  /** The type, or one type per kind where the same words mean different types (an api drawn as an external entity is someone else's). */
  readonly type: string | Partial<Record<ComponentKind, string>>;
}

const p = (words: string, type: Pattern['type'], kinds: Kinds): Pattern => ({ words, type, kinds });

const PATTERNS: readonly Pattern[] = [
  // Databases and other stores.
  p('mysql|mariadb', 'mysql', STORE),
  p('postgres(?:ql|sql)?|postgre sql', 'postgres', STORE),
  p('sql server|mssql|sqlite|oracle (?:db|database)|aurora|rds|sql (?:db|database)', 'sql-database', STORE),
  p('(?:relational )?(?:databases?|dbs?|rdbms|data base)', 'database', STORE),
  p('mongo(?:db)?', 'mongodb', STORE),
  p('couchdb|dynamodb|cosmos ?db|firestore|cassandra|nosql(?: (?:db|database|store))?', 'nosql-database', STORE),
  p('document (?:store|db|database)', 'document-store', STORE),
  p('user (?:store|db|database|table|directory)|accounts? (?:db|database|store)|identity store|credential store', 'user-store', STORE),
  p('redis', 'redis', STORE),
  p('memcached?|caches?|caching(?: layer)?', 'cache', STORE),
  p('s3(?: buckets?)?|aws s3', 's3', STORE),
  p('blob (?:storage|store|container)|azure blob', 'blob-storage', STORE),
  p('buckets?|object (?:store|storage)|gcs|cloud storage', 'object-store', STORE),
  p('file ?shares?|file ?systems?|file (?:store|storage|server)|nfs|shared drive', 'file-store', STORE),
  p('kafka(?: topics?)?', 'kafka', STORE),
  p('message (?:queues?|brokers?|bus)|queues?|mq|rabbitmq|activemq|sqs|event (?:bus|hubs?|stream)|pub ?sub|kinesis', 'queue', STORE),
  p('log (?:store|storage|files?|database|db)|audit (?:logs?|trail)|logging|logs?', 'logs', STORE),
  p('siem|splunk', 'siem', STORE),
  p('elasticsearch|elastic search|opensearch|solr', 'elasticsearch', STORE),
  p('search (?:index|engine)', 'search-index', STORE),
  p('(?:hashicorp )?vault|key ?vault', 'vault', STORE),
  p('kms|key management(?: service)?|hsm', 'kms', STORE),
  p('secrets? (?:manager|store|storage)', 'secrets-manager', STORE),
  p('config(?:uration)?(?: (?:store|files?|db|database|server))?|settings|parameter store', 'config-store', STORE),
  p('ldap|active directory|directory service', 'ldap', STORE),
  p('vector (?:store|database|db|index)|pinecone|weaviate', 'vector-store', STORE),
  p('container registry|docker registry|ecr', 'container-registry', STORE),
  p('package registry|artifact (?:registry|repository|store)|artifactory|nexus', 'artifact-registry', STORE),
  p('(?:git|source(?: code)?|code) (?:repo|repository)|git repo', 'repository', STORE),
  // Server-side processes.
  p('web ?app(?:lication)?s?|web ?sites?|web portal|web ui|web front ?end', 'web-app', PROC),
  p('web server', 'web-server', PROC),
  p('spa|single page app(?:lication)?', 'spa', PROC),
  p('(?:rest(?:ful)?|http|json|web|cloud|public|backend|back end|internal|partner|third party)? ?apis?|web services?|rest services?', { process: 'api', 'external-entity': 'third-party-api' }, CLIENT),
  p('graphql(?: (?:api|endpoint|server|service))?', 'graphql-api', PROC),
  p('grpc(?: (?:api|service|server))?', 'grpc-service', PROC),
  p('backend for frontend|bff', 'backend-for-frontend', PROC),
  p('api gateway', 'api-gateway', PROC),
  p('load ?balancers?|elb|alb', 'load-balancer', PROC),
  p('reverse proxy|proxy|nginx|haproxy|envoy', 'reverse-proxy', PROC),
  p('waf|web application firewall', 'waf', PROC),
  p('cdn|content delivery network|cloudfront|akamai|fastly', 'cdn', ANY),
  p('auth(?:entication|orization|orisation)? (?:service|server|api)|login service|sign ?in service|sso(?: service)?|token service|sts|oauth(?: 2)? server', 'auth-service', PROC),
  p('identity (?:provider|service|platform)|idp|okta|auth0|keycloak|azure ad|entra id|cognito|oidc provider|saml idp', 'identity-provider', CLIENT),
  p('payments? (?:service|api|processing)|checkout service|billing service', { process: 'payment-service' }, PROC),
  p('payments? (?:provider|processor|service provider|platform)|psp|stripe|paypal|adyen|braintree|card processor|acquirer', { process: 'payment-service', 'external-entity': 'payment-provider' }, CLIENT),
  p('payment gateway', { process: 'payment-service', 'external-entity': 'payment-gateway' }, CLIENT),
  p('e ?mail (?:service|server|sender|relay|gateway)|mail (?:server|service|relay)|smtp(?: (?:server|relay|service))?|mailer', { process: 'email-service', 'external-entity': 'email-provider' }, CLIENT),
  p('e ?mail provider|mail provider|sendgrid|mailgun|mailchimp|postmark|amazon ses', 'email-provider', ACTOR),
  p('(?:background )?workers?|background (?:jobs?|process|service)|job (?:runner|processor)|scheduler|cron(?: job)?', 'worker', PROC),
  p('lambda(?: functions?)?|serverless(?: functions?)?|cloud functions?|azure functions?', 'lambda', PROC),
  p('admin (?:console|panel|portal|ui|dashboard|interface|site|app)|back ?office', 'admin-console', PROC),
  p('ci ?/ ?cd|ci(?: ?cd)?|build (?:pipeline|server)|deploy(?:ment)? pipeline|jenkins|github actions|gitlab ci', 'ci-pipeline', PROC),
  p('kubernetes|k8s|eks|aks|gke|openshift', 'kubernetes', PROC),
  p('(?:large )?language models?|llms?', { process: 'llm', 'external-entity': 'llm-provider' }, CLIENT),
  p('openai|azure openai|anthropic', 'llm-provider', ACTOR),
  p('(?:ai|llm) agents?', 'agent', PROC),
  p('(?:google )?analytics', 'analytics', ACTOR),
  p('tag manager', 'tag-manager', ACTOR),
  // Clients.
  p('(?:web )?browsers?', 'browser', CLIENT),
  p('mobile (?:app(?:lication)?s?|client|device)|(?:ios|android|iphone|smartphone|phone) app(?:lication)?s?|mobile', 'mobile-app', CLIENT),
  p('desktop (?:app(?:lication)?s?|client)|thick client|native app|electron app', 'desktop-app', CLIENT),
  // People (only ever external entities: a person drawn as a process gets no guess).
  p('customers?|shoppers?|buyers?', 'customer', ACTOR),
  p('(?:end )?users?|person|people|employees?|staff|visitors?|members?|patients?|students?|players?|humans?', 'user', ACTOR),
  p('admins?|administrators?|dbas?|sysadmins?|operators?|superusers?|root user|support (?:staff|agents?|engineers?)', 'admin', ACTOR),
  p('attackers?|hackers?|adversar(?:y|ies)|malicious (?:users?|actors?)|threat actors?', 'attacker', ACTOR),
];

/** Words that may follow the head of a name without changing what it names. */
const PLAIN = new Set(
  'service services server servers cluster clusters instance instances node nodes process processes system systems tier layer host hosts primary secondary replica replicas master main prod production staging dev test internal external legacy new old managed hosted self on premise premises aws azure gcp google amazon cloud'.split(' '),
);
const VERSION = /^(?:v?\d+(?:\.\d+)*|[a-z])$/;

/**
 * Words that, following a match in prose, make it something about the thing rather than the thing:
 * "Browser extension", "Database credentials", "Queue consumer", "Log parser".
 */
const ABOUT = new Set(
  'extension extensions plugin plugins plug addon addons add driver drivers sdk library libraries lib connector connectors client clients credentials credential password passwords secret secrets token tokens key keys schema schemas backup backups dump dumps export exports migration migrations mock emulator simulator team teams owner owners engineer engineers developer developers analyst analysts consumer consumers producer producers publisher publishers subscriber subscribers listener listeners reader readers writer writers poller importer exporter loader cleaner watcher monitor monitoring replicator parser parsers analyzer analyser viewer shipper forwarder agent agents tool tools script scripts docs documentation test tests'.split(' '),
);

interface Compiled {
  readonly re: RegExp;
  readonly pattern: Pattern;
}
let compiled: readonly Compiled[] | undefined;
function patterns(): readonly Compiled[] {
  compiled ??= PATTERNS.map((pattern) => ({ pattern, re: new RegExp(`(?<![a-z0-9])(?:${pattern.words})(?![a-z0-9])`, 'g') }));
  return compiled;
}

/** Lower case, with every run of other characters as one space: "Web\nApplication (v2)" → "web application v2". */
export function normalizeWords(text: string): string {
  return text
    .slice(0, MAX_TEXT)
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim();
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly pattern: Pattern;
}

function matches(text: string): Match[] {
  const out: Match[] = [];
  for (const { re, pattern } of patterns()) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].trim() === '') {
        re.lastIndex++;
        continue;
      }
      const lead = m[0].length - m[0].trimStart().length;
      out.push({ start: m.index + lead, end: m.index + m[0].trimEnd().length, text: m[0].trim(), pattern });
    }
  }
  return out;
}

function typeFor(pattern: Pattern, kind: ComponentKind): string | undefined {
  if (!pattern.kinds.includes(kind)) return undefined;
  return typeof pattern.type === 'string' ? pattern.type : pattern.type[kind];
}

/** The built-in chain of a type: ['mysql', 'database']. */
function chain(type: string): readonly string[] {
  return builtinTaxonomy().type(type)?.chain ?? [type];
}

/** Of types of one family, the most specific; undefined when they are of different families. */
function oneFamily(types: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const t of types) {
    if (best === undefined || chain(t).includes(best)) best = t;
    else if (!chain(best).includes(t)) return undefined;
  }
  return best;
}

function onlyPlainWordsAfter(text: string, end: number): boolean {
  const rest = text.slice(end).trim();
  return rest === '' || rest.split(' ').every((w) => PLAIN.has(w) || VERSION.test(w));
}

function fromName(name: string, kind: ComponentKind): { type: string; matched: string } | undefined {
  const text = normalizeWords(name);
  const found = matches(text);
  if (found.length === 0) return undefined;
  // The head: the match ending last, the longest of those.
  let head = found[0] as Match;
  for (const m of found) if (m.end > head.end || (m.end === head.end && m.start < head.start)) head = m;
  if (!onlyPlainWordsAfter(text, head.end)) return undefined;
  const headType = typeFor(head.pattern, kind);
  if (!headType) return undefined;
  // A more specific type of the same family earlier in the name ("MySQL database") refines it.
  let type = headType;
  let matched = head.text;
  for (const m of found) {
    const t = m === head ? undefined : typeFor(m.pattern, kind);
    if (t && t !== type && chain(t).includes(type)) {
      type = t;
      matched = text.slice(Math.min(m.start, head.start), Math.max(m.end, head.end));
    }
  }
  return { type, matched };
}

function fromDescription(description: string, kind: ComponentKind): { type: string; matched: string } | undefined {
  const text = normalizeWords(description);
  const types: string[] = [];
  const words: string[] = [];
  for (const m of matches(text)) {
    const next = text.slice(m.end).trimStart().split(' ', 1)[0] ?? '';
    if (ABOUT.has(next)) continue;
    const t = typeFor(m.pattern, kind);
    // A word that names a thing this element cannot be (a person, for a data store) makes the prose unclear.
    if (!t) return undefined;
    types.push(t);
    words.push(m.text);
  }
  const type = types.length > 0 ? oneFamily(types) : undefined;
  return type ? { type, matched: [...new Set(words)].join(', ') } : undefined;
}

/** The type a component's name (else its description) suggests for its kind, or undefined when unclear. */
export function inferType(kind: ComponentKind, name: string | undefined, description?: string): TypeGuess | undefined {
  const byName = name ? fromName(name, kind) : undefined;
  if (byName) return { ...byName, from: 'name' };
  // A name that names something else ("Database admin") is not overruled by its description.
  if (name && matches(normalizeWords(name)).length > 0) return undefined;
  const byDescription = description ? fromDescription(description, kind) : undefined;
  return byDescription ? { ...byDescription, from: 'description' } : undefined;
}

/** Types whose elements are clients of the system (people's browsers and apps), not parts of it. */
export const CLIENT_TYPES: ReadonlySet<string> = new Set(['browser', 'mobile-app', 'desktop-app']);

/** Capabilities of types that are places data rests (a database, a bucket, a log store, a cache), whatever shape draws them. */
const STORE_CAPABILITIES: readonly string[] = ['sql-queryable', 'object-store', 'log-store', 'may-contain-secrets'];
const STORE_TYPE_NAMES: ReadonlySet<string> = new Set(['cache', 'redis', 'memcached', 'key-value-store', 'file-share']);

/** Whether elements of the type are data stores (databases, buckets, log stores, caches), so a process drawn for one is a store. */
export function isStoreType(type: string): boolean {
  const entry = builtinTaxonomy().type(type);
  if (entry === undefined) return false;
  if (entry.chain.some((t) => STORE_TYPE_NAMES.has(t))) return true;
  return STORE_CAPABILITIES.some((k) => entry.capabilities.has(k));
}
