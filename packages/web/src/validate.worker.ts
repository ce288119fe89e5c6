/**
 * Validates the model being edited off the main thread: the loader's schema and semantic checks
 * on a large model take long enough to stall typing and dragging.
 */
import { createAnalyzer, loadModel, type Issue, type Model, type VerificationRecord } from '@threatwright/core';
import { analyzeModel, packAnalysis, type PackedAnalysis } from './model/analysis.js';

export interface ValidateRequest {
  id: number;
  file: string;
  model: unknown;
  /** Also analyse (large models, whose analysis would stall the page). */
  analyze: boolean;
  /** The test evidence saved beside the model, scored with as `check` scores. */
  verification?: VerificationRecord | null;
}
export interface ValidateResponse {
  id: number;
  issues: Issue[];
  analysis?: PackedAnalysis;
}

const scope = globalThis as unknown as { addEventListener: (type: 'message', fn: (e: MessageEvent<ValidateRequest>) => void) => void; postMessage: (m: ValidateResponse) => void };

/** One analysis for the whole session: an edit re-runs rules only around what it changed. */
const analyzer = createAnalyzer();

/** The newest request: work for an older one that is still to do is dropped (the page would ignore it). */
let newest = 0;
const later = (fn: () => void, ms = 0) => setTimeout(fn, ms);
/**
 * After analysing, the checks wait this long: an edit made meanwhile (often right after the threats
 * appear) is analysed first, and the checks of the model it replaced are dropped.
 */
const CHECKS_AFTER_ANALYSIS = 250;

/**
 * Once per session, after the first full analysis and its checks, the worker re-analyses a copy of
 * the model with one component touched and then the model itself: the incremental paths get
 * compiled while the user is still reading, so the first real edit is as fast as the later ones.
 * The analyzer ends where it was (on the model itself); the results are dropped.
 */
let warmed = false;
const WARM_UP_AFTER = 400;
function warmUp(id: number, model: Model): void {
  const components = model.components ?? [];
  const first = components[0];
  if (warmed || !first || id !== newest) return;
  warmed = true;
  const touched = { ...first, description: `${first.description ?? ''} ` };
  analyzer.analyze({ ...model, components: [touched, ...components.slice(1)] });
  analyzer.analyze(model);
}

scope.addEventListener('message', (e) => {
  const { id, file, model } = e.data;
  newest = id;
  // Requests that arrived meanwhile are read before this runs, so an edit made while the worker
  // was busy is not kept waiting by checks of the model before it.
  later(() => {
    if (id !== newest) return;
    // Analysis first: the threats panel is what the user waits for.
    if (e.data.analyze) {
      // The engine's full result stays here: the page needs only the rows.
      scope.postMessage({ id, issues: [], analysis: packAnalysis(analyzeModel(model as Model, analyzer, e.data.verification)) });
    }
    later(() => {
      if (id !== newest) return;
      // Positions refer to this JSON text, not to the user's file: they are dropped; the path and subject remain.
      const issues = loadModel({ file, text: JSON.stringify(model) }).issues.map(({ location: _drop, ...rest }) => rest);
      scope.postMessage({ id, issues });
      if (e.data.analyze && !warmed) {
        later(() => {
          warmUp(id, model as Model);
        }, WARM_UP_AFTER);
      }
    }, e.data.analyze ? CHECKS_AFTER_ANALYSIS : 0);
  });
});
