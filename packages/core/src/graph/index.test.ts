import { describe, expect, it } from 'vitest';
import { build } from '../engine/model-builder.js';
import { buildGraph, capabilitySource } from './index.js';

const model = () =>
  build()
    .boundary('NET', { trust: 'untrusted' })
    .boundary('DC', { trust: 60 })
    .boundary('CORE', { parent: 'DC' })
    .boundary('VAULT', { parent: 'CORE', trust: 'trusted' })
    .external('U', { type: 'browser', boundary: 'NET' })
    .external('P', { type: 'payment-provider' })
    .process('W', { type: 'web-app', boundary: 'DC' })
    .process('S', { type: 'service', boundary: 'CORE' })
    .process('Q', { boundary: 'CORE', properties: { internet_facing: false } })
    .process('LOOSE')
    .store('D', { type: 'postgres', boundary: 'VAULT', assets: { stored: ['A3'] } })
    .asset('A1', { classification: 'public' })
    .asset('A2', { type: 'credentials' })
    .asset('A3', { classification: 'internal', personal_data: true })
    .flow('U', 'W', { protocol: 'https', data: ['A2'] })
    .flow('W', 'S', { data: ['A1'] })
    .flow('S', 'D', { protocol: 'sql', data: ['A2'] })
    .flow('D', 'S')
    .flow('U', 'Q')
    .flow('P', 'LOOSE', { protocol: 'http' })
    .model();

describe('the graph index', () => {
  const g = buildGraph(model());
  it('gives nested boundaries inherited trust and their ancestry', () => {
    expect(g.boundaries.get('CORE')?.trust).toBe(60);
    expect(g.boundaries.get('CORE')?.trustStated).toBe(false);
    expect(g.boundaries.get('VAULT')?.ancestry).toEqual(['VAULT', 'CORE', 'DC']);
    expect(g.component('D')?.trust).toBe(100);
  });
  it('treats external entities outside boundaries as untrusted and other elements as 50', () => {
    expect(g.component('P')?.trust).toBe(0);
    expect(g.component('LOOSE')?.trust).toBe(50);
  });
  it('indexes flows in and out of each element', () => {
    expect(g.component('S')?.in.map((f) => f.id)).toEqual(['F2', 'F4']);
    expect(g.component('S')?.out.map((f) => f.id)).toEqual(['F3']);
  });
  it('records which boundaries a flow crosses and in which direction of trust', () => {
    const f1 = g.flow('F1');
    expect(f1?.exits).toEqual(['NET']);
    expect(f1?.enters).toEqual(['DC']);
    expect(f1?.direction).toBe('lower-to-higher');
    expect(g.flow('F3')?.enters).toEqual(['VAULT']);
    expect(g.flow('F4')?.direction).toBe('higher-to-lower');
    expect(g.flow('F2')?.exits).toEqual([]);
    expect(g.flow('F2')?.enters).toEqual(['CORE']);
    expect(g.flow('F2')?.direction).toBe('same-trust');
    expect(g.flow('F6')?.crossesBoundary).toBe(false);
  });
  it('derives encryption from the protocol unless stated', () => {
    expect(g.flow('F1')?.encrypted).toBe(true);
    expect(g.flow('F6')?.encrypted).toBe(false);
    expect(g.flow('F2')?.encrypted).toBeUndefined();
  });
  it('propagates assets: carried by flows, processed by processes, stored by data stores', () => {
    expect([...(g.component('S')?.processed ?? [])].sort()).toEqual(['A1', 'A2']);
    expect([...(g.component('D')?.stored ?? [])].sort()).toEqual(['A2', 'A3']);
    expect(g.component('W')?.sensitivity).toBe(3);
    expect(g.flow('F2')?.sensitivity).toBe(0);
  });
  it('finds internet exposure from untrusted callers, unless stated otherwise', () => {
    expect(g.component('W')?.exposure).toBe('internet');
    expect(g.component('W')?.exposureReason).toContain('F1');
    expect(g.component('S')?.exposure).toBe('internal');
    expect(g.component('Q')?.exposure).toBe('internal');
  });
  it('gives capabilities from kind, type chain and properties', () => {
    const d = g.component('D');
    expect(d?.capabilities.has('holds-data')).toBe(true);
    expect(d?.capabilities.has('sql-queryable')).toBe(true);
    expect(d ? capabilitySource(d, 'sql-queryable') : undefined).toBe('type postgres → database');
    expect(g.withCapability('web-application').map((c) => c.id)).toEqual(['W']);
  });
  it('lets a property remove a capability the type gives', () => {
    const g2 = buildGraph(build().process('A', { properties: { accepts_uploads: true } }).process('B', { type: 'file-upload-service', properties: { accepts_uploads: false } }).model());
    expect(g2.withCapability('accepts-uploads').map((c) => c.id)).toEqual(['A']);
  });
  it('keeps capabilities changed by properties to the component that states them, however many share its type', () => {
    const g2 = buildGraph(
      build()
        .process('A', { type: 'service', properties: { accepts_uploads: true } })
        .process('B', { type: 'service' })
        .process('C', { type: 'service', properties: { accepts_uploads: true } })
        .process('D', { type: 'file-upload-service' })
        .process('E', { type: 'file-upload-service', properties: { accepts_uploads: false } })
        .process('F', { type: 'file-upload-service' })
        .model(),
    );
    expect(g2.withCapability('accepts-uploads').map((c) => c.id)).toEqual(['A', 'C', 'D', 'F']);
    // Components changed the same way share one set (rules test capabilities of every element).
    expect(g2.component('A')?.capabilities).toBe(g2.component('C')?.capabilities);
    expect(g2.component('D')?.capabilities).toBe(g2.component('F')?.capabilities);
    expect(g2.component('E')?.capabilities.has('accepts-uploads')).toBe(false);
  });
  it('extends the taxonomy from the model', () => {
    const g3 = buildGraph(
      build()
        .process('X', { type: 'Legacy Gateway' })
        .with('taxonomy', { types: { 'legacy-gateway': { extends: 'api-gateway', capabilities: ['parses-xml'], remove: ['api'] } } })
        .model(),
    );
    const x = g3.component('X');
    expect([...(x?.capabilities ?? [])].sort()).toEqual(['executes-code', 'parses-xml', 'traffic-forwarder']);
  });
  it('reports a cycle of extends as an issue instead of looping', () => {
    const g4 = buildGraph(build().process('X', { type: 'a' }).with('taxonomy', { types: { a: { extends: 'b' }, b: { extends: 'a' } } }).model());
    expect(g4.issues.map((i) => i.code)).toContain('taxonomy-cycle');
  });
});

describe('trust that survives a boundary drawn without one', () => {
  const m = () =>
    build()
      .boundary('INTERNET', { name: 'Internet' })
      .boundary('CLOUD', { name: 'Cloud' })
      .boundary('OFFICE', { trust: 'high' })
      .external('U', { boundary: 'INTERNET' })
      .process('APP', { type: 'mobile-app', boundary: 'INTERNET' })
      .external('STAFF', { boundary: 'OFFICE' })
      .process('API', { type: 'api', boundary: 'CLOUD' })
      .store('DB', { type: 'postgres', boundary: 'CLOUD' })
      .flow('U', 'API')
      .flow('APP', 'API')
      .flow('STAFF', 'API')
      .flow('API', 'DB')
      .model();
  const g = buildGraph(m());
  it('keeps clients in a boundary without a stated trust untrusted', () => {
    expect(g.component('U')?.trust).toBe(0);
    expect(g.component('APP')?.trust).toBe(0);
    expect(g.component('APP')?.client).toBe(true);
  });
  it('gives clients the trust their boundary states', () => {
    expect(g.component('STAFF')?.trust).toBe(75);
  });
  it('leaves the system’s own elements at the default trust', () => {
    expect(g.component('API')?.trust).toBe(50);
    expect(g.component('API')?.client).toBe(false);
  });
  it('makes what an untrusted client calls internet-facing, and never the client itself', () => {
    expect(g.component('API')?.exposure).toBe('internet');
    expect(g.component('APP')?.exposure).toBe('external');
    expect(g.component('DB')?.reachable).toBe(true);
  });
  it('counts a client in a trusted boundary as no exposure', () => {
    const g2 = buildGraph(build().boundary('OFFICE', { trust: 'high' }).boundary('DC', { trust: 'high' }).external('STAFF', { boundary: 'OFFICE' }).process('API', { boundary: 'DC' }).flow('STAFF', 'API').model());
    expect(g2.component('API')?.exposure).toBe('internal');
  });
});

describe('boundaries drawn across a flow', () => {
  const m = (crosses?: string[]) =>
    build()
      .boundary('LINE', { name: 'Internet boundary' })
      .process('A')
      .process('B')
      .flow('A', 'B', crosses ? { crosses } : {})
      .model();
  it('count as a crossing when the flow lists them', () => {
    const f = buildGraph(m(['LINE'])).flow('F1');
    expect(f?.crossesBoundary).toBe(true);
    expect(f?.crosses).toEqual(['LINE']);
    expect(f?.direction).toBe('same-trust');
  });
  it('do not count when the flow does not list them', () => {
    expect(buildGraph(m()).flow('F1')?.crossesBoundary).toBe(false);
  });
  it('ignore an id that names no boundary (the loader reports it)', () => {
    expect(buildGraph(m(['NOPE'])).flow('F1')?.crossesBoundary).toBe(false);
  });
});

describe('a less trusted zone drawn across a flow', () => {
  const m = build()
    .boundary('PUB', { name: 'Public network', trust: 'untrusted' })
    .boundary('DC', { trust: 'high' })
    .process('A')
    .process('B', { boundary: 'DC' })
    .process('C')
    .flow('A', 'B', { crosses: ['PUB'] })
    .flow('A', 'C')
    .model();
  const g = buildGraph(m);
  it('makes the data arrive from that zone’s trust', () => {
    expect(g.flow('F1')?.arrivesFrom).toBe(0);
    expect(g.flow('F1')?.direction).toBe('lower-to-higher');
    expect(g.flow('F2')?.arrivesFrom).toBe(50);
  });
  it('makes what it reaches internet-facing, and says across what', () => {
    expect(g.component('B')?.exposure).toBe('internet');
    expect(g.component('B')?.exposureReason).toBe('receives F1 across Public network (PUB, trust 0)');
    expect(g.component('C')?.exposure).toBe('internal');
  });
});

describe('the crossing fact for a boundary drawn across a flow', () => {
  it('names the boundary and says the trust only where it changes', async () => {
    const { runRules } = await import('../engine/run.js');
    const { defineRule } = await import('../engine/define-rule.js');
    const crossing = defineRule({
      id: 'test-crossing',
      meta: { title: 'Crossing', category: 'tampering', appliesTo: ['flow'], description: 'Reports every crossing, to read the fact the engine words for it.', references: { cwe: [20] }, defaults: { likelihood: 1, impact: 1 }, mitigations: [{ title: 'x', acceptance: 'x', verification: 'x' }] },
      messages: { default: '{{element}}' },
      check(ctx) {
        for (const f of ctx.flows) ctx.report({ element: f, messageId: 'default', facts: [ctx.crossing(f)] });
      },
    });
    const m = build().boundary('LINE', { name: 'Site link' }).boundary('PUB', { name: 'Public network', trust: 'untrusted' }).process('A').process('B').flow('A', 'B', { crosses: ['LINE'] }).flow('A', 'B', { crosses: ['PUB'] }).model();
    const texts = runRules(buildGraph(m), [crossing]).findings.map((f) => f.facts[0]?.text);
    expect(texts).toEqual(['F1 crosses Site link (LINE), drawn across it', 'F2 crosses Public network (PUB, trust 0), drawn across it, from trust 0 to trust 50']);
  });
});
