/**
 * User text quoted in a message: control characters (which could move the cursor or recolour a
 * terminal) and bidirectional overrides (which could make text read differently than it is) are
 * shown as escapes, and very long text is cut. Every output format escapes again for its own syntax.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
