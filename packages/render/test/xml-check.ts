/** Parses SVG/XHTML-like markup as XML and lists every element name and attribute name, to prove no injected markup exists. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface MarkupInventory {
  elements: Set<string>;
  attributes: Set<string>;
  /** All text content and attribute values, concatenated, entity-decoded. */
  text: string;
}

export function inventory(xml: string): MarkupInventory {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- still shipped by fast-xml-parser, and a strict check is what a test needs
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} at ${valid.err.line}:${valid.err.col}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, processEntities: true, htmlEntities: true, ignoreDeclaration: true, ignorePiTags: true });
  const tree = parser.parse(xml) as unknown[];
  const elements = new Set<string>();
  const attributes = new Set<string>();
  const texts: string[] = [];
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const n of nodes as Record<string, unknown>[]) {
      for (const [k, v] of Object.entries(n)) {
        if (k === ':@') {
          for (const [a, val] of Object.entries(v as Record<string, unknown>)) {
            attributes.add(a.slice(1).toLowerCase());
            texts.push(String(val));
          }
        } else if (k === '#text') texts.push(String(v));
        else {
          elements.add(k.toLowerCase());
          walk(v);
        }
      }
    }
  };
  walk(tree);
  return { elements, attributes, text: texts.join('\n') };
}
