/** Guided mode: the four questions of threat modeling, each with what is left to do. */
import { bandName, type Model } from '@threatwright/core';
import { isBaselineRow, isOpenRow, type Analysis } from '../model/analysis.js';
import { assign } from '../model/ops.js';
import type { Panel } from './store.js';

export interface GuideProps {
  model: Model;
  analysis: Pick<Analysis, 'rows' | 'posture' | 'counts'>;
  onEdit: (model: Model, group?: string) => void;
  onPanel: (p: Panel) => void;
  onAdd: (what: 'process' | 'datastore' | 'external-entity' | 'boundary') => void;
}

function Step({ n, title, done, children }: { n: number; title: string; done: boolean; children: React.ReactNode }) {
  return (
    <section className={`step ${done ? 'done' : ''}`}>
      <h3><span className="step-n">{done ? '✓' : n}</span>{title}</h3>
      {children}
    </section>
  );
}

export function Guide({ model, analysis, onEdit, onPanel, onAdd }: GuideProps) {
  const { rows, posture, counts } = analysis;
  const s = model.system;
  const q = model.questions ?? {};
  const setSystem = (k: 'description' | 'scope' | 'owner' | 'version' | 'review_every' | 'reviewed_at', v: string) => {
    const system = assign(s, { [k]: v }, true);
    onEdit({ ...model, system }, `system.${k}`);
  };
  const setQ = (k: 'protecting' | 'from_whom' | 'resources', v: string) => {
    const questions = assign(q, { [k]: v }, true);
    onEdit({ ...model, questions }, `questions.${k}`);
  };
  const comps = model.components?.length ?? 0;
  const flows = model.flows?.length ?? 0;
  const bounds = model.boundaries?.length ?? 0;
  // The open threats, as every count has them (core's standing); baseline entries are questions, apart.
  const open = rows.filter((r) => isOpenRow(r) && !isBaselineRow(r));
  const undecided = open.filter((r) => r.entry?.response === undefined);
  const serious = open.filter((r) => (r.band === 'critical' || r.band === 'high') && r.mitigations.length === 0 && r.entry?.response === undefined);
  const unrated = posture.open.unrated;
  // Core's open questions, as `threatwright analyze` lists them: the baseline's own apart.
  const asked = counts.questions + counts.baselineQuestions;
  const today = new Date().toISOString().slice(0, 10);
  const ownerless = (model.mitigations ?? []).filter((m) => !m.owner?.trim()).length;
  return (
    <div className="guide" data-testid="guide">
      <Step n={1} title="What are we working on?" done={comps > 0 && flows > 0 && bounds > 0 && !!s.scope}>
        <label>Description<textarea rows={2} value={s.description ?? ''} onChange={(e) => { setSystem('description', e.target.value); }} /></label>
        <label>Scope<textarea rows={2} value={s.scope ?? ''} onChange={(e) => { setSystem('scope', e.target.value); }} /></label>
        <div className="row two">
          <label>Owner<input aria-label="Model owner" placeholder="a person or a team" value={s.owner ?? ''} onChange={(e) => { setSystem('owner', e.target.value); }} /></label>
          <label>Version<input aria-label="Version" value={s.version ?? ''} onChange={(e) => { setSystem('version', e.target.value); }} /></label>
        </div>
        <label>What are we protecting?<textarea rows={2} value={q.protecting ?? ''} onChange={(e) => { setQ('protecting', e.target.value); }} /></label>
        <label>From whom?<textarea rows={2} value={q.from_whom ?? ''} onChange={(e) => { setQ('from_whom', e.target.value); }} /></label>
        <label>With how many resources?<textarea rows={2} value={q.resources ?? ''} onChange={(e) => { setQ('resources', e.target.value); }} /></label>
        <p className="small">Draw the system: {comps} components, {flows} flows, {bounds} trust boundaries.</p>
        <div className="row">
          <button onClick={() => { onAdd('external-entity'); }}>+ External entity</button>
          <button onClick={() => { onAdd('process'); }}>+ Process</button>
          <button onClick={() => { onAdd('datastore'); }}>+ Data store</button>
          <button onClick={() => { onAdd('boundary'); }}>+ Boundary</button>
        </div>
      </Step>
      <Step n={2} title="What can go wrong?" done={comps > 0 && asked === 0}>
        <p className="small" data-testid="guide-found">The analysis found {counts.threats} threats, {posture.open.total} of them open{posture.baseline.total > 0 ? `, and ${posture.baseline.total} baseline entries: questions about the entry points` : ''}. {asked > 0 ? `${counts.questions} facts are not stated yet${counts.baselineQuestions > 0 ? `, and ${counts.baselineQuestions} more the baseline asks` : ''}; answering them (in Properties) confirms or removes the threats that depend on them.` : 'Every fact the rules asked about is stated.'}</p>
        <button onClick={() => { onPanel('threats'); }}>Review the threats</button>
      </Step>
      <Step n={3} title="What are we going to do about it?" done={rows.length > 0 && undecided.length === 0 && unrated === 0}>
        <p className="small">{undecided.length} of the {posture.open.total} open threats have no response yet{serious.length > 0 ? `, ${serious.length} of them ${bandName('critical')} or ${bandName('high')} with no mitigation` : ''}{unrated > 0 ? `; ${unrated} are unrated: give them a likelihood and an impact` : ''}. Open a threat to set its status, response, owner and mitigations.</p>
        <div className="row">
          <button onClick={() => { onPanel('threats'); }}>Triage</button>
          <button onClick={() => { onPanel('mitigations'); }}>Mitigations{ownerless > 0 ? ` (${String(ownerless)} without owner)` : ''}</button>
          <button onClick={() => { onPanel('issues'); }}>What check reports</button>
        </div>
      </Step>
      <Step n={4} title="Did we do a good enough job?" done={s.reviewed_at === today}>
        <ul className="small checklist">
          <li className={serious.length === 0 ? 'ok' : ''}>Every {bandName('critical')} and {bandName('high')} threat has a response or a mitigation</li>
          <li className={unrated === 0 ? 'ok' : ''}>Every open threat is rated</li>
          <li className={asked === 0 ? 'ok' : ''}>No open questions about the system</li>
          <li className={(model.flows ?? []).every((f) => (f.data?.length ?? 0) > 0) ? 'ok' : ''}>Every flow says what data it carries</li>
          <li className={s.owner ? 'ok' : ''}>The model has an owner</li>
        </ul>
        <div className="row two">
          <label title="When the model was last reviewed">Last review<input aria-label="Last review" type="date" value={s.reviewed_at ?? ''} onChange={(e) => { setSystem('reviewed_at', e.target.value); }} /></label>
          <label title="How often the model must be reviewed: 90d, 12w, 6m, 1y. An overdue review is a warning.">Review every<input aria-label="Review every" placeholder="90d, 6m, 1y" value={s.review_every ?? ''} onChange={(e) => { setSystem('review_every', e.target.value); }} /></label>
        </div>
        <button onClick={() => { onEdit({ ...model, system: { ...s, reviewed_at: today } }); }}>Mark reviewed today</button>
      </Step>
    </div>
  );
}
