/**
 * The properties panel, generated from the model schema: enums become choices, tri-state
 * properties a "not stated / yes / no" switch, references a choice of existing ids.
 */
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { BoundarySchema, BUILTIN_PROTOCOLS, BUILTIN_TYPES, ComponentSchema, FlowSchema, ID_PATTERN, PROPERTIES, type Model } from '@threatwright/core';
import { addAsset, assign, renameId, updateItem, type Section } from '../model/ops.js';

interface JsonSchema {
  type?: string | string[];
  enum?: string[];
  description?: string;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
}

const SCHEMAS: Partial<Record<Section, JsonSchema>> = {
  components: z.toJSONSchema(ComponentSchema) as JsonSchema,
  flows: z.toJSONSchema(FlowSchema) as JsonSchema,
  boundaries: z.toJSONSchema(BoundarySchema) as JsonSchema,
};

/** Fields that hold ids of other objects, and which section those come from. */
const REFS: Record<string, Record<string, { section: 'components' | 'boundaries' | 'assets'; many: boolean }>> = {
  components: { boundary: { section: 'boundaries', many: false } },
  flows: { from: { section: 'components', many: false }, to: { section: 'components', many: false }, data: { section: 'assets', many: true } },
  boundaries: { parent: { section: 'boundaries', many: false } },
};
const LONG_TEXT = new Set(['description', 'reason', 'justification']);
const TRUST_LEVELS = ['untrusted', 'low', 'medium', 'high', 'trusted'];

function findItem(model: Model, id: string): { section: Section; item: Record<string, unknown> } | undefined {
  for (const section of ['components', 'flows', 'boundaries'] as const) {
    const item = (model[section] as { id: string }[] | undefined)?.find((x) => x.id === id);
    if (item) return { section, item: item };
  }
  return undefined;
}

function humanize(key: string): string {
  const s = key.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface PropertiesProps {
  model: Model;
  selection: string | undefined;
  onEdit: (model: Model, group?: string, select?: string[]) => void;
  onSelect: (ids: string[]) => void;
}

export function Properties({ model, selection, onEdit, onSelect }: PropertiesProps) {
  const found = selection ? findItem(model, selection) : undefined;
  if (!found || !selection) {
    return (
      <div className="empty">
        <h3>Nothing selected</h3>
        <p>Click a component, flow or trust boundary on the diagram to edit it here.</p>
        <p className="muted">Add elements with the toolbar or the keys P (process), D (data store), E (external entity) and B (boundary). Drag from one element’s edge to another to draw a data flow.</p>
      </div>
    );
  }
  const { section, item } = found;
  const schema = SCHEMAS[section];
  if (!schema?.properties) return null;
  const set = (key: string, value: unknown) => {
    onEdit(updateItem(model, section, selection, { [key]: value }), `${selection}.${key}`);
  };
  return (
    <div className="properties" data-testid="properties">
      <div className="panel-head">
        <span className="section-tag">{section === 'components' ? String(item['kind']) : section === 'flows' ? 'data flow' : 'trust boundary'}</span>
        {/* Keyed by the element: its draft must never outlive the selection (it showed the previous element's id). */}
        <IdField key={selection} id={selection} model={model} onRename={(to) => { onEdit(renameId(model, selection, to), undefined, [to]); onSelect([to]); }} />
      </div>
      {schema.description ? <p className="muted small">{schema.description}</p> : null}
      <div className="fields">
        {Object.entries(schema.properties).map(([key, field]) => {
          if (key === 'id') return null;
          return (
            <Field
              key={`${selection}.${key}`}
              name={key}
              field={field}
              required={schema.required?.includes(key) ?? false}
              value={item[key]}
              model={model}
              section={section}
              self={selection}
              onChange={(v) => { set(key, v); }}
              onModel={(m) => { onEdit(m); }}
            />
          );
        })}
      </div>
    </div>
  );
}

function IdField({ id, model, onRename }: { id: string; model: Model; onRename: (to: string) => void }) {
  const [draft, setDraft] = useState(id);
  const [error, setError] = useState<string | undefined>();
  const commit = () => {
    if (draft === id) return;
    if (!ID_PATTERN.test(draft)) {
      setError('an id starts with a letter; letters, digits, _ . : - only');
      return;
    }
    const taken = JSON.stringify(model).includes(`"id":${JSON.stringify(draft)}`);
    if (taken) {
      setError(`${draft} is already used`);
      return;
    }
    setError(undefined);
    onRename(draft);
  };
  return (
    <label className="id-field" title="Renaming updates every reference to it">
      <input aria-label="Id" value={draft} onChange={(e) => { setDraft(e.target.value); }} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />
      {error ? <span className="field-error">{error}</span> : null}
    </label>
  );
}

interface FieldProps {
  name: string;
  field: JsonSchema;
  required: boolean;
  value: unknown;
  model: Model;
  section: Section;
  self: string;
  onChange: (value: unknown) => void;
  /** Replaces the whole model (for edits that add something elsewhere, like a new asset). */
  onModel: (model: Model) => void;
}

function Field(props: FieldProps) {
  const { name, field, value, required, onChange } = props;
  const label = humanize(name) + (required ? ' *' : '');
  const hint = field.description;
  const ref = REFS[props.section]?.[name];
  let control: React.ReactNode;
  if (ref) control = <RefControl {...props} refSection={ref.section} many={ref.many} />;
  else if (name === 'properties') control = <PropertiesControl value={value as Record<string, string | number | boolean> | undefined} kind={props.section === 'flows' ? 'flow' : (props.model.components?.find((c) => c.id === props.self)?.kind ?? 'process')} onChange={onChange} />;
  else if (name === 'assets' && field.properties) control = <AssetsControl {...props} />;
  else if (name === 'trust') control = <TrustControl value={value as number | string | undefined} onChange={onChange} />;
  else if (field.enum) {
    control = (
      <select aria-label={label} value={typeof value === 'string' ? value : ''} onChange={(e) => { onChange(e.target.value || undefined); }}>
        {required ? null : <option value="">— not set —</option>}
        {field.enum.map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
    );
  } else if (field.type === 'boolean') control = <TriState label={label} value={value as boolean | undefined} onChange={onChange} />;
  else if (field.type === 'array') control = <ListInput label={label} value={value as string[] | undefined} onChange={onChange} />;
  else if (field.type === 'string') {
    const list = name === 'type' && props.section === 'components' ? 'component-types' : name === 'protocol' ? 'protocols' : undefined;
    control = LONG_TEXT.has(name) ? (
      <textarea aria-label={label} value={typeof value === 'string' ? value : ''} rows={3} onChange={(e) => { onChange(e.target.value || undefined); }} />
    ) : (
      <>
        <input aria-label={label} value={typeof value === 'string' ? value : ''} list={list} onChange={(e) => { onChange(e.target.value === '' && !required ? undefined : e.target.value); }} />
        {list === 'component-types' ? <datalist id={list}>{Object.keys(BUILTIN_TYPES).map((t) => <option key={t} value={t} />)}</datalist> : null}
        {list === 'protocols' ? <datalist id={list}>{Object.keys(BUILTIN_PROTOCOLS).map((t) => <option key={t} value={t} />)}</datalist> : null}
      </>
    );
  } else return null;
  return (
    <div className={`field field-${name}`}>
      <div className="field-label" title={hint}>{label}</div>
      {control}
      {hint && (field.type === 'boolean' || name === 'trust') ? <div className="field-hint">{hint.replace(/ Leave it out when not known: the analysis asks instead of guessing\.$/, '')}</div> : null}
    </div>
  );
}

function TriState({ label, value, onChange }: { label: string; value: boolean | undefined; onChange: (v: boolean | undefined) => void }) {
  const options: { v: boolean | undefined; text: string }[] = [
    { v: undefined, text: 'not stated' },
    { v: true, text: 'yes' },
    { v: false, text: 'no' },
  ];
  return (
    <div className="tristate" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button key={o.text} role="radio" aria-checked={value === o.v} className={value === o.v ? `on ${o.text.replace(' ', '-')}` : ''} onClick={() => { onChange(o.v); }}>
          {o.text}
        </button>
      ))}
    </div>
  );
}

function ListInput({ label, value, onChange }: { label: string; value: string[] | undefined; onChange: (v: string[] | undefined) => void }) {
  const [draft, setDraft] = useState((value ?? []).join(', '));
  return (
    <input
      aria-label={label}
      value={draft}
      placeholder="comma-separated"
      onChange={(e) => {
        setDraft(e.target.value);
        const list = e.target.value.split(',').map((s) => s.trim()).filter(Boolean);
        onChange(list.length > 0 ? list : undefined);
      }}
    />
  );
}

function TrustControl({ value, onChange }: { value: number | string | undefined; onChange: (v: number | string | undefined) => void }) {
  return (
    <div className="trust-control">
      <select aria-label="Trust" value={typeof value === 'string' ? value : value === undefined ? '' : 'number'} onChange={(e) => { const v = e.target.value; onChange(v === '' ? undefined : v === 'number' ? 50 : v); }}>
        <option value="">— not stated —</option>
        {TRUST_LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
        <option value="number">a number (0–100)</option>
      </select>
      {typeof value === 'number' ? <input aria-label="Trust value" type="number" min={0} max={100} value={value} onChange={(e) => { onChange(Math.max(0, Math.min(100, Math.round(Number(e.target.value))))); }} /> : null}
    </div>
  );
}

/** Adds an asset to the model and returns its id, so a flow or component can refer to it at once. */
function NewAsset({ model, onAdded }: { model: Model; onAdded: (model: Model, id: string) => void }) {
  const [name, setName] = useState('');
  return (
    <form className="add-mitigation" onSubmit={(e) => {
      e.preventDefault();
      if (!name.trim()) return;
      const r = addAsset(model, name.trim());
      onAdded(r.model, r.id);
      setName('');
    }}>
      <input aria-label="New asset" placeholder="New asset…" value={name} onChange={(e) => { setName(e.target.value); }} />
      <button type="submit" disabled={!name.trim()}>Add</button>
    </form>
  );
}

function RefControl({ name, value, model, self, onChange, required, refSection, many, onModel }: FieldProps & { refSection: 'components' | 'boundaries' | 'assets'; many: boolean }) {
  const options = ((model[refSection] ?? []) as { id: string; name: string }[]).filter((o) => o.id !== self || refSection !== 'boundaries');
  if (!many) {
    return (
      <select aria-label={humanize(name)} value={typeof value === 'string' ? value : ''} onChange={(e) => { onChange(e.target.value || undefined); }}>
        {required ? null : <option value="">— none —</option>}
        {typeof value === 'string' && !options.some((o) => o.id === value) ? <option value={value}>{value} (missing)</option> : null}
        {options.map((o) => <option key={o.id} value={o.id}>{o.id} · {o.name}</option>)}
      </select>
    );
  }
  const chosen = new Set(Array.isArray(value) ? (value as string[]) : []);
  return (
    <div className="checks">
      {options.length === 0 ? <span className="muted small">No {refSection} in the model yet.</span> : null}
      {options.map((o) => (
        <label key={o.id} className="check">
          <input type="checkbox" checked={chosen.has(o.id)} onChange={(e) => {
            const next = new Set(chosen);
            if (e.target.checked) next.add(o.id);
            else next.delete(o.id);
            onChange(options.map((x) => x.id).filter((x) => next.has(x)));
          }} />
          <span>{o.id} · {o.name}</span>
        </label>
      ))}
      {refSection === 'assets' ? <NewAsset model={model} onAdded={(m, id) => { onModel(updateItem(m, sectionOf(model, self), self, { [name]: [...chosen, id] })); }} /> : null}
    </div>
  );
}

function sectionOf(model: Model, id: string): Section {
  return model.flows?.some((f) => f.id === id) ? 'flows' : 'components';
}

function AssetsControl({ value, model, self, onChange, onModel }: FieldProps) {
  const v = (value ?? {}) as { processed?: string[]; stored?: string[] };
  const assets = model.assets ?? [];
  const added = (m: Model, id: string) => {
    onModel(updateItem(m, 'components', self, { assets: { ...v, processed: [...(v.processed ?? []), id] } }));
  };
  if (assets.length === 0) return <NewAsset model={model} onAdded={added} />;
  const toggle = (which: 'processed' | 'stored', id: string, on: boolean) => {
    const list = new Set(v[which] ?? []);
    if (on) list.add(id);
    else list.delete(id);
    const chosen = assets.map((a) => a.id).filter((a) => list.has(a));
    const next = assign(v, { [which]: chosen }, true);
    onChange(Object.keys(next).length > 0 ? next : undefined);
  };
  return (
    <table className="assets-table">
      <thead><tr><th>Asset</th><th>processes</th><th>stores</th></tr></thead>
      <tbody>
        {assets.map((a) => (
          <tr key={a.id}>
            <td>{a.id} · {a.name}</td>
            <td><input type="checkbox" aria-label={`processes ${a.name}`} checked={v.processed?.includes(a.id) ?? false} onChange={(e) => { toggle('processed', a.id, e.target.checked); }} /></td>
            <td><input type="checkbox" aria-label={`stores ${a.name}`} checked={v.stored?.includes(a.id) ?? false} onChange={(e) => { toggle('stored', a.id, e.target.checked); }} /></td>
          </tr>
        ))}
      </tbody>
      <tfoot><tr><td colSpan={3}><NewAsset model={model} onAdded={added} /></td></tr></tfoot>
    </table>
  );
}

function PropertiesControl({ value, kind, onChange }: { value: Record<string, string | number | boolean> | undefined; kind: string; onChange: (v: unknown) => void }) {
  const entries = Object.entries(value ?? {});
  const [newKey, setNewKey] = useState('');
  const known = useMemo(() => [...PROPERTIES.values()].filter((p) => p.appliesTo.includes(kind as never) && !(p.key in (value ?? {}))), [kind, value]);
  const set = (k: string, v: string | number | boolean | undefined) => {
    const next = assign(value ?? {}, { [k]: v });
    onChange(Object.keys(next).length > 0 ? next : undefined);
  };
  return (
    <div className="props-editor">
      {entries.map(([k, v]) => {
        const spec = PROPERTIES.get(k);
        return (
          <div key={k} className="prop-row" title={spec?.description}>
            <span className="prop-key">{k}</span>
            {typeof v === 'boolean' || spec?.type === 'boolean' ? (
              <select aria-label={k} value={String(v)} onChange={(e) => { set(k, e.target.value === 'true'); }}>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : (
              <input aria-label={k} value={String(v)} onChange={(e) => { const t = e.target.value; set(k, spec?.type === 'number' && t !== '' && !Number.isNaN(Number(t)) ? Number(t) : t); }} />
            )}
            <button className="icon" aria-label={`Remove ${k}`} onClick={() => { set(k, undefined); }}>✕</button>
          </div>
        );
      })}
      <div className="prop-row add">
        <input aria-label="New property" placeholder="add a property…" list={`props-${kind}`} value={newKey} onChange={(e) => { setNewKey(e.target.value); }} onKeyDown={(e) => {
          if (e.key !== 'Enter' || !newKey.trim()) return;
          const spec = PROPERTIES.get(newKey.trim());
          set(newKey.trim(), spec?.type === 'boolean' || !spec ? (spec?.safe ?? true) : '');
          setNewKey('');
        }} />
        <datalist id={`props-${kind}`}>{known.map((p) => <option key={p.key} value={p.key}>{p.description}</option>)}</datalist>
      </div>
    </div>
  );
}
