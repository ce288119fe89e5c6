/**
 * The one escaper for Mermaid. Labels are always double-quoted, and every character Mermaid
 * (or the Markdown fence around it) could read as syntax is written as a Mermaid entity code
 * (`#35;`), which Mermaid renders as the character itself.
 */
import { oneLine } from './text.js';

const CODES: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  '%': '#37;',
  '\\': '#92;',
  '{': '#123;',
  '}': '#125;',
};

/** The inside of a quoted Mermaid label; several lines are joined with <br>. */
export function mermaidText(...lines: string[]): string {
  return lines.map((line) => oneLine(line).replace(/["#&<>`%\\{}]/gu, (ch) => CODES[ch] ?? ch)).join('<br>');
}

/** A quoted label: `"…"`. */
export function mermaidLabel(...lines: string[]): string {
  return `"${mermaidText(...lines)}"`;
}

/**
 * Mermaid node ids allow only letters, digits and "_" and must not be keywords such as `end`;
 * this gives each model id a stable, unique, safe id.
 */
export class MermaidIds {
  private readonly byKey = new Map<string, string>();
  private readonly used = new Set<string>();

  get(prefix: string, id: string): string {
    const key = `${prefix}\u0000${id}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const base = `${prefix}_${id.replace(/[^A-Za-z0-9]/gu, '_')}`;
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}_${n}`;
    this.byKey.set(key, candidate);
    this.used.add(candidate);
    return candidate;
  }
}
