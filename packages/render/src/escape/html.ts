/** The one escaper for HTML and SVG/XML text and attribute values. */
import { neutralise } from './text.js';

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML/XML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return (
    neutralise(text)
      .replace(/[&<>"']/gu, (ch) => ENTITY[ch] ?? ch)
      // A line starting with "::" is a workflow command when the page is printed in a CI log.
      .replace(/(^|\n)([ \t]*):/gu, '$1$2&#58;')
  );
}

/** Tagged template: interpolated values are escaped; use `raw()` for markup built by this package. */
export function html(strings: TemplateStringsArray, ...values: (string | number | Raw | readonly Raw[] | undefined)[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    if (typeof v === 'number') out += String(v);
    else if (typeof v === 'string') out += escapeHtml(v);
    else if (v instanceof Raw) out += v.value;
    else if (v !== undefined) out += v.map((r) => r.value).join('');
    out += strings[i + 1] ?? '';
  });
  return new Raw(out);
}

/** Markup that has already been escaped (or was produced by a trusted renderer such as Graphviz). */
export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function raw(markup: string): Raw {
  return new Raw(markup);
}
