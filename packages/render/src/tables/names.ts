import type { Model } from '@threatwright/core';

/** Display names of model elements (components, flows, boundaries, assets), by id. */
export function elementNames(model: Model): (id: string) => string {
  const names = new Map<string, string>();
  for (const c of model.components ?? []) names.set(c.id, c.name);
  for (const f of model.flows ?? []) names.set(f.id, f.label ?? `${names.get(f.from) ?? f.from} → ${names.get(f.to) ?? f.to}`);
  for (const b of model.boundaries ?? []) names.set(b.id, b.name);
  for (const a of model.assets ?? []) names.set(a.id, a.name);
  return (id) => names.get(id) ?? id;
}
