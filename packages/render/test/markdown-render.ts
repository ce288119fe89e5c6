/**
 * Renders Markdown the way a GFM renderer does (marked, with tables, strikethrough, task lists and
 * autolinks), so tests can assert what a reader sees instead of how the source is spelled.
 */
import { Marked } from 'marked';

const gfm = new Marked({ gfm: true, breaks: false });

export function renderGfm(markdown: string): string {
  return gfm.parse(markdown, { async: false });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The text of rendered HTML: tags dropped, the entities marked writes decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/gu, '')
    .replace(/&(amp|lt|gt|quot|#39);/gu, (_m, e: string) => ENTITIES[e] ?? '')
    .trim();
}

/** The tag names in rendered HTML, in order. */
export function tagsOf(html: string): string[] {
  return Array.from(html.matchAll(/<\/?([a-z][a-z0-9]*)/giu), (m) => (m[1] ?? '').toLowerCase());
}
