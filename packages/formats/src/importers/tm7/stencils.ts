/**
 * How Threat Modeling Tool stencils map to DFD kinds and component types.
 *
 * The kind comes from the generic stencil (GenericTypeId, or the knowledge base's ParentId chain
 * for custom stencils); the type from the stencil's TypeId and its knowledge-base name.
 */

export type StencilRole = 'process' | 'datastore' | 'external-entity' | 'flow' | 'border-boundary' | 'line-boundary' | 'annotation';

const GENERIC_ROLE: Record<string, StencilRole> = {
  'GE.P': 'process',
  'GE.DS': 'datastore',
  'GE.EI': 'external-entity',
  'GE.DF': 'flow',
  'GE.TB.B': 'border-boundary',
  'GE.TB.L': 'line-boundary',
  'GE.A': 'annotation',
};

export interface KnowledgeBaseElement {
  id: string;
  name: string;
  parentId: string | undefined;
}

/** The role of a stencil: from its generic id, else by walking the knowledge base's parents. */
export function stencilRole(genericTypeId: string | undefined, typeId: string | undefined, kb: ReadonlyMap<string, KnowledgeBaseElement>): StencilRole | undefined {
  // The knowledge base is authoritative: some templates file a stencil under another generic
  // element than its TypeId prefix suggests (e.g. SE.P.TMCore.AzureDocumentDB is a data store).
  let current = typeId;
  for (let hops = 0; current !== undefined && hops < 16; hops++) {
    const role = Object.hasOwn(GENERIC_ROLE, current) ? GENERIC_ROLE[current] : undefined;
    if (role) return role;
    current = kb.get(current)?.parentId;
  }
  // Own properties only: the ids come from the file, and "constructor" is no stencil.
  if (genericTypeId && Object.hasOwn(GENERIC_ROLE, genericTypeId)) return GENERIC_ROLE[genericTypeId];
  return undefined;
}

/**
 * Component types (names from core's built-in taxonomy) by keywords in the stencil's TypeId or
 * knowledge-base name, most specific first. Stencils that fit none keep only `tech`.
 *
 * Client types (browser, mobile-app, desktop-app, user) make a component untrusted in the analysis,
 * so they go only to stencils that are clients: a "Managed Application" is a process running .NET
 * code (the SDL template describes it as a .NET Web application), a "Native Application" any
 * Win32/Win64 program, and an "App Service Mobile App" the server side of a mobile app.
 */
const TYPE_RULES: [RegExp, string | undefined][] = [
  [/plug-?in|activex/i, undefined],
  [/html5ls|local storage|cookie/i, undefined],
  [/browser/i, 'browser'],
  [/key ?vault|\bhsm\b/i, 'secrets-manager'],
  [/redis|cache/i, 'cache'],
  [/nosql|non relational|documentdb|cosmos/i, 'nosql-database'],
  [/sql|postgres|mysql|database|\bdb\b/i, 'database'],
  [/cloud ?storage|azure ?storage|blob/i, 'object-store'],
  [/\.FS$|file ?system/i, 'file-system'],
  [/registry|config ?file|configfile/i, 'config-store'],
  [/event ?hub|service ?bus|queue/i, 'queue'],
  [/azure ?ad\b|azuread|adfs|idsrv|identity|auth(orization)? ?provider/i, 'identity-provider'],
  [/gateway|traffic ?manager/i, 'api-gateway'],
  [/web ?api|api ?app|websvc|web service|\bwcf\b/i, 'api'],
  [/web ?server/i, 'web-server'],
  [/web ?app|web application|portal/i, 'web-app'],
  [/app ?service ?mobile ?app|mobile app backend/i, 'api'],
  [/mobile/i, 'mobile-app'],
  [/\.User$|human user/i, 'user'],
  [/netapp|managed application/i, 'service'],
  [/winapp|native application/i, undefined],
  [/thick ?client|store process/i, 'desktop-app'],
  [/\.VM$|virtual machine|\.Host$/i, 'vm'],
  [/win32 ?service|data ?factory|stream analytics|logic apps|web ?job|data explorer|azure ?ml/i, 'service'],
];

/** A component type for a stencil, when one of the known patterns fits. */
export function componentType(typeId: string | undefined, kbName: string | undefined): string | undefined {
  for (const [pattern, type] of TYPE_RULES) {
    if ((typeId !== undefined && pattern.test(typeId)) || (kbName !== undefined && pattern.test(kbName))) return type;
  }
  return undefined;
}

/** Protocol and encryption implied by a data-flow stencil (SDL template: HTTP, HTTPS, IPsec, …). */
export function flowProtocol(typeId: string | undefined, kbName: string | undefined): { protocol?: string; encrypted?: boolean } {
  const key = `${typeId ?? ''} ${kbName ?? ''}`;
  if (/https/i.test(key)) return { protocol: 'https', encrypted: true };
  if (/ipsec/i.test(key)) return { protocol: 'ipsec', encrypted: true };
  if (/\bhttp\b|\.HTTP\b/i.test(key)) return { protocol: 'http', encrypted: false };
  if (/\bsmb\b/i.test(key)) return { protocol: 'smb' };
  if (/\budp\b/i.test(key)) return { protocol: 'udp' };
  if (/\brpc\b|dcom/i.test(key)) return { protocol: 'rpc' };
  if (/named ?pipe/i.test(key)) return { protocol: 'named-pipe' };
  if (/alpc/i.test(key)) return { protocol: 'alpc' };
  if (/ioctl/i.test(key)) return { protocol: 'ioctl' };
  return {};
}
