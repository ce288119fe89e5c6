/**
 * Lists of 150 000 items: nothing on the way from the text to the analysis may spread a list of
 * that size into a function call (`push(...list)`, `Math.min(...list)`), which exceeds the call
 * stack and throws a RangeError. Each scenario runs in a worker with the main thread's stack size.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { N } from './large-lists.worker.js';

function run(scenario: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const file = new URL('./large-lists.worker.ts', import.meta.url).href;
    const code = `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(file)}, ${JSON.stringify(file)}))`;
    const worker = new Worker(code, { eval: true, workerData: scenario, resourceLimits: { stackSizeMb: 1 } });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe(`lists of ${N} items`, { timeout: 180_000 }, () => {
  it('loads a model whose every component draws a warning', async () => {
    expect(await run('warnings')).toEqual({ ok: { components: N, codes: { 'component-without-flows': N }, lastLine: N + 3 } });
  });

  it('reports a schema error on every item of a list', async () => {
    expect(await run('schema')).toEqual({ ok: { model: false, errors: N } });
  });

  it('reports a boundary cycle through every boundary once, in a message of bounded length', async () => {
    const r = (await run('cycle')) as { ok: { messageLength: number } };
    expect(r).toMatchObject({ ok: { model: false, cycles: 1, path: ['boundaries', 0, 'parent'] } });
    expect(r.ok.messageLength).toBeLessThan(1000);
  });

  it('refuses boundaries nested in a chain of every boundary', async () => {
    expect(await run('chain')).toEqual({ ok: { model: false, codes: { 'boundary-too-deep': 1 } } });
  });

  it('analyses a model with a graph issue and a stale decision per item', async () => {
    expect(await run('analyze')).toEqual({ ok: { codes: { 'boundary-cycle': N, 'stale-decision': N } } });
  });

  it('analyses a custom rule whose condition gathers evidence from many parts', async () => {
    expect(await run('customRule')).toEqual({ ok: { fired: true } });
  });
});
