/** The marker that ties a tracker issue to a threat: `threatwright:fingerprint=<fp> hash=<h>`. */
const MARKER = /threatwright:fingerprint=([A-Za-z0-9%._~!*'()+:@-]+)(?:\s+hash=([0-9a-f]{8}))?/u;

export function markerText(fingerprint: string, hash: string): string {
  return `threatwright:fingerprint=${encodeURIComponent(fingerprint)} hash=${hash}`;
}

/** Finds our marker in an issue's text; undefined when the issue is not one we opened. */
export function parseMarker(text: string | null | undefined): { fingerprint: string; hash: string | undefined } | undefined {
  const m = MARKER.exec(text ?? '');
  if (!m?.[1]) return undefined;
  try {
    return { fingerprint: decodeURIComponent(m[1]), hash: m[2] };
  } catch {
    return undefined;
  }
}
