/**
 * Threat Dragon's checkboxes, written from what the model means rather than from property names:
 * the same capabilities, assets and trust the analysis reads, whatever produced the model.
 *
 * - `providesAuthentication`: the element signs users in (`authenticates_users: true`, or a type
 *   with the authenticates-users capability);
 * - `storesCredentials`: it stores an asset of type credentials or password;
 * - `handlesCardPayment`: it processes or stores a payment-card asset;
 * - `isEncrypted`: `encrypted_at_rest` on a store; on a flow, `encrypted`, else what its protocol implies;
 * - `isALog`: the log-store capability (type logs, …); `isWebApplication`: the web-application capability;
 * - `isPublicNetwork`: the flow crosses an untrusted boundary that encloses nothing (a line drawn
 *   across flows, such as the "Public network" our importer adds for this flag);
 * - `isBidirectional`: `bidirectional: true`.
 *
 * Threat Dragon shows each kind of cell its own checkboxes; a flag that holds for an element of
 * another kind (a process that signs users in) is still written on its cell, so nothing is lost.
 */
import { buildGraph, TRUST_LEVELS, type Component, type Flow, type Model } from '@threatwright/core';

type Json = Record<string, unknown>;

const CREDENTIAL_TYPES = new Set(['credentials', 'credential', 'password', 'passwords']);
const CARD_TYPES = new Set(['payment-card', 'payment-cards', 'card', 'cards']);

/** The checkboxes Threat Dragon gives each kind of cell (it writes them all, false when unticked). */
const OWN_FLAGS = {
  'external-entity': ['providesAuthentication'],
  process: ['handlesCardPayment', 'handlesGoodsOrServices', 'isWebApplication'],
  datastore: ['isALog', 'storesCredentials', 'isEncrypted', 'isSigned', 'storesInventory'],
} as const satisfies Record<Component['kind'], readonly string[]>;

export interface Meaning {
  /** Threat Dragon's fields for a component's cell data. */
  component(c: Component): Json;
  /** Threat Dragon's flags for a flow's cell data. */
  flow(f: Flow): Json;
  /** Boundaries that enclose no component but that flows cross: lines, not boxes. */
  readonly lines: ReadonlySet<string>;
  /** Of those, the untrusted ones: crossing one is going over a public network. */
  readonly publicNetworks: ReadonlySet<string>;
}

export function meaningOf(model: Model): Meaning {
  const graph = buildGraph(model);
  const assetType = new Map<string, string>();
  for (const a of model.assets ?? []) if (a.type !== undefined) assetType.set(a.id, a.type.trim().toLowerCase());
  const isType = (types: ReadonlySet<string>) => (id: string) => types.has(assetType.get(id) ?? '');

  // A boundary encloses what sits in it or in a boundary inside it.
  const parent = new Map((model.boundaries ?? []).map((b) => [b.id, b.parent]));
  const enclosing = new Set<string>();
  for (const c of model.components ?? []) {
    for (let b = c.boundary; b !== undefined && !enclosing.has(b); b = parent.get(b)) enclosing.add(b);
  }
  const known = new Set((model.boundaries ?? []).map((b) => b.id));
  const lines = new Set<string>();
  for (const f of model.flows ?? []) for (const b of f.crosses ?? []) if (known.has(b) && !enclosing.has(b)) lines.add(b);
  const publicNetworks = new Set<string>();
  for (const id of lines) {
    const node = graph.boundaries.get(id);
    if (node?.trustKnown && node.trust <= TRUST_LEVELS.untrusted) publicNetworks.add(id);
  }

  return {
    lines,
    publicNetworks,
    component(c) {
      const p = c.properties ?? {};
      const caps = graph.component(c.id)?.capabilities;
      const stored = c.assets?.stored ?? [];
      const processed = c.assets?.processed ?? [];
      // The raw names are what earlier versions of our importer wrote for these checkboxes.
      const flags: Record<string, boolean> = {
        providesAuthentication: caps?.has('authenticates-users') === true || p['provides_authentication'] === true,
        handlesCardPayment: processed.some(isType(CARD_TYPES)) || stored.some(isType(CARD_TYPES)) || p['handles_card_payment'] === true,
        handlesGoodsOrServices: p['handles_goods_or_services'] === true,
        isWebApplication: caps?.has('web-application') === true,
        isALog: caps?.has('log-store') === true,
        storesCredentials: stored.some(isType(CREDENTIAL_TYPES)) || p['stores_credentials'] === true,
        isEncrypted: c.kind === 'datastore' && p['encrypted_at_rest'] === true,
        isSigned: p['signed'] === true,
        storesInventory: p['stores_inventory'] === true,
      };
      const own: readonly string[] = OWN_FLAGS[c.kind];
      const data: Json = {};
      for (const [flag, value] of Object.entries(flags)) if (own.includes(flag) || value) data[flag] = value;
      if (c.kind === 'process') data['privilegeLevel'] = typeof p['privilege_level'] === 'string' ? p['privilege_level'] : '';
      return data;
    },
    flow(f) {
      return {
        isBidirectional: f.bidirectional === true,
        isEncrypted: graph.flow(f.id)?.encrypted === true,
        isPublicNetwork: (f.crosses ?? []).some((b) => publicNetworks.has(b)) || f.properties?.['public_network'] === true,
      };
    },
  };
}
