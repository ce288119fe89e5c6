/**
 * A small builder for test models, so rule tests stay short:
 *
 *   const m = build()
 *     .boundary('B1', { trust: 'medium' })
 *     .external('U', { type: 'browser' })
 *     .process('W', { type: 'web-app', boundary: 'B1', properties: { csrf_protection: false } })
 *     .flow('U', 'W', { protocol: 'https', data: ['A1'] })      // gets id F1
 *     .asset('A1', { classification: 'restricted' })
 *     .model();
 */
import type { Asset, Boundary, Component, Flow, Model } from '../model/types.js';

type ComponentExtra = Omit<Component, 'id' | 'kind' | 'name'> & { name?: string };
type FlowExtra = Omit<Flow, 'from' | 'to' | 'id'> & { id?: string };

export class ModelBuilder {
  private readonly m: Model = { threatwright: 1, system: { name: 'Test system' }, components: [], flows: [], assets: [], boundaries: [] };
  private flowCount = 0;

  component(id: string, kind: Component['kind'], extra: ComponentExtra = {}): this {
    this.m.components?.push({ id, kind, ...extra, name: extra.name ?? id });
    return this;
  }
  process(id: string, extra: ComponentExtra = {}): this {
    return this.component(id, 'process', extra);
  }
  store(id: string, extra: ComponentExtra = {}): this {
    return this.component(id, 'datastore', extra);
  }
  external(id: string, extra: ComponentExtra = {}): this {
    return this.component(id, 'external-entity', extra);
  }
  flow(from: string, to: string, extra: FlowExtra = {}): this {
    this.flowCount += 1;
    const { id, ...rest } = extra;
    this.m.flows?.push({ id: id ?? `F${this.flowCount}`, from, to, ...rest });
    return this;
  }
  asset(id: string, extra: Omit<Asset, 'id' | 'name'> & { name?: string } = {}): this {
    this.m.assets?.push({ id, ...extra, name: extra.name ?? id });
    return this;
  }
  boundary(id: string, extra: Omit<Boundary, 'id' | 'name'> & { name?: string } = {}): this {
    this.m.boundaries?.push({ id, ...extra, name: extra.name ?? id });
    return this;
  }
  /** Sets any other top-level section (threats, mitigations, taxonomy, rules, …). */
  with<K extends keyof Model>(key: K, value: Model[K]): this {
    this.m[key] = value;
    return this;
  }
  model(): Model {
    return structuredClone(this.m);
  }
}

export function build(): ModelBuilder {
  return new ModelBuilder();
}
