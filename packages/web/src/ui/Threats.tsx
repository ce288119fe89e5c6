/**
 * The threats panel: every derived and manual threat, filterable, with triage and mitigations. Baseline
 * entries (STRIDE questions the model does not answer yet) are listed apart, in a group collapsed by
 * default, per element with their questions.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bandName, ResponseKindSchema, ThreatStatusSchema, UNRATED, type Model, type ThreatEntry, type ThreatStatus } from '@threatwright/core';
import { BANDS, baselineGroups, filterRows, isBaselineRow, isOpenRow, OPEN_FILTER, type BandFilter, type BaselineGroup, type Standing, type ThreatCounts, type ThreatFilter, type ThreatRow } from '../model/analysis.js';
import { addMitigation, adoptSuggestion, linkMitigation, setDecision, updateThreat } from '../model/ops.js';
import { NewMitigationForm } from './Mitigations.js';


export interface ThreatsProps {
  model: Model;
  rows: readonly ThreatRow[];
  /** Core's counts: how many threats the analysis holds, baseline entries apart. */
  counts: ThreatCounts;
  problems: readonly string[];
  focus: string | undefined;
  onFocus: (id: string | undefined) => void;
  onEdit: (model: Model, group?: string) => void;
  onSelectElement: (id: string) => void;
  /** The threat open for triage, kept by the editor so other panels can open one. */
  open: string | undefined;
  onOpen: (key: string | undefined, toggle?: boolean) => void;
  /** Opens a mitigation in the mitigations panel. */
  onOpenMitigation: (id: string) => void;
}

/** Display names of the model's elements by id (components first, as a lookup by id finds them). */
function namesOf(model: Model): Map<string, string> {
  const names = new Map<string, string>();
  const add = (id: string, name: string | undefined) => {
    if (name !== undefined && !names.has(id)) names.set(id, name);
  };
  for (const c of model.components ?? []) add(c.id, c.name);
  for (const f of model.flows ?? []) add(f.id, f.label);
  for (const b of model.boundaries ?? []) add(b.id, b.name);
  return names;
}

/** Threats listed at most, and in the first drawing: the rest follow in small steps, so the page is never held up long. */
const MAX_SHOWN = 300;
const PAGE = 50;

/** Where a threat stands, as the counts say it, and the statuses a model can give it: one select. */
const STANDINGS: readonly Standing[] = ['open', 'mitigated', 'accepted', 'transferred', 'dismissed'];
function whereValue(f: ThreatFilter): string {
  return f.standing !== undefined ? `standing:${f.standing}` : f.status !== undefined ? `status:${f.status}` : '';
}
function whereFilter(value: string): Pick<ThreatFilter, 'standing' | 'status'> {
  const [kind, v] = value.split(':');
  return { standing: kind === 'standing' ? (v as Standing) : undefined, status: kind === 'status' ? (v as ThreatStatus) : undefined };
}

export function ThreatsPanel({ model, rows, counts, problems, focus, onFocus, onEdit, onSelectElement, open, onOpen, onOpenMitigation }: ThreatsProps) {
  const [filter, setFilterState] = useState<Omit<ThreatFilter, 'element'>>(OPEN_FILTER);
  /**
   * A filter the user changes closes the open threat when it does not match: it stays in view while
   * it is being triaged (and, say, just accepted), not once the user asks for other threats.
   */
  const setFilter = (next: Omit<ThreatFilter, 'element'>) => {
    setFilterState(next);
    const row = open === undefined ? undefined : rows.find((r) => r.key === open);
    if (row && filterRows([row], { ...next, element: focus }).length === 0) onOpen(undefined);
  };
  const [elementsShown, setElementsShown] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const [baselineOpen, setBaselineOpen] = useState(false);
  // The threat being triaged stays in view even once it no longer matches the filter (e.g. just accepted).
  const { shown, baseline } = useMemo(() => {
    const matching = new Set(filterRows(rows, { ...filter, element: focus }));
    const specific: ThreatRow[] = [];
    const entries: ThreatRow[] = [];
    for (const r of rows) {
      if (!matching.has(r) && r.key !== open) continue;
      (isBaselineRow(r) ? entries : specific).push(r);
    }
    return { shown: specific, baseline: entries };
  }, [rows, filter, focus, open]);
  const more = shown.length > limit && limit < MAX_SHOWN;
  useEffect(() => {
    if (!more) return;
    const t = setTimeout(() => {
      setLimit((l) => l + PAGE);
    }, 16);
    return () => {
      clearTimeout(t);
    };
  }, [more, limit]);
  const categories = useMemo(() => [...new Set(rows.map((r) => r.category).filter((c): c is NonNullable<typeof c> => c !== undefined))].sort(), [rows]);
  const elements = useMemo(() => (elementsShown ? [...new Set(rows.flatMap((r) => r.elements))].sort() : []), [rows, elementsShown]);
  const names = useMemo(() => namesOf(model), [model]);
  const order = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of model.components ?? []) m.set(c.id, m.size);
    for (const f of model.flows ?? []) m.set(f.id, m.size);
    return m;
  }, [model]);
  // Grouped only while the group is open: a large model has thousands of entries.
  const groups = useMemo(() => (baselineOpen ? baselineGroups(baseline, order) : []), [baselineOpen, baseline, order]);
  const nameOf = useCallback((id: string) => names.get(id) ?? id, [names]);
  // The rows are drawn once each: the callbacks they get never change.
  const latest = useRef({ onSelectElement, onOpen, onOpenMitigation });
  latest.current = { onSelectElement, onOpen, onOpenMitigation };
  const toggle = useCallback((key: string) => {
    latest.current.onOpen(key, true);
  }, []);
  const selectElement = useCallback((id: string) => {
    latest.current.onSelectElement(id);
  }, []);
  const openMitigation = useCallback((id: string) => {
    latest.current.onOpenMitigation(id);
  }, []);
  // A threat opened from another panel (an issue, a mitigation's link) is brought into view.
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open === undefined) return;
    const row = list.current?.querySelector(`[data-testid="threat-${CSS.escape(open)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  return (
    <div className="threats" data-testid="threats" ref={list}>
      <div className="filters">
        <input aria-label="Search threats" placeholder="Search…" value={filter.text ?? ''} onChange={(e) => { setFilter({ ...filter, text: e.target.value || undefined }); }} />
        {/* Thousands of options on a large model: they are made when the list is first used. */}
        <select aria-label="Element" value={focus ?? ''} onChange={(e) => { onFocus(e.target.value || undefined); }} onFocus={() => { setElementsShown(true); }} onPointerDown={() => { setElementsShown(true); }}>
          <option value="">All elements</option>
          {(elementsShown ? elements : focus ? [focus] : []).map((id) => <option key={id} value={id}>{id} · {nameOf(id)}</option>)}
        </select>
        <select aria-label="Category" value={filter.category ?? ''} onChange={(e) => { setFilter({ ...filter, category: e.target.value || undefined }); }}>
          <option value="">All categories</option>
          {categories.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <select aria-label="Band" value={filter.band ?? ''} onChange={(e) => { setFilter({ ...filter, band: (e.target.value || undefined) as BandFilter | undefined }); }}>
          <option value="">All bands</option>
          {BANDS.map((b) => <option key={b} value={b}>{bandName(b)}</option>)}
          <option value="unrated">{UNRATED}</option>
        </select>
        <select aria-label="Status" value={whereValue(filter)} onChange={(e) => { setFilter({ ...filter, ...whereFilter(e.target.value) }); }}>
          <option value="">Any status</option>
          <optgroup label="Counted as">
            {STANDINGS.map((s) => <option key={s} value={`standing:${s}`}>{s.charAt(0).toUpperCase() + s.slice(1)}</option>)}
          </optgroup>
          <optgroup label="Status in the model">
            {ThreatStatusSchema.options.map((s) => <option key={s} value={`status:${s}`}>status: {s}</option>)}
          </optgroup>
        </select>
      </div>
      <div className="muted small summary">
        <span>{shown.length} of {counts.threats} threats{focus ? ` on ${focus}` : ''}{baseline.length > 0 ? ` · ${baseline.length} baseline` : ''}</span>
        {focus ? <button className="link" onClick={() => { onFocus(undefined); }}>show all</button> : null}
      </div>
      {problems.map((p) => <div key={p} className="problem">{p}</div>)}
      {shown.length === 0 ? <div className="empty small">No threats match. {rows.length === 0 ? 'Add components and flows: threats appear as you draw.' : ''}</div> : null}
      <ul className="threat-list">
        {shown.slice(0, Math.min(limit, MAX_SHOWN)).map((r) => (
          <ThreatItem key={r.key} row={r} model={open === r.key ? model : undefined} nameOf={nameOf} onToggle={toggle} onSelectElement={selectElement} onOpenMitigation={openMitigation} onEdit={onEdit} />
        ))}
      </ul>
      {shown.length > MAX_SHOWN ? <div className="muted small">Showing the first {MAX_SHOWN}; narrow the filter to see the rest.</div> : null}
      {baseline.length > 0 ? (
        <details className="baseline" data-testid="baseline" open={baselineOpen} onToggle={(e) => { setBaselineOpen(e.currentTarget.open); }}>
          <summary>
            <span className="baseline-title">Baseline</span>
            <span className="count">{baseline.length}</span>
            <span className="muted small"> what the model does not yet say</span>
          </summary>
          <p className="muted small">
            Not threats: each entry asks the fact that controls a STRIDE category where a flow enters an element from outside. Answer it in the element's or flow's properties: the safe value closes it, the unsafe one turns it into a finding. Never rated above medium.
          </p>
          {groups.map((g) => (
            <BaselineElement key={g.element} group={g} model={model} open={open} nameOf={nameOf} onToggle={toggle} onSelectElement={selectElement} onOpenMitigation={openMitigation} onEdit={onEdit} />
          ))}
        </details>
      ) : null}
    </div>
  );
}

/** One element's baseline entries: the categories open, the flows that enter it, the questions, and each entry to triage. */
function BaselineElement({ group: g, model, open, nameOf, onToggle, onSelectElement, onOpenMitigation, onEdit }: { group: BaselineGroup; model: Model; open: string | undefined; nameOf: (id: string) => string; onToggle: (key: string) => void; onSelectElement: (id: string) => void; onOpenMitigation: (id: string) => void; onEdit: (model: Model, group?: string) => void }) {
  const questions = [...new Set(g.rows.flatMap((r) => r.threat.unstated.map((u) => u.question)))];
  return (
    <div className="baseline-element" data-testid={`baseline-${g.element}`}>
      <div className="baseline-head">
        <button className="chip" onClick={() => { onSelectElement(g.element); }}>{g.element}</button>
        <strong>{nameOf(g.element)}</strong>
        {g.flows.length > 0 ? <span className="muted small">← {g.flows.join(', ')}</span> : null}
      </div>
      <div className="baseline-categories small">{g.rows.map((r) => r.category ?? 'uncategorized').join(' · ')}</div>
      <ul className="questions">{questions.map((q) => <li key={q}>? {q}</li>)}</ul>
      <ul className="threat-list">
        {g.rows.map((r) => <ThreatItem key={r.key} row={r} model={open === r.key ? model : undefined} nameOf={nameOf} onToggle={onToggle} onSelectElement={onSelectElement} onOpenMitigation={onOpenMitigation} onEdit={onEdit} />)}
      </ul>
    </div>
  );
}

interface ThreatItemProps {
  row: ThreatRow;
  /** Given to the open row only, which is the one that edits. */
  model: Model | undefined;
  nameOf: (id: string) => string;
  onToggle: (key: string) => void;
  onSelectElement: (id: string) => void;
  onOpenMitigation: (id: string) => void;
  onEdit: (model: Model, group?: string) => void;
}

const ThreatItem = memo(function ThreatItem({ row: r, model, nameOf, onToggle, onSelectElement, onOpenMitigation, onEdit }: ThreatItemProps) {
  const open = model !== undefined;
  return (
    <li className={`threat ${open ? 'open' : ''} ${isOpenRow(r) ? '' : 'closed'}`} data-testid={`threat-${r.key}`} data-confidence={r.confidence} data-standing={r.standing}>
      <button className="threat-head" onClick={() => { onToggle(r.key); }} aria-expanded={open}>
        <span className={`band-pill ${r.band ?? 'unrated'}`} title={r.inherent ? `residual risk; ${r.inherent} before its implemented mitigations` : 'residual risk'}>{r.rating}</span>
        <span className="threat-title">{r.title}</span>
        <StatusPill row={r} />
      </button>
      <div className="threat-meta">
        <code>{r.key}</code>
        {r.category ? <span>{r.category}</span> : null}
        {r.inherent ? <span title="before its implemented mitigations">from {r.inherent}</span> : null}
        {r.elements.map((e) => <button key={e} className="chip" onClick={() => { onSelectElement(e); }} title={nameOf(e)}>{e}</button>)}
      </div>
      {model ? <Triage model={model} row={r} onEdit={onEdit} onOpenMitigation={onOpenMitigation} /> : null}
    </li>
  );
});

/** What the model says of it (its status) and, where that is not what it counts as, why: an acceptance without who, why and until when stays open. */
function StatusPill({ row: r }: { row: ThreatRow }) {
  const stillOpen = isOpenRow(r) && r.status !== 'open' && r.status !== 'in-progress';
  return (
    <span className={`status-pill status-${stillOpen ? 'not-in-force' : r.status}`} title={r.reason}>
      {r.status}{stillOpen ? ' · open' : ''}
    </span>
  );
}

function Triage({ model, row, onEdit, onOpenMitigation }: { model: Model; row: ThreatRow; onEdit: (model: Model, group?: string) => void; onOpenMitigation: (id: string) => void }) {
  const entry: ThreatEntry = row.entry ?? {};
  const patch = (p: Partial<ThreatEntry>, group?: string) => {
    onEdit(row.kind === 'derived' ? setDecision(model, row.key, p) : updateThreat(model, row.key, p), group);
  };
  const rule = row.rule;
  const t = row.threat;
  const mitigations = (model.mitigations ?? []).filter((m) => row.mitigations.includes(m.id));
  const others = (model.mitigations ?? []).filter((m) => !row.mitigations.includes(m.id));
  const norm = (x: string) => x.trim().toLowerCase().replace(/\s+/g, ' ');
  // Suggestions not linked yet, numbered as the rule lists them (what `threatwright adopt --pick` counts).
  const suggestions = (rule?.mitigations ?? []).map((s, i) => ({ s, n: i + 1 })).filter(({ s }) => !mitigations.some((m) => norm(m.title) === norm(s.title)));
  const scale = [1, 2, 3, 4, 5];
  // An acceptance or a transfer is in force only once it says who, why and until when (or to whom).
  const accepting = entry.status === 'accepted' || entry.response === 'accept' || entry.accepted_by !== undefined;
  const transferring = entry.status === 'transferred' || entry.response === 'transfer' || entry.transfer_to !== undefined;
  // Any decision can say when it must be revisited; a dismissal past that date counts as open again.
  const decided = accepting || transferring || entry.status === 'false-positive' || entry.status === 'not-applicable' || entry.expires !== undefined;
  return (
    <div className="triage">
      {row.message ? <p className="message">{row.message}</p> : null}
      {t.facts.length > 0 || t.unstated.length > 0 ? (
        <details>
          <summary>Why ({t.confidence})</summary>
          <ul className="facts">{t.facts.map((f) => <li key={`${f.subject}.${f.key}`}>{f.text}</li>)}</ul>
          {t.unstated.length > 0 ? <ul className="questions">{t.unstated.map((u) => <li key={`${u.subject}.${u.key}`}>? {u.question}</li>)}</ul> : null}
        </details>
      ) : null}
      <div className="triage-grid">
        <label>Status
          <select aria-label="Status of this threat" value={entry.status ?? 'open'} onChange={(e) => { patch({ status: e.target.value === 'open' && row.kind === 'derived' ? undefined : (e.target.value as ThreatStatus) }); }}>
            {ThreatStatusSchema.options.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>Response
          <select aria-label="Response" value={entry.response ?? ''} onChange={(e) => { patch({ response: (e.target.value || undefined) as ThreatEntry['response'] }); }}>
            <option value="">—</option>
            {ResponseKindSchema.options.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>Likelihood
          <select aria-label="Likelihood" value={entry.likelihood ?? ''} onChange={(e) => { patch({ likelihood: e.target.value ? Number(e.target.value) : undefined }); }}>
            <option value="">{t.derived ? `rule: ${t.derived.likelihood}` : '—'}</option>
            {scale.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>Impact
          <select aria-label="Impact" value={entry.impact ?? ''} onChange={(e) => { patch({ impact: e.target.value ? Number(e.target.value) : undefined }); }}>
            <option value="">{t.derived ? `rule: ${t.derived.impact}` : '—'}</option>
            {scale.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>Owner
          <input aria-label="Owner" value={entry.owner ?? ''} onChange={(e) => { patch({ owner: e.target.value || undefined }, `${row.key}.owner`); }} />
        </label>
        <label>Ticket
          <input aria-label="Ticket" value={entry.ticket ?? ''} onChange={(e) => { patch({ ticket: e.target.value || undefined }, `${row.key}.ticket`); }} />
        </label>
        <label className="wide" title="A CVSS 3.1 or 4.0 vector scores it instead of likelihood × impact">CVSS vector
          <input aria-label="CVSS vector" placeholder="CVSS:3.1/AV:N/…" value={entry.cvss ?? ''} onChange={(e) => { patch({ cvss: e.target.value || undefined }, `${row.key}.cvss`); }} />
        </label>
        <label className="wide">Justification
          <textarea aria-label="Justification" rows={2} value={entry.justification ?? ''} onChange={(e) => { patch({ justification: e.target.value || undefined }, `${row.key}.justification`); }} />
        </label>
        {accepting ? (
          <>
            <label className="wide">Accepted by
              <input aria-label="Accepted by" value={entry.accepted_by ?? ''} onChange={(e) => { patch({ accepted_by: e.target.value || undefined }, `${row.key}.accepted_by`); }} />
            </label>
          </>
        ) : null}
        {decided ? (
          <label title="When the decision must be revisited: past it, the threat counts as open again and `threatwright check` fails on an expired acceptance">Expires
            <input aria-label="Expires" type="date" value={entry.expires ?? ''} onChange={(e) => { patch({ expires: e.target.value || undefined }, `${row.key}.expires`); }} />
          </label>
        ) : null}
        {transferring ? (
          <label className="wide">Transferred to
            <input aria-label="Transferred to" value={entry.transfer_to ?? ''} onChange={(e) => { patch({ transfer_to: e.target.value || undefined }, `${row.key}.transfer_to`); }} />
          </label>
        ) : null}
      </div>
      {isOpenRow(row) && row.status !== 'open' && row.status !== 'in-progress' ? <p className="standing-note small" data-testid="standing-note">Still counted as open — {row.reason}.</p> : null}
      <div className="mitigations">
        <div className="sub">Mitigations</div>
        {mitigations.length === 0 ? <div className="muted small">None yet.</div> : null}
        <ul className="linked">
          {mitigations.map((m) => (
            <li key={m.id} data-testid={`threat-mitigation-${m.id}`}>
              <button className="link" onClick={() => { onOpenMitigation(m.id); }} title="Edit this mitigation: owner, due date, status, acceptance criteria, verification"><code>{m.id}</code> {m.title}</button>
              <span className={`m-pill mstatus-${m.status ?? 'proposed'}`}>{m.status ?? 'proposed'}</span>
              {m.owner ? <span className="muted small">{m.owner}</span> : <span className="needs small">no owner</span>}
              {m.due ? <span className="muted small">due {m.due}</span> : null}
              {(m.threats ?? []).includes(row.key) || model.threats?.some((t) => (t.id === row.key || (t.id === undefined && t.fingerprint === row.key)) && t.mitigations?.includes(m.id)) ? (
                <button className="icon" aria-label={`Unlink ${m.id}`} title="Unlink from this threat" onClick={() => { onEdit(linkMitigation(model, m.id, row.key, false)); }}>✕</button>
              ) : null}
            </li>
          ))}
        </ul>
        {rule && suggestions.length > 0 ? (
          <div className="suggest">
            <div className="muted small">The rule suggests (adds its acceptance criteria and test, as <code>threatwright adopt</code> does):</div>
            {suggestions.map(({ s: sug, n }) => (
              <button key={sug.title} className="chip add" title={`${sug.acceptance}\nTest: ${sug.verification}`} onClick={() => {
                const r = adoptSuggestion(model, { id: row.key, ruleId: rule.id, title: row.title }, rule.mitigations, n);
                if (r.id !== undefined) onEdit(r.model);
              }}>+ {sug.title}</button>
            ))}
          </div>
        ) : null}
        {others.length > 0 ? (
          <select aria-label="Link an existing mitigation" value="" onChange={(e) => { if (e.target.value) onEdit(linkMitigation(model, e.target.value, row.key, true)); }}>
            <option value="">+ link an existing mitigation…</option>
            {others.map((m) => <option key={m.id} value={m.id}>{m.id} · {m.title}</option>)}
          </select>
        ) : null}
        <NewMitigationForm onAdd={(title) => { onEdit(addMitigation(model, row.key, title, row.elements).model); }} />
      </div>
    </div>
  );
}
