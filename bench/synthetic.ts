/**
 * Synthetic models for the benchmark: n components, 2n flows, nested boundaries and a realistic
 * mix of types and stated/unstated properties. Deterministic (seeded), so runs are comparable.
 */
import type { Asset, Boundary, Component, Flow, Model } from '../packages/core/src/index.js';

/** A small seeded generator (mulberry32): the same seed gives the same numbers. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTERNAL_TYPES = ['browser', 'browser', 'mobile-app', 'external-service', 'payment-provider', 'analytics', 'email-provider', 'user'];
const PROCESS_TYPES = ['web-app', 'api', 'api', 'service', 'service', 'worker', 'auth-service', 'api-gateway', 'payment-service', 'admin-console', 'agent', 'ci-pipeline'];
const STORE_TYPES = ['database', 'database', 'cache', 'queue', 'object-store', 'log-store', 'search-index', 'secrets-manager', 'vector-store'];
const PROCESS_PROPS = [
  'csrf_protection', 'rate_limiting', 'input_validation', 'parameterized_queries', 'output_encoding', 'mfa', 'mfa_for_admins', 'account_lockout',
  'session_rotation', 'audit_logging', 'verbose_errors', 'secrets_in_vault', 'object_level_authorization', 'dependency_pinning', 'least_privilege',
  'authenticates_users', 'accepts_uploads', 'fetches_urls', 'parses_xml', 'renders_user_content', 'redirects_to_return_url', 'internet_facing',
];
const STORE_PROPS = ['encrypted_at_rest', 'backups', 'public_access', 'least_privilege', 'network_segmentation', 'retention_policy'];
const PROTOCOLS = ['https', 'https', 'https', 'grpc', 'sql', 'http', 'amqp', undefined];
const CLASSES = ['public', 'internal', 'confidential', 'restricted', 'secret'] as const;

export function syntheticModel(n: number, seed = 42): Model {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

  // Boundaries: a forest of nested zones (internet + up to 4 levels), about one per 40 components.
  const boundaries: Boundary[] = [{ id: 'B0', name: 'Internet', trust: 'untrusted' }];
  const nb = Math.max(3, Math.floor(n / 40));
  for (let i = 1; i < nb; i++) {
    const parent = i > 3 ? `B${1 + Math.floor(r() * (i - 1))}` : undefined;
    boundaries.push({ id: `B${i}`, name: `Zone ${i}`, ...(parent ? { parent } : {}), ...(r() < 0.7 ? { trust: pick(['low', 'medium', 'high', 'trusted'] as const) } : {}) });
  }

  const assets: Asset[] = [];
  for (let i = 0; i < Math.max(10, Math.floor(n / 100)); i++) {
    assets.push({ id: `A${i}`, name: `Asset ${i}`, classification: pick(CLASSES), ...(r() < 0.4 ? { personal_data: true } : {}) });
  }

  const components: Component[] = [];
  const externals: string[] = [];
  const processes: string[] = [];
  const stores: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    const id = `C${i}`;
    if (x < 0.1) {
      components.push({ id, name: `External ${i}`, kind: 'external-entity', type: pick(EXTERNAL_TYPES), ...(r() < 0.6 ? { boundary: 'B0' } : {}) });
      externals.push(id);
      continue;
    }
    const isStore = x > 0.7;
    const props: Record<string, boolean> = {};
    for (const key of isStore ? STORE_PROPS : PROCESS_PROPS) {
      const s = r();
      if (s < 0.3) props[key] = true;
      else if (s < 0.5) props[key] = false;
    }
    const own = [pick(assets).id];
    components.push({
      id,
      name: `${isStore ? 'Store' : 'Service'} ${i}`,
      kind: isStore ? 'datastore' : 'process',
      type: pick(isStore ? STORE_TYPES : PROCESS_TYPES),
      boundary: `B${1 + Math.floor(r() * (nb - 1))}`,
      properties: props,
      assets: isStore ? { stored: own } : { processed: own },
      ...(r() < 0.02 ? { out_of_scope: true } : {}),
    });
    (isStore ? stores : processes).push(id);
  }

  const flows: Flow[] = [];
  for (let i = 0; i < 2 * n; i++) {
    const x = r();
    let from: string;
    let to: string;
    if (x < 0.2 && externals.length > 0) [from, to] = [pick(externals), pick(processes)];
    else if (x < 0.6 && stores.length > 0) [from, to] = [pick(processes), pick(stores)];
    else [from, to] = [pick(processes), pick(processes)];
    if (from === to) continue;
    const protocol = pick(PROTOCOLS);
    flows.push({
      id: `F${i}`,
      from,
      to,
      data: [pick(assets).id, ...(r() < 0.3 ? [pick(assets).id] : [])],
      ...(protocol ? { protocol } : {}),
      ...(r() < 0.3 ? { authenticated: r() < 0.7 } : {}),
      ...(r() < 0.2 ? { authorized: r() < 0.6 } : {}),
    });
  }
  return { threatwright: 1, system: { name: `Synthetic ${n}` }, boundaries, assets, components, flows };
}
