/**
 * One truth: every output that counts threats gives the same numbers for the same file — the
 * analysis JSON, the report JSON, the gate's JSON, the terminal summary and the server's API — on
 * every bundled example and on every model imported from the other tools' files beside the
 * repository (skipped, with a message, when that corpus is absent).
 */
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, ModelStore, TOKEN_HEADER } from '@threatwright/server';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CORPUS = path.resolve(REPO, '../shared/corpus');
const HAVE_CORPUS = existsSync(CORPUS);
const BANDS = ['critical', 'high', 'medium', 'low'] as const;
const PRIORITY = { critical: 'P0', high: 'P1', medium: 'P2', low: 'P3' } as const;

interface Counts {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly unrated: number;
  readonly open: number;
  readonly baseline: number;
  readonly threats: number;
}

interface BandCounts {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly unrated: number;
  readonly total: number;
}

const fromPosture = (open: BandCounts, baseline: number, threats: number): Counts => ({ critical: open.critical, high: open.high, medium: open.medium, low: open.low, unrated: open.unrated, open: open.total, baseline, threats });

/** What each output says about one model file in `cwd`. */
async function countsEverywhere(cwd: string, file: string): Promise<Record<string, Counts>> {
  const today = new Date().toISOString().slice(0, 10);
  const analyzed = await runCli(['analyze', file, '--format', 'json'], { cwd });
  expect(analyzed.code, analyzed.stderr).toBe(0);
  const a = JSON.parse(analyzed.stdout) as { counts: { threats: number; open: number; baseline: number; byBand: Record<string, number>; unrated: number }; risk: { posture: { open: BandCounts; baseline: BandCounts } } };

  const reported = await runCli(['report', file, '--format', 'json', '-o', '-'], { cwd });
  expect(reported.code, reported.stderr).toBe(0);
  const r = JSON.parse(reported.stdout) as { summary: { threats: number; open: number; baseline: number; posture: { open: BandCounts } } };

  const checked = await runCli(['check', file, '--format', 'json', '--fail-on', 'low', '--today', today], { cwd });
  const c = JSON.parse(checked.stdout) as { posture: { open: BandCounts; baseline: BandCounts }; threats: { confidence: string; standing: string; band: string | null }[] };
  const gateThreats = c.threats.filter((t) => t.confidence !== 'baseline').length;

  const store = new ModelStore(path.join(cwd, file));
  const app = createApp({ store, token: 't'.repeat(24), hosts: () => ['127.0.0.1:7411'] });
  const res = await app.request('/api/analysis', { headers: { host: '127.0.0.1:7411', [TOKEN_HEADER]: 't'.repeat(24) } });
  expect(res.status).toBe(200);
  const s = (await res.json()) as { counts: { threats: number; baseline: number }; risk: { posture: { open: BandCounts } } };

  const summary = await runCli(['analyze', file, '--no-color'], { cwd });
  const line = /Open by risk: +(.*)$/mu.exec(summary.stdout)?.[1] ?? '';
  const header = /— (\d+) threats? .*; (\d+) open(?: · (\d+) baseline entr)?/u.exec(summary.stdout);
  const word = (band: string) => Number(new RegExp(`${band} (\\d+)`, 'u').exec(line)?.[1] ?? 'NaN');
  const terminal: Counts = {
    critical: word('P0 critical'),
    high: word('P1 high'),
    medium: word('P2 medium'),
    low: word('P3 low'),
    unrated: /unrated (\d+)/u.test(line) ? word('unrated') : 0,
    open: Number(header?.[2]),
    baseline: Number(header?.[3] ?? 0),
    threats: Number(header?.[1]),
  };

  // The gate's per-threat list must add up to its own posture too.
  const tally = { critical: 0, high: 0, medium: 0, low: 0, unrated: 0 } as Record<string, number>;
  for (const t of c.threats) if (t.standing === 'open' && t.confidence !== 'baseline') tally[t.band ?? 'unrated'] = (tally[t.band ?? 'unrated'] ?? 0) + 1;
  for (const b of BANDS) expect(tally[b], `check's threats in ${PRIORITY[b]} ${b}`).toBe(c.posture.open[b]);

  return {
    'analyze --format json (counts)': { ...a.counts.byBand, unrated: a.counts.unrated, open: a.counts.open, baseline: a.counts.baseline, threats: a.counts.threats } as Counts,
    'analyze --format json (risk.posture)': fromPosture(a.risk.posture.open, a.risk.posture.baseline.total, a.counts.threats),
    'report --format json': fromPosture(r.summary.posture.open, r.summary.baseline, r.summary.threats),
    'check --format json': fromPosture(c.posture.open, c.posture.baseline.total, gateThreats),
    'GET /api/analysis': fromPosture(s.risk.posture.open, s.counts.baseline, s.counts.threats),
    'analyze (terminal)': terminal,
  };
}

function expectAllEqual(all: Record<string, Counts>): void {
  const [first, ...rest] = Object.entries(all);
  if (!first) throw new Error('no outputs');
  for (const [name, counts] of rest) expect(counts, `${name} against ${first[0]}`).toEqual(first[1]);
}

describe('the same counts per band in every output', () => {
  const examples = readdirSync(path.join(REPO, 'examples'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

  it.each(examples)('examples/%s', async (name) => {
    const all = await countsEverywhere(path.join(REPO, 'examples', name), 'threatmodel.yaml');
    expectAllEqual(all);
    expect(Object.values(all)[0]?.open).toBeGreaterThan(0);
  }, 60_000);

  const corpusFiles: [string, string][] = [];
  if (HAVE_CORPUS) {
    for (const folder of readdirSync(CORPUS, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const f of readdirSync(path.join(CORPUS, folder.name))) {
        if (/schema|expected|malformed|invalid/iu.test(f)) continue;
        corpusFiles.push([`${folder.name}/${f}`, path.join(CORPUS, folder.name, f)]);
      }
    }
  }

  describe.skipIf(!HAVE_CORPUS)(`imported from other tools${HAVE_CORPUS ? '' : ' (skipped: ../shared/corpus not found next to the repository)'}`, () => {
    it.each(corpusFiles)('%s', async (_name, source) => {
      const cwd = await mkdtemp(path.join(tmpdir(), 'tw-one-truth-'));
      await copyFile(source, path.join(cwd, path.basename(source)));
      const imported = await runCli(['import', path.basename(source), '-o', 'threatmodel.yaml'], { cwd });
      expect(imported.code, imported.stderr).toBe(0);
      expect(await readdir(cwd)).toContain('threatmodel.yaml');
      expectAllEqual(await countsEverywhere(cwd, 'threatmodel.yaml'));
    }, 60_000);
  });
});
