/**
 * A linear, non-recursive estimate of how deeply a YAML/JSON text nests. The loader's limit on
 * nesting is checked on what js-yaml reads (source.ts: `measure`); this estimate only guards the
 * slower yaml library, which recurses on nesting, when it is asked to explain a syntax error: a text
 * the estimate finds too deep gets js-yaml's error instead, so an over-count costs a plainer message,
 * never a refused model.
 *
 * Flow brackets count where YAML starts a collection, block collections count by indentation and by
 * compact indicators (`- - x`, `- a: b`). The estimate may over-count a little (a `[` starting a plain
 * continuation line). As a backstop against text crafted to mislead the estimate, brackets are also
 * counted blindly (quotes and comments included) against a much higher limit.
 */

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const SQUOTE = 39;
const DQUOTE = 34;

function isBlank(c: number): boolean {
  return Number.isNaN(c) || c === SPACE || c === TAB || c === LF || c === CR;
}
function isFlowDelimiter(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** Returns the offset at which nesting first exceeds `limit`, or undefined when it never does. */
export function findExcessiveNesting(text: string, limit: number, blindLimit = Math.max(limit * 8, 1000)): number | undefined {
  return blindBrackets(text, blindLimit) ?? estimate(text, limit);
}

function blindBrackets(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 91 || c === 123) {
      if (++depth > limit) return k;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

function estimate(text: string, limit: number): number | undefined {
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  let quote = 0; // 0, or the char code of the open quote
  let quoteIndent = -1; // indentation of the line where a block-context quote opened
  let blockScalarIndent = -1;
  let tokenStart = true;
  let afterValue = false; // the previous token was a quoted scalar or a closed flow collection
  let i = 0;
  while (i < n) {
    let ind = 0;
    while (text.charCodeAt(i + ind) === SPACE) ind++;
    let k = i + ind;
    const first = text.charCodeAt(k);
    const blankLine = first === LF || first === CR || Number.isNaN(first);
    if (quote !== 0 && flow === 0 && !blankLine && ind <= quoteIndent) quote = 0; // YAML would not continue that quote here
    if (quote === 0 && blockScalarIndent >= 0) {
      if (blankLine || ind > blockScalarIndent) {
        i = lineEnd(text, k) + 1;
        continue;
      }
      blockScalarIndent = -1;
    }
    let lineDepth = indents.length;
    if (quote === 0 && flow === 0) {
      if (blankLine || first === 35 /* # */) {
        i = lineEnd(text, k) + 1;
        continue;
      }
      if (text.startsWith('---', k) && isBlank(text.charCodeAt(k + 3))) k += 3;
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= ind) indents.pop();
      indents.push(ind);
      lineDepth = indents.length;
      tokenStart = true;
      afterValue = false;
      if (lineDepth > limit) return k;
    }
    for (; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === LF) break;
      if (quote !== 0) {
        if (quote === SQUOTE) {
          if (c === SQUOTE) {
            if (text.charCodeAt(k + 1) === SQUOTE) k++;
            else quote = 0;
          }
        } else if (c === 92 /* \ */) k++;
        else if (c === DQUOTE) quote = 0;
        if (quote === 0) {
          tokenStart = false;
          afterValue = true;
        }
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) continue;
      if (c === 35 /* # */ && isBlank(text.charCodeAt(k - 1))) {
        k = lineEnd(text, k) - 1;
        continue;
      }
      if (tokenStart && (c === SQUOTE || c === DQUOTE)) {
        quote = c;
        quoteIndent = ind;
        continue;
      }
      if (c === 91 /* [ */ || c === 123 /* { */) {
        if (flow > 0 || tokenStart) {
          flow++;
          if (lineDepth + flow > limit) return k;
          tokenStart = true;
          afterValue = false;
          continue;
        }
      } else if ((c === 93 || c === 125) && flow > 0) {
        flow--;
        tokenStart = false;
        afterValue = true;
        continue;
      } else if (c === 44 /* , */ && flow > 0) {
        tokenStart = true;
        afterValue = false;
        continue;
      } else if (c === 58 /* : */ && (isBlank(text.charCodeAt(k + 1)) || (flow > 0 && (afterValue || isFlowDelimiter(text.charCodeAt(k + 1)))))) {
        if (flow === 0 && ++lineDepth > limit) return k; // a mapping value: at most one level per key
        tokenStart = true;
        afterValue = false;
        continue;
      } else if ((c === 45 /* - */ || c === 63) /* ? */ && tokenStart && isBlank(text.charCodeAt(k + 1))) {
        if (flow === 0 && ++lineDepth > limit) return k;
        continue;
      } else if ((c === 38 /* & */ || c === 33) /* ! */ && tokenStart) {
        while (k + 1 < n && !isBlank(text.charCodeAt(k + 1)) && !(flow > 0 && isFlowDelimiter(text.charCodeAt(k + 1)))) k++;
        continue; // an anchor or a tag: still at the start of a token
      } else if ((c === 124 /* | */ || c === 62) /* > */ && tokenStart && flow === 0) {
        const end = lineEnd(text, k);
        if (/^[|>][0-9+-]*[ \t]*(#.*)?\r?$/.test(text.slice(k, end))) {
          blockScalarIndent = ind;
          k = end - 1;
          continue;
        }
      }
      tokenStart = false;
      afterValue = false;
    }
    i = k + 1;
  }
  return undefined;
}

/** Offset of the line feed ending the line at `from`, or the text length. */
function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}
