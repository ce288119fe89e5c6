/**
 * `npm run quality [-- --json] [-- --verbose] [-- --corpus DIR]`: how well the rule engine finds the
 * threats people (and other tools) found, on real files of other tools.
 *
 * Each Threat Dragon file (threat-dragon/*.json) and Microsoft Threat Modeling Tool file (tm7/*.tm7)
 * of the shared corpus (by default `../shared/corpus` beside the repository; read in place, never
 * copied) is imported with the library, its threats are taken out of the model, the rest is
 * analysed, and the derived threats are compared with the ones taken out (bench/quality/match.ts):
 * matched by category on the same or an adjacent element, and matched by a rule about the same
 * concern (bench/quality/concerns.ts). Files the importer rejects and models with no components
 * are skipped and named. It also prints findings per element for those models and for the bundled
 * examples, and the targets beside the totals. Missed targets do not fail the run: this is a
 * measure to steer rule work, not a gate. Without the corpus, only the examples are measured.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, loadModel, type AnalysisResult, type Model } from '@threatwright/core';
import { decodeBytes, importText, type FormatId } from '@threatwright/formats';
import { includeReader } from '@threatwright/server/model-files';
import { CONCERNS } from '../bench/quality/concerns.js';
import { addFindings, addThreats, CONFIDENCES, findings, judge, missesByConcern, perElement, ratio, type DerivedThreat, type Findings, type Share, type SourceThreat, type ThreatQuality, type Verdict } from '../bench/quality/match.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, corpus: { type: 'string' } } });
const corpus = path.resolve(root, values.corpus ?? '../shared/corpus');
const shownCorpus = path.relative(root, corpus) || '.';
const NOW = new Date();

/** The formats measured, the corpus folder each lives in and the file ending taken from it. */
const SOURCES: readonly { format: Extract<FormatId, 'threat-dragon' | 'tm7'>; folder: string; ending: string; name: string }[] = [
  { format: 'threat-dragon', folder: 'threat-dragon', ending: '.json', name: 'Threat Dragon' },
  { format: 'tm7', folder: 'tm7', ending: '.tm7', name: 'Threat Modeling Tool (.tm7)' },
];

interface FileResult {
  readonly file: string;
  readonly format: (typeof SOURCES)[number]['format'];
  readonly quality: ThreatQuality;
  readonly findings: Findings;
  /** Element id -> how to show it ("F2 Mobile client → Web API"). */
  readonly labels: ReadonlyMap<string, string>;
}

const derivedOf = (result: AnalysisResult): DerivedThreat[] =>
  result.threats.filter((t) => t.source !== 'manual').map((t) => ({ ruleId: t.ruleId, category: t.category, elements: t.elements, confidence: t.confidence }));

function labelsOf(model: Model): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of model.components ?? []) names.set(c.id, `${c.id} ${c.name}`);
  const labels = new Map(names);
  for (const f of model.flows ?? []) labels.set(f.id, `${f.id} ${names.get(f.from)?.slice(f.from.length + 1) ?? f.from} → ${names.get(f.to)?.slice(f.to.length + 1) ?? f.to}`);
  return labels;
}

/** Imports one corpus file, takes its threats out, analyses the rest and compares. */
function measure(file: string, format: FileResult['format']): FileResult | { file: string; skipped: string } {
  const shown = path.relative(corpus, file);
  const decoded = decodeBytes(readFileSync(file), shown);
  if (!decoded.ok) return { file: shown, skipped: `not readable: ${decoded.issue.message}` };
  const imported = importText(decoded.text, { fileName: shown, format });
  const error = imported.issues.find((i) => i.severity === 'error');
  if (!imported.model || error) return { file: shown, skipped: `rejected by the importer: ${error?.message ?? 'no model'}` };
  const model = imported.model;
  if ((model.components ?? []).length === 0) return { file: shown, skipped: 'empty model (no components)' };

  const entries = model.threats ?? [];
  const sources: SourceThreat[] = [];
  entries.forEach((t, i) => {
    if (t.fingerprint !== undefined) return;
    sources.push({ id: t.id ?? `#${String(i + 1)}`, title: t.title ?? '(untitled)', description: t.description, category: t.category, elements: t.elements ?? [] });
  });
  // Decisions about derived findings (a fingerprint) stay; the threats found by people go.
  const decisions = entries.filter((t) => t.fingerprint !== undefined);
  const { threats: _taken, ...rest } = model;
  const result = analyze(decisions.length > 0 ? { ...rest, threats: decisions } : rest, { now: NOW });
  const derived = derivedOf(result);
  return {
    file: shown,
    format,
    quality: judge(sources, derived, { components: model.components ?? [], flows: model.flows ?? [] }, CONCERNS),
    findings: findings(derived, result.counts.elements),
    labels: labelsOf(model),
  };
}

/** A bundled example, loaded as the command line loads a model (includes and all). */
function measureExample(file: string): { file: string; findings: Findings } | { file: string; skipped: string } {
  const shown = path.relative(root, file);
  const reader = includeReader({ root: file, folders: [root], display: (target) => path.relative(root, target) });
  const loaded = loadModel({ file: shown, text: readFileSync(file, 'utf8') }, { now: NOW, readFile: reader.readFile });
  if (!loaded.model) return { file: shown, skipped: `does not load: ${loaded.issues.find((i) => i.severity === 'error')?.message ?? 'no model'}` };
  const result = analyze(loaded.model, { now: NOW });
  return { file: shown, findings: findings(derivedOf(result), result.counts.elements) };
}

const listFiles = (dir: string, ending: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(ending) && statSync(path.join(dir, n)).isFile()).sort().map((n) => path.join(dir, n)) : [];

// --- Measure ------------------------------------------------------------------------------------

const haveCorpus = existsSync(corpus) && statSync(corpus).isDirectory();
const files: FileResult[] = [];
const skipped: { file: string; skipped: string }[] = [];
if (haveCorpus) {
  for (const s of SOURCES) {
    for (const file of listFiles(path.join(corpus, s.folder), s.ending)) {
      const r = measure(file, s.format);
      if ('skipped' in r) skipped.push(r);
      else files.push(r);
    }
  }
}
const examples: { file: string; findings: Findings }[] = [];
for (const dir of readdirSync(path.join(root, 'examples')).sort()) {
  const file = path.join(root, 'examples', dir, 'threatmodel.yaml');
  if (!existsSync(file)) continue;
  const r = measureExample(file);
  if ('skipped' in r) skipped.push(r);
  else examples.push(r);
}

const byFormat = Object.fromEntries(SOURCES.map((s) => [s.format, addThreats(files.filter((f) => f.format === s.format).map((f) => f.quality))])) as Record<FileResult['format'], ThreatQuality>;
const importedFindings = addFindings(files.map((f) => f.findings));
const exampleFindings = addFindings(examples.map((e) => e.findings));
const allThreats = addThreats(files.map((f) => f.quality));

interface Target {
  readonly measure: string;
  readonly value: number | undefined;
  readonly target: string;
  readonly met: boolean | undefined;
}
const atLeast = (measure: string, value: number | undefined, goal: number): Target => ({ measure, value, target: `≥ ${pct(goal)}`, met: value === undefined ? undefined : value >= goal });
const atMost = (measure: string, value: number | undefined, goal: number): Target => ({ measure, value, target: `≤ ${goal.toFixed(1)}`, met: value === undefined ? undefined : value <= goal });
const targets: Target[] = [
  atLeast('.tm7 (category, interaction) pairs covered', ratio(byFormat.tm7.pairs), 0.9),
  atLeast('.tm7 threats matched by a rule about the same concern', ratio(byFormat.tm7.byConcern), 0.5),
  atLeast('Threat Dragon threats matched by category', ratio(byFormat['threat-dragon'].byCategory), 0.8),
  atMost('findings per element, imported models', files.length > 0 ? perElement(importedFindings) : undefined, 2),
  atMost('findings per element, bundled examples', examples.length > 0 ? perElement(exampleFindings) : undefined, 2.5),
];

// --- Print --------------------------------------------------------------------------------------

function pct(x: number | undefined): string {
  return x === undefined ? '—' : `${(x * 100).toFixed(0)} %`;
}
const share = (s: Share): string => (s.judged === 0 ? '—' : `${String(s.matched)}/${String(s.judged)} ${pct(ratio(s))}`);
const fpe = (f: Findings, withBaseline = true): string => (f.elements === 0 ? '—' : perElement(f, withBaseline).toFixed(2));

/** Counted threats with a concern that a measure missed (those with no concern are listed apart). */
const unmatched = (r: FileResult) =>
  r.quality.verdicts.filter((v) => v.scope === 'counted' && v.byConcern !== 'unrecognised' && (v.byCategory === 'missed' || v.byConcern === 'missed'));

const verdictJson = (v: Verdict, labels: ReadonlyMap<string, string>) => ({
  id: v.threat.id,
  category: v.threat.category ?? null,
  elements: v.threat.elements.map((e) => labels.get(e) ?? e),
  title: v.threat.title,
  byCategory: v.byCategory,
  byConcern: v.byConcern,
  concerns: v.concerns,
});

if (values.json) {
  const threatsJson = (q: ThreatQuality) => ({
    threats: q.threats,
    outOfScope: q.outOfScope,
    noElement: q.noElement,
    noCategory: q.noCategory,
    byCategory: { ...q.byCategory, share: ratio(q.byCategory) ?? null },
    byConcern: { ...q.byConcern, share: ratio(q.byConcern) ?? null },
    unrecognised: q.unrecognised,
    pairs: { ...q.pairs, share: ratio(q.pairs) ?? null },
  });
  const findingsJson = (f: Findings) => ({ ...f, perElement: f.elements === 0 ? null : perElement(f), perElementWithoutBaseline: f.elements === 0 ? null : perElement(f, false) });
  const out = {
    corpus: haveCorpus ? shownCorpus : null,
    ...(haveCorpus ? {} : { note: `no corpus at ${shownCorpus}: only the bundled examples were measured` }),
    files: files.map((f) => ({
      file: f.file,
      format: f.format,
      ...threatsJson(f.quality),
      findings: findingsJson(f.findings),
      ...(values.verbose
        ? {
            missedThreats: unmatched(f).map((v) => verdictJson(v, f.labels)),
            unrecognisedThreats: f.quality.verdicts.filter((v) => v.scope === 'counted' && v.byConcern === 'unrecognised').map((v) => verdictJson(v, f.labels)),
            notCountedThreats: f.quality.verdicts.filter((v) => v.scope !== 'counted').map((v) => ({ ...verdictJson(v, f.labels), scope: v.scope })),
          }
        : {}),
    })),
    skipped,
    examples: examples.map((e) => ({ file: e.file, findings: findingsJson(e.findings) })),
    totals: {
      ...Object.fromEntries(SOURCES.map((s) => [s.format, threatsJson(byFormat[s.format])])),
      importedFindings: findingsJson(importedFindings),
      exampleFindings: findingsJson(exampleFindings),
      missesByConcern: missesByConcern(allThreats.verdicts),
    },
    targets: targets.map((t) => ({ ...t, value: t.value ?? null, met: t.met ?? null })),
  };
  console.log(JSON.stringify(out, null, 2));
} else {
  const table = (head: string[], rows: string[][], left = 1): string[] => {
    const widths = head.map((h, i) => rows.reduce((w, row) => Math.max(w, (row[i] ?? '').length), h.length));
    const line = (cells: string[]) => cells.map((c, i) => (i < left ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
    return [line(head), ...rows.map(line)];
  };
  const findingCells = (f: Findings) => [String(f.elements), String(f.derived), fpe(f), fpe(f, false), ...CONFIDENCES.map((c) => String(f.byConfidence[c] ?? 0))];
  const out: string[] = [];
  const emit = (lines: readonly string[]) => {
    for (const l of lines) out.push(l);
  };
  if (!haveCorpus) out.push(`No corpus at ${shownCorpus} (the shared corpus of other tools' files, beside the repository): imported models skipped; pass --corpus DIR to point at it.`, '');
  else {
    out.push(`Corpus: ${shownCorpus}. Source threats taken out of each imported model, the rest analysed. Matched by category: a derived threat of the same category on the element or an adjacent one. By concern: a rule about the same concern there (baseline entries excluded); "unrecognised": no concern named in the text, not counted.`, '');
    emit(table(
      ['file', 'threats', 'by category', 'by concern', 'unrecognised', 'pairs covered', 'elements', 'derived', 'per element', 'w/o baseline', ...CONFIDENCES],
      [
        ...files.map((f) => [f.file, String(f.quality.threats), share(f.quality.byCategory), share(f.quality.byConcern), String(f.quality.unrecognised), f.format === 'tm7' ? share(f.quality.pairs) : '', ...findingCells(f.findings)]),
        ...SOURCES.map((s) => {
          const q = byFormat[s.format];
          return [`total ${s.name}`, String(q.threats), share(q.byCategory), share(q.byConcern), String(q.unrecognised), s.format === 'tm7' ? share(q.pairs) : '', ...findingCells(addFindings(files.filter((f) => f.format === s.format).map((f) => f.findings)))];
        }),
      ],
    ));
    const apart = files.filter((f) => f.quality.outOfScope + f.quality.noElement + f.quality.noCategory > 0);
    for (const f of apart) out.push(`  ${f.file}: not counted: ${String(f.quality.outOfScope)} on out-of-scope elements, ${String(f.quality.noElement)} on no element; ${String(f.quality.noCategory)} without a category (not judged by category)`);
  }
  for (const s of skipped) out.push(`  skipped ${s.file}: ${s.skipped}`);
  out.push('', 'Bundled examples (their own threats and decisions kept):');
  emit(table(['example', 'elements', 'derived', 'per element', 'w/o baseline', ...CONFIDENCES], [...examples.map((e) => [e.file, ...findingCells(e.findings)]), ['total', ...findingCells(exampleFindings)]]));

  if (files.length > 0) {
    const rulesOf = (id: string) => {
      const rules = CONCERNS.find((c) => c.id === id)?.rules ?? [];
      return rules.slice(0, 4).join(', ') + (rules.length > 4 ? ', …' : '');
    };
    const misses = missesByConcern(allThreats.verdicts).filter((m) => m.matched < m.judged);
    out.push('', 'Concerns missed most (all imported files; a threat may fall under several):');
    emit(table(['concern', 'missed', 'threats', 'rules of the concern'], misses.map((m) => [m.concern, String(m.judged - m.matched), String(m.judged), rulesOf(m.concern)])));
  }

  out.push('', 'Targets:');
  emit(table(['measure', 'now', 'target', ''], targets.map((t) => [t.measure, t.measure.startsWith('findings') ? (t.value === undefined ? '—' : t.value.toFixed(2)) : pct(t.value), t.target, t.met === undefined ? 'no data' : t.met ? 'met' : 'MISSED'])));
  out.push('Findings per element count every derived threat, baseline entries included; "w/o baseline" leaves them out.');

  if (values.verbose) {
    for (const f of files) {
      const list = unmatched(f);
      const unknown = f.quality.verdicts.filter((v) => v.scope === 'counted' && v.byConcern === 'unrecognised');
      const apart = f.quality.verdicts.filter((v) => v.scope !== 'counted');
      if (list.length + unknown.length + apart.length === 0) continue;
      out.push('', `${f.file}:`);
      const where = (v: Verdict) => v.threat.elements.map((e) => f.labels.get(e) ?? e).join(', ') || '(no element)';
      for (const v of list) {
        const missed = [v.byCategory === 'missed' ? 'category' : '', v.byConcern === 'missed' ? `concern (${v.concerns.join(', ')})` : ''].filter(Boolean).join(' and ');
        out.push(`  missed by ${missed}: [${v.threat.category ?? 'no category'}] ${where(v)}: ${v.threat.title}`);
      }
      for (const v of unknown) out.push(`  no concern recognised${v.byCategory === 'matched' ? ' (matched by category)' : v.byCategory === 'missed' ? ' (missed by category)' : ''}: [${v.threat.category ?? 'no category'}] ${where(v)}: ${v.threat.title}`);
      for (const v of apart) out.push(`  not counted (${v.scope}): [${v.threat.category ?? 'no category'}] ${where(v)}: ${v.threat.title}`);
    }
  }
  console.log(out.join('\n'));
}
