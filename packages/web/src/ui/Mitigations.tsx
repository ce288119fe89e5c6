/**
 * The mitigations panel: every mitigation in the model with what core says of it (overdue, the
 * threats it serves and their top priority), and an editor for every field the model has, linked
 * to the threats both ways.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { ID_PATTERN, MitigationSchema, MitigationStatusSchema, ResponseKindSchema, type AssessedMitigation, type Mitigation, type Model } from '@threatwright/core';
import type { ThreatRow } from '../model/analysis.js';
import { allIds, createMitigation, deleteMitigation, linkMitigation, renameId, updateMitigation } from '../model/ops.js';

type Edit = (model: Model, group?: string) => void;

export interface MitigationsProps {
  model: Model;
  rows: readonly ThreatRow[];
  /** Core's assessment of each mitigation, by id. */
  assessed: readonly AssessedMitigation[];
  open: string | undefined;
  onOpen: (id: string | undefined, toggle?: boolean) => void;
  onOpenThreat: (key: string) => void;
  onEdit: Edit;
  onSelectElement: (id: string) => void;
}

/** What each field means, from the model's schema (the same words the JSON Schema gives editors). */
const FIELDS = MitigationSchema.shape;
const hint = (key: keyof typeof FIELDS): string | undefined => FIELDS[key].description;
const VERIFICATION = (FIELDS.verification.unwrap()).shape;
const REDUCES = (FIELDS.reduces.unwrap()).shape;

const STATUSES = MitigationStatusSchema.options;
/** The test evidence `threatwright verify` saved, as `check` marks it. */
const VERIFICATION_MARK: Record<Exclude<AssessedMitigation['verification'], 'not-checked'>, string> = { verified: '✔ verified', failed: '✖ test failed', unverified: '○ unverified', 'no-tests': 'no tests named' };
const DONE = new Set<string>(['implemented', 'verified']);

/** One entry per line; a single line stays a string, as people write it in YAML. */
function fromLines(text: string): string | string[] | undefined {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.length === 0 ? undefined : lines.length === 1 ? lines[0] : lines;
}
function toLines(v: string | readonly string[] | undefined): string {
  return v === undefined ? '' : typeof v === 'string' ? v : v.join('\n');
}
function fromList(text: string): string[] | undefined {
  const list = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return list.length > 0 ? list : undefined;
}

/**
 * A text kept as typed while the value it stands for is the same (a trailing newline or comma is
 * not lost mid-typing), and reset when the value changes from elsewhere (undo, a reload).
 */
function useDraft(text: string, same: (draft: string) => boolean): [string, (t: string) => void] {
  const [draft, setDraft] = useState(text);
  const [seen, setSeen] = useState(text);
  if (seen !== text) {
    setSeen(text);
    if (!same(draft)) setDraft(text);
  }
  return [draft, setDraft];
}

function LinesInput({ label, value, rows = 3, placeholder, onChange }: { label: string; value: string | readonly string[] | undefined; rows?: number; placeholder?: string; onChange: (v: string | string[] | undefined) => void }) {
  const text = toLines(value);
  const [draft, setDraft] = useDraft(text, (d) => toLines(fromLines(d)) === text);
  return <textarea aria-label={label} rows={rows} placeholder={placeholder} value={draft} onChange={(e) => { setDraft(e.target.value); onChange(fromLines(e.target.value)); }} />;
}

function ListInput({ label, value, onChange }: { label: string; value: readonly string[] | undefined; onChange: (v: string[] | undefined) => void }) {
  const text = (value ?? []).join(', ');
  const [draft, setDraft] = useDraft(text, (d) => (fromList(d) ?? []).join(', ') === text);
  return <input aria-label={label} placeholder="comma-separated" value={draft} onChange={(e) => { setDraft(e.target.value); onChange(fromList(e.target.value)); }} />;
}

function statusOf(m: Mitigation): string {
  return m.status ?? 'proposed';
}

export function MitigationsPanel({ model, rows, assessed, open, onOpen, onOpenThreat, onEdit, onSelectElement }: MitigationsProps) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [attention, setAttention] = useState(false);
  const mitigations = useMemo(() => model.mitigations ?? [], [model.mitigations]);
  const byId = useMemo(() => new Map(assessed.map((a) => [a.id, a])), [assessed]);
  const rowsByKey = useMemo(() => new Map(rows.map((r) => [r.key, r])), [rows]);
  const needs = (m: Mitigation): string[] => {
    const a = byId.get(m.id);
    const out: string[] = [];
    if (!m.owner?.trim()) out.push('no owner');
    if (a?.overdue) out.push(`overdue since ${m.due ?? '?'}`);
    if ((a?.threats.length ?? m.threats?.length ?? 0) === 0) out.push('addresses no threat');
    if (DONE.has(statusOf(m)) && m.reduces === undefined && m.strategy !== 'eliminate' && m.strategy !== 'transfer' && m.strategy !== 'accept') out.push('reduces nothing');
    if (a?.verification === 'failed') out.push('its test failed');
    else if (a?.verification === 'unverified') out.push('its tests did not run');
    return out;
  };
  // A mitigation opened from another panel (a threat, an issue) is brought into view.
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open === undefined) return;
    list.current?.querySelector(`[data-testid="mitigation-${CSS.escape(open)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  const q = text.trim().toLowerCase();
  const shown = mitigations.filter((m) => (m.id === open) || ((!q || `${m.id} ${m.title} ${m.owner ?? ''}`.toLowerCase().includes(q)) && (!status || statusOf(m) === status) && (!attention || needs(m).length > 0)));
  const done = mitigations.filter((m) => DONE.has(statusOf(m))).length;
  const overdue = assessed.filter((a) => a.overdue).length;
  const ownerless = mitigations.filter((m) => !m.owner?.trim()).length;
  return (
    <div className="mitigations-panel" data-testid="mitigations" ref={list}>
      <div className="filters">
        <input aria-label="Search mitigations" placeholder="Search…" value={text} onChange={(e) => { setText(e.target.value); }} />
        <select aria-label="Mitigation status" value={status} onChange={(e) => { setStatus(e.target.value); }}>
          <option value="">Any status</option>
          {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </div>
      <div className="muted small summary">
        <span>{mitigations.length} mitigations · {done} implemented or verified{overdue > 0 ? ` · ${overdue} overdue` : ''}{ownerless > 0 ? ` · ${ownerless} without owner` : ''}</span>
        <label className="check"><input type="checkbox" checked={attention} onChange={(e) => { setAttention(e.target.checked); }} /> needs attention</label>
      </div>
      {shown.length === 0 ? <div className="empty small">{mitigations.length === 0 ? 'No mitigations yet: add one here, or from a threat (its rule suggests some).' : 'No mitigation matches.'}</div> : null}
      <ul className="mitigation-list">
        {shown.map((m) => (
          <MitigationItem
            key={m.id}
            mitigation={m}
            assessed={byId.get(m.id)}
            needs={needs(m)}
            model={m.id === open ? model : undefined}
            rowsByKey={rowsByKey}
            rows={rows}
            onOpen={onOpen}
            onOpenThreat={onOpenThreat}
            onEdit={onEdit}
            onSelectElement={onSelectElement}
          />
        ))}
      </ul>
      <NewMitigationForm onAdd={(title) => {
        const r = createMitigation(model, title);
        onEdit(r.model);
        onOpen(r.id);
      }} />
    </div>
  );
}

interface ItemProps {
  mitigation: Mitigation;
  assessed: AssessedMitigation | undefined;
  needs: string[];
  /** Given to the open item only, which is the one that edits. */
  model: Model | undefined;
  rowsByKey: ReadonlyMap<string, ThreatRow>;
  rows: readonly ThreatRow[];
  onOpen: (id: string | undefined, toggle?: boolean) => void;
  onOpenThreat: (key: string) => void;
  onEdit: Edit;
  onSelectElement: (id: string) => void;
}

const MitigationItem = memo(function MitigationItem({ mitigation: m, assessed: a, needs, model, rowsByKey, rows, onOpen, onOpenThreat, onEdit, onSelectElement }: ItemProps) {
  const open = model !== undefined;
  return (
    <li className={`mitigation ${open ? 'open' : ''}`} data-testid={`mitigation-${m.id}`}>
      <button className="mitigation-head" aria-expanded={open} onClick={() => { onOpen(m.id, true); }}>
        <code>{m.id}</code>
        <span className="mitigation-title">{m.title}</span>
        <span className={`m-pill mstatus-${statusOf(m)}`}>{statusOf(m)}</span>
      </button>
      <div className="threat-meta">
        {a?.priority ? <span title="The highest priority among the live threats it serves">for {a.priority}</span> : null}
        {m.owner ? <span>{m.owner}</span> : null}
        {m.due ? <span className={a?.overdue ? 'overdue' : ''}>due {m.due}</span> : null}
        <span>{a?.threats.length ?? m.threats?.length ?? 0} threat{(a?.threats.length ?? m.threats?.length ?? 0) === 1 ? '' : 's'}</span>
        {a && a.verification !== 'not-checked' ? <span className={`verification ${a.verification}`} title={a.verificationSummary} data-testid="verification">{VERIFICATION_MARK[a.verification]}</span> : null}
        {/* What the test evidence says is shown by its mark above. */}
        {needs.filter((n) => !n.startsWith('its test')).map((n) => <span key={n} className="needs">{n}</span>)}
      </div>
      {model ? <MitigationEditor model={model} mitigation={m} summary={a?.verificationSummary} served={a?.threats ?? m.threats ?? []} rowsByKey={rowsByKey} rows={rows} onOpen={onOpen} onOpenThreat={onOpenThreat} onEdit={onEdit} onSelectElement={onSelectElement} /> : null}
    </li>
  );
});

function MitigationEditor({ model, mitigation: m, summary, served, rowsByKey, rows, onOpen, onOpenThreat, onEdit, onSelectElement }: { model: Model; mitigation: Mitigation; summary: string | undefined; served: readonly string[]; rowsByKey: ReadonlyMap<string, ThreatRow>; rows: readonly ThreatRow[]; onOpen: (id: string | undefined) => void; onOpenThreat: (key: string) => void; onEdit: Edit; onSelectElement: (id: string) => void }) {
  const id = m.id;
  const set = (key: keyof Mitigation, value: unknown, typing = false) => {
    onEdit(updateMitigation(model, id, { [key]: value }), typing ? `${id}.${key}` : undefined);
  };
  const setVerification = (key: 'test' | 'description' | 'evidence', value: unknown) => {
    const next = { ...m.verification, [key]: value };
    const kept = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''));
    set('verification', Object.keys(kept).length > 0 ? kept : undefined, true);
  };
  const setReduces = (key: 'likelihood' | 'impact' | 'cvss', value: number | string | undefined) => {
    const next = { ...m.reduces, [key]: value };
    const kept = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''));
    set('reduces', Object.keys(kept).length > 0 ? kept : undefined, key === 'cvss');
  };
  const linked = m.threats ?? [];
  // Threats it serves: linked from here, or listing it from their own entry.
  const threats = [...new Set([...linked, ...served])];
  const linkable = rows.filter((r) => !threats.includes(r.key));
  const elements = [...(model.components ?? []), ...(model.flows ?? []), ...(model.boundaries ?? [])].map((e) => ({ id: e.id, name: 'name' in e ? e.name : (e.label ?? `${e.from} → ${e.to}`) }));
  const steps = [0, 1, 2, 3, 4];
  return (
    <div className="mitigation-editor triage" data-testid="mitigation-editor">
      <div className="triage-grid">
        <label className="wide">Id
          <IdInput id={id} model={model} onRename={(to) => { onEdit(renameId(model, id, to)); onOpen(to); }} />
        </label>
        <label className="wide">Title *
          <input aria-label="Title" value={m.title} onChange={(e) => { set('title', e.target.value === '' ? undefined : e.target.value, true); }} />
        </label>
        <label className="wide">Description
          <textarea aria-label="Description" rows={2} value={m.description ?? ''} onChange={(e) => { set('description', e.target.value, true); }} />
        </label>
        <label>Status
          <select aria-label="Status of this mitigation" value={statusOf(m)} onChange={(e) => { set('status', e.target.value); }}>
            {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label title={hint('strategy')}>Strategy
          <select aria-label="Strategy" value={m.strategy ?? ''} onChange={(e) => { set('strategy', e.target.value || undefined); }}>
            <option value="">—</option>
            {ResponseKindSchema.options.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label className="wide">Owner
          <input aria-label="Owner" placeholder="a person or a team" value={m.owner ?? ''} onChange={(e) => { set('owner', e.target.value, true); }} />
        </label>
        <label>Due
          <input aria-label="Due" type="date" value={m.due ?? ''} onChange={(e) => { set('due', e.target.value); }} />
        </label>
        <label title={hint('implemented')}>Implemented on
          <input aria-label="Implemented on" type="date" value={m.implemented ?? ''} onChange={(e) => { set('implemented', e.target.value); }} />
        </label>
        <label title={hint('verified')}>Verified on
          <input aria-label="Verified on" type="date" value={m.verified ?? ''} onChange={(e) => { set('verified', e.target.value); }} />
        </label>
        <label title={hint('estimate')}>Estimate
          <input aria-label="Estimate" placeholder="3d, 1w, 5 points" value={m.estimate ?? ''} onChange={(e) => { set('estimate', e.target.value, true); }} />
        </label>
        <label>Ticket
          <input aria-label="Ticket" value={m.ticket ?? ''} onChange={(e) => { set('ticket', e.target.value, true); }} />
        </label>
        <label>Tags
          <ListInput label="Tags" value={m.tags} onChange={(v) => { set('tags', v, true); }} />
        </label>
        <label className="wide" title={hint('acceptance')}>Acceptance criteria <span className="muted small">one per line</span>
          <LinesInput label="Acceptance criteria" value={m.acceptance} onChange={(v) => { set('acceptance', v, true); }} />
        </label>
      </div>
      <fieldset className="triage-grid">
        <legend>Verification</legend>
        {summary ? <div className="wide muted small" data-testid="verification-summary">Last <code>threatwright verify</code>: {summary}</div> : null}
        <label className="wide" title={VERIFICATION.test.description}>Tests <span className="muted small">one per line, as named in JUnit results</span>
          <LinesInput label="Verification tests" rows={2} value={m.verification?.test} onChange={(v) => { setVerification('test', v); }} />
        </label>
        <label className="wide" title={VERIFICATION.description.description}>What the test shows
          <textarea aria-label="What the test shows" rows={2} value={m.verification?.description ?? ''} onChange={(e) => { setVerification('description', e.target.value); }} />
        </label>
        <label className="wide">Evidence
          <input aria-label="Evidence" placeholder="a link to a run, a report, a review" value={m.verification?.evidence ?? ''} onChange={(e) => { setVerification('evidence', e.target.value); }} />
        </label>
      </fieldset>
      <fieldset className="triage-grid">
        <legend title={hint('reduces')}>Reduces, once implemented</legend>
        <label>Likelihood by
          <select aria-label="Reduces likelihood by" value={m.reduces?.likelihood ?? ''} onChange={(e) => { setReduces('likelihood', e.target.value === '' ? undefined : Number(e.target.value)); }}>
            <option value="">—</option>
            {steps.map((n) => <option key={n} value={n}>{n} step{n === 1 ? '' : 's'}</option>)}
          </select>
        </label>
        <label>Impact by
          <select aria-label="Reduces impact by" value={m.reduces?.impact ?? ''} onChange={(e) => { setReduces('impact', e.target.value === '' ? undefined : Number(e.target.value)); }}>
            <option value="">—</option>
            {steps.map((n) => <option key={n} value={n}>{n} step{n === 1 ? '' : 's'}</option>)}
          </select>
        </label>
        <label className="wide" title={REDUCES.cvss.description}>CVSS environment
          <input aria-label="Reduces CVSS" placeholder="MAV:A/MPR:H" value={m.reduces?.cvss ?? ''} onChange={(e) => { setReduces('cvss', e.target.value); }} />
        </label>
      </fieldset>
      <div className="links">
        <div className="sub">Threats it addresses</div>
        {threats.length === 0 ? <div className="muted small">None yet: link a threat below, or add the mitigation from a threat.</div> : null}
        <ul className="linked">
          {threats.map((key) => {
            const r = rowsByKey.get(key);
            return (
              <li key={key} data-testid={`linked-${key}`}>
                {r ? <span className={`band-pill ${r.band ?? 'unrated'}`}>{r.rating}</span> : <span className="muted small">(no such threat)</span>}
                <button className="link" onClick={() => { onOpenThreat(key); }} title="Open this threat">{r?.title ?? key}</button>
                <code className="muted">{key}</code>
                <button className="icon" aria-label={`Unlink ${key}`} title="Unlink" onClick={() => { onEdit(linkMitigation(model, id, key, false)); }}>✕</button>
              </li>
            );
          })}
        </ul>
        <select aria-label="Link a threat" value="" onChange={(e) => { if (e.target.value) onEdit(linkMitigation(model, id, e.target.value, true)); }}>
          <option value="">+ link a threat…</option>
          {linkable.slice(0, 2000).map((r) => <option key={r.key} value={r.key}>{r.rating} · {r.title} ({r.key})</option>)}
        </select>
      </div>
      <div className="links">
        <div className="sub">Elements</div>
        <div className="chips">
          {(m.elements ?? []).map((e) => (
            <span key={e} className="chip-pair">
              <button className="chip" onClick={() => { onSelectElement(e); }}>{e}</button>
              <button className="icon" aria-label={`Remove ${e}`} onClick={() => { set('elements', (m.elements ?? []).filter((x) => x !== e)); }}>✕</button>
            </span>
          ))}
        </div>
        <select aria-label="Add an element" value="" onChange={(e) => { if (e.target.value) set('elements', [...(m.elements ?? []), e.target.value]); }}>
          <option value="">+ add an element…</option>
          {elements.filter((e) => !(m.elements ?? []).includes(e.id)).map((e) => <option key={e.id} value={e.id}>{e.id} · {e.name}</option>)}
        </select>
      </div>
      <div className="row end">
        <button className="danger" onClick={() => { onEdit(deleteMitigation(model, id)); onOpen(undefined); }}>Delete mitigation</button>
      </div>
    </div>
  );
}

function IdInput({ id, model, onRename }: { id: string; model: Model; onRename: (to: string) => void }) {
  const [draft, setDraft] = useDraft(id, (d) => d === id);
  const [error, setError] = useState<string | undefined>();
  const commit = () => {
    if (draft === id) return;
    if (!ID_PATTERN.test(draft)) {
      setError('an id starts with a letter; letters, digits, _ . : - only');
      return;
    }
    if (allIds(model).has(draft)) {
      setError(`${draft} is already used`);
      return;
    }
    setError(undefined);
    onRename(draft);
  };
  return (
    <>
      <input aria-label="Mitigation id" value={draft} onChange={(e) => { setDraft(e.target.value); }} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />
      {error ? <span className="field-error">{error}</span> : null}
    </>
  );
}

/** "New mitigation…" and Add: the one form the Mitigations panel and each threat use, given the title trimmed. */
export function NewMitigationForm({ onAdd }: { onAdd: (title: string) => void }) {
  const [title, setTitle] = useState('');
  return (
    <form className="add-mitigation" onSubmit={(e) => {
      e.preventDefault();
      if (!title.trim()) return;
      onAdd(title.trim());
      setTitle('');
    }}>
      <input aria-label="New mitigation" placeholder="New mitigation…" value={title} onChange={(e) => { setTitle(e.target.value); }} />
      <button type="submit" disabled={!title.trim()}>Add</button>
    </form>
  );
}
