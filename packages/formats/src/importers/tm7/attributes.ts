/**
 * What a Threat Modeling Tool attribute means for the analysis.
 *
 * Stencils carry attributes: fixed values of the stencil (the SDL template's HTTPS flow "Provides
 * Confidentiality: Yes", a web server's "Code Type: Managed") and lists people choose from (the
 * Azure template's "Azure Postgres DB TLS Enforced", "Firewall Settings", "CORS Enabled"). Those
 * with a meaning in the property catalogue become facts — of the element itself, of the flow, or of
 * the flows the element sends or answers — and the rest stay as plain properties. Attributes are
 * matched by display name, so custom templates using the same words are read alike.
 *
 * A value that does not settle a fact is not turned into one: "TLS Enforced: False" does not make a
 * client's connection unencrypted, "CORS Enabled: True" does not say for which origins, "Destination
 * Authenticated" speaks of the receiver, not the sender. Such readings come back as `declined`, so
 * the import report can say why the analysis still asks.
 */
import type { StencilRole } from './stencils.js';

export type FlowField = 'encrypted' | 'authenticated';

/**
 * Which flows an element's attribute speaks for:
 * - `callers`: the requests it receives (flows into it, except answers and reads from data stores);
 * - `connections`: those and its answers on the same connections (a data store's outgoing flows,
 *   a process's response flows);
 * - `sent`: every flow it sends.
 */
export type FlowScope = 'callers' | 'connections' | 'sent';

export interface AttributeReading {
  /** Catalogued properties of the element itself. */
  properties?: Record<string, boolean>;
  /** A field of the flow the attribute belongs to. */
  field?: { field: FlowField; value: boolean };
  /** A field of the element's flows. */
  flows?: { scope: FlowScope; field: FlowField; value: boolean };
  /** The attribute also stays as a plain property: it says more than the facts drawn from it. */
  keepRaw: boolean;
  /** Why these facts follow, when it is a reading of the attribute rather than a one-to-one mapping. */
  reading?: string;
  /** Why no fact follows from a chosen value that sounds like one. */
  declined?: string;
}

/** `True`/`Yes`/`Enabled` → true; `False`/`No`/`Disabled` → false; anything else → undefined. */
export function yesNo(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes' || v === 'enabled' || v === 'on') return true;
  if (v === 'false' || v === 'no' || v === 'disabled' || v === 'off') return false;
  return undefined;
}

const norm = (displayName: string) => displayName.toLowerCase().replace(/[\s_]+/g, ' ').trim();

/** SDL-template attributes that are one catalogued property of the element, by role. */
const ONE_TO_ONE: Partial<Record<StencilRole, Record<string, string>>> = {
  datastore: { encrypted: 'encrypted_at_rest', backup: 'backups' },
  process: { 'sanitizes input': 'input_validation', 'sanitizes output': 'output_encoding' },
};

const TLS_REQUIRED = /\b(?:tls|ssl|https)\b.*\b(?:enforced|required|only)\b|\benforce (?:ssl|tls|https)\b|\bsecure transfer required\b/;
const FIREWALL = /\bfirewall\b|\bnetwork security\b|\bnetwork[ -]level access\b|\bnw level access\b|\bnetwork access\b|\bpublic network access\b/;
const ALL_NETWORKS = /\ball networks\b|\bany ip\b|\ball ips?\b|\bany network\b/i;
const CHOSEN_NETWORKS = /\bselected\b|\bselective\b|\bspecific\b|\bonly\b|\bprivate endpoints?\b/i;
const AT_REST = /\btde\b|\btransparent data encryption\b|\bencryption at rest\b|\bencrypted at rest\b/;
const AUDIT = /\baudit(?:ing)?\b.*\benabled\b|\baudit logging\b/;
const XML = /\bprocesses xml\b|\bparses xml\b/;
const CALLER_AUTH = /^authenticating to\b|\bclient credential type\b|\bauthentication (?:method|type|mode)\b/;

/** How one attribute with a chosen or fixed value reads, or undefined when it is a plain property. */
export function readAttribute(role: StencilRole, displayName: string, value: string): AttributeReading | undefined {
  const name = norm(displayName);
  const b = yesNo(value);
  const server = role === 'process' || role === 'datastore';

  if (role === 'flow') {
    if (name === 'provides confidentiality' && b !== undefined) return { field: { field: 'encrypted', value: b }, keepRaw: false };
    if (name === 'source authenticated' && b !== undefined) return { field: { field: 'authenticated', value: b }, keepRaw: false };
    if (name === 'destination authenticated' && b !== undefined) {
      return { keepRaw: true, declined: 'it says whether the receiver proves who it is (e.g. by its TLS certificate), not the sender: `authenticated` is left unstated' };
    }
    return undefined;
  }

  const oneToOne = ONE_TO_ONE[role];
  if (oneToOne && Object.hasOwn(oneToOne, name) && b !== undefined) {
    const key = oneToOne[name];
    if (key !== undefined) return { properties: { [key]: b }, keepRaw: false };
  }

  if (role === 'external-entity' && name === 'authenticates itself' && b !== undefined) {
    return { flows: { scope: 'sent', field: 'authenticated', value: b }, keepRaw: true, reading: b ? 'it authenticates itself, so the sender of each flow it sends is authenticated' : 'it does not authenticate itself, so the sender of each flow it sends is not authenticated' };
  }
  if (!server) return undefined;

  if (TLS_REQUIRED.test(name) && b !== undefined) {
    if (b) return { flows: { scope: 'connections', field: 'encrypted', value: true }, keepRaw: true, reading: 'every connection to it must use TLS, so the flows to and from it are encrypted' };
    return { keepRaw: true, declined: 'TLS is not enforced, but a client may still use it: the encryption of its flows is left unstated' };
  }
  if (FIREWALL.test(name)) {
    // "Public network access: Enabled/Disabled" states it with a yes/no; firewall lists with words.
    const publicSwitch = /\bpublic network access\b/.test(name);
    if (ALL_NETWORKS.test(value) || (publicSwitch && b === true)) {
      return { properties: { internet_facing: true, network_segmentation: false }, keepRaw: true, reading: 'it accepts connections from all networks, the internet included' };
    }
    if (CHOSEN_NETWORKS.test(value) || (publicSwitch && b === false)) return { properties: { network_segmentation: true }, keepRaw: true, reading: 'it accepts connections only from chosen networks' };
    return { keepRaw: true, declined: 'the setting neither opens it to all networks nor limits it to chosen ones: whether it is reachable from the internet and network access is restricted are left unstated' };
  }
  if (/\bcors\b/.test(name) && b !== undefined) {
    if (b) return { keepRaw: true, declined: 'cross-origin requests are allowed, but from which origins is not stated: cors_restricted is left unstated' };
    if (role === 'process') return { properties: { cors_restricted: true }, keepRaw: true, reading: 'no cross-origin requests are allowed at all, so none come from an origin outside a list' };
    return undefined;
  }
  if (role === 'datastore' && AT_REST.test(name) && b !== undefined) {
    return { properties: { encrypted_at_rest: b }, keepRaw: false, reading: b ? 'Transparent Data Encryption encrypts the stored data' : 'Transparent Data Encryption is off' };
  }
  if (AUDIT.test(name) && b !== undefined) return { properties: { audit_logging: b }, keepRaw: false };
  if (role === 'process' && XML.test(name) && b !== undefined) return { properties: { parses_xml: b }, keepRaw: false };
  if (CALLER_AUTH.test(name)) {
    const none = /^\s*(?:none|anonymous)\s*$/i.test(value);
    return {
      flows: { scope: 'callers', field: 'authenticated', value: !none },
      keepRaw: true,
      reading: none ? 'its callers do not authenticate' : `its callers authenticate (${value.trim()})`,
    };
  }
  if (role === 'process' && name === 'identity provider') {
    return { keepRaw: true, declined: `its callers sign in with ${value.trim()}, but which of its flows carry a token is not stated: \`authenticated\` is left to the analysis` };
  }
  return undefined;
}
