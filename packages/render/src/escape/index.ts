/**
 * Escaping, one helper per output format. Renderers never escape by hand: every piece of model
 * text goes through the helper of the format being written.
 */
export { neutralise, oneLine, truncate, visible, wrap } from './text.js';
export { terminalFilter, terminalLine, terminalText } from './terminal.js';
export { escapeHtml, html, raw, Raw } from './html.js';
export { mdText, mdCell, mdBlock, mdCode, mdLink, mdAnchor } from './markdown.js';
export { csvField, csvRow } from './csv.js';
export { dotString, dotId, dotHtml } from './dot.js';
export { mermaidText, mermaidLabel, MermaidIds } from './mermaid.js';
