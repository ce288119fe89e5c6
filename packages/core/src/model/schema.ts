/**
 * The Threatwright model file, version 1 — the single source of truth.
 *
 * Types are inferred from these schemas (`types.ts`), and the committed JSON Schema
 * (`schema/threatwright.schema.json`) is generated from them; a test fails when they drift.
 * Never hand-write a type beside its schema.
 *
 * Conventions:
 * - Properties that matter for analysis are tri-state: `true`, `false`, or absent (= not stated).
 *   The engine turns "not stated" into a question instead of guessing.
 * - Objects are strict: an unknown key is an error with a "did you mean" suggestion (see load/).
 *   `properties` are the exception: their keys depend on the model (its declarations and custom
 *   rules), so the loader checks them after the merge, and an unknown one is a warning.
 * - Ids follow C1, A1, F1, B1, E1, S1, AS1, T1, R1, AT1, but any unique id is accepted.
 */
import { z } from 'zod';

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

const id = z
  .string()
  .regex(ID_PATTERN, 'an id starts with a letter and has only letters, digits, "_", ".", ":" or "-" (at most 64)')
  .describe('Unique id, conventionally a letter prefix and a number: C1, A1, F1, B1, E1, S1, AS1, T1, R1, AT1.');
const ref = z.string().min(1).describe('The id of another object in the model.');
const text = z.string();
/** ISO calendar date (YYYY-MM-DD). YAML gives unquoted dates as strings because the loader uses the core schema. */
const date = z.iso.date().describe('A date, YYYY-MM-DD.');
const triState = (what: string) => z.boolean().describe(`${what} Leave it out when not known: the analysis asks instead of guessing.`);

/**
 * Facts as key: value. The keys are the property catalogue's (taxonomy/properties.ts), the model's own
 * declared in `taxonomy.properties`, and those its custom rules read. Which keys and values a model
 * may use depends on the model, so the loader checks them (load/checks/properties.ts), with one
 * lookup per key; the JSON Schema lists the catalogue for editors (model/json-schema.ts). One
 * schema per section, so that the JSON Schema can list each section's own keys.
 */
const propertiesSchema = (of: string) =>
  z
    .record(z.string(), z.union([z.boolean(), z.string(), z.number()]))
    .describe(
      `Security-relevant facts about the ${of} as key: value, each true, false or a value, or left out when not known (the analysis then asks). Rules read the keys of the property catalogue (\`threatwright rules --properties\`); a key of your own is declared under \`taxonomy.properties\`, and an unknown key is warned about, with the closest known one.`,
    );
export const ComponentPropertiesSchema = propertiesSchema('component');
export const FlowPropertiesSchema = propertiesSchema('flow');

export const LevelSchema = z.enum(['low', 'medium', 'high']);
export const ClassificationSchema = z.enum(['public', 'internal', 'confidential', 'restricted', 'secret']);
export const ComponentKindSchema = z.enum(['process', 'datastore', 'external-entity']);

// ---------------------------------------------------------------------------------------------
export const SystemSchema = z
  .strictObject({
    name: text.min(1),
    description: text.optional(),
    version: text.optional().describe('Version of the system or of this model.'),
    scope: text.optional().describe('What this model covers.'),
    out_of_scope: z.array(text).optional().describe('What it deliberately does not cover, and why.'),
    owner: text.optional(),
    authors: z.array(text).optional(),
    reviewed_at: date.optional().describe('When the model was last reviewed.'),
    review_every: z
      .string()
      .regex(/^\d+\s*(d|w|m|y|days?|weeks?|months?|years?)$/, 'an interval such as 90d, 12w, 6m or 1y')
      .optional()
      .describe('How often the model must be reviewed, e.g. 90d, 12w, 6m, 1y. Overdue reviews are warnings.'),
    links: z.array(z.strictObject({ title: text, url: text })).optional(),
  })
  .describe('What are we working on: the system, its scope and ownership.');

export const QuestionsSchema = z
  .strictObject({
    protecting: text.optional().describe('What are we protecting?'),
    from_whom: text.optional().describe('From whom? (the adversaries we care about)'),
    resources: text.optional().describe('With how many resources? (what the defence may cost)'),
  })
  .describe('The quick framing questions.');

export const ComponentSchema = z
  .strictObject({
    id,
    name: text.min(1),
    kind: ComponentKindSchema.describe('DFD kind: process, datastore or external-entity.'),
    type: text
      .optional()
      .describe('From the extensible taxonomy: web-app, api, database, browser, queue, object-store, identity-provider, llm, … Rules test the capabilities a type carries, never the type name.'),
    description: text.optional(),
    boundary: ref.optional().describe('The trust boundary this element sits in.'),
    tags: z.array(text).optional(),
    tech: text.optional().describe('Technology, e.g. "Node.js 20 / Express", "PostgreSQL 16".'),
    paths: z.array(text).optional().describe('Code paths in the repository that implement this component.'),
    owner: text.optional(),
    properties: ComponentPropertiesSchema.optional(),
    assets: z
      .strictObject({
        processed: z.array(ref).optional(),
        stored: z.array(ref).optional(),
      })
      .optional()
      .describe('Assets this element processes or stores (ids of assets).'),
    out_of_scope: z.boolean().optional(),
    reason: text.optional().describe('Why the element is out of scope.'),
  })
  .describe('A DFD element: process, data store or external entity.');

export const AssetSchema = z
  .strictObject({
    id,
    name: text.min(1),
    description: text.optional(),
    type: text.optional().describe('credentials, session-token, personal-data, payment-card, secret, key, health, content, logs, code, config, …'),
    classification: ClassificationSchema.optional(),
    confidentiality: LevelSchema.optional(),
    integrity: LevelSchema.optional(),
    availability: LevelSchema.optional(),
    personal_data: triState('Does it contain personal data?').optional(),
    special_category: triState('Special-category personal data (health, biometrics, beliefs, …)?').optional(),
    privacy: LevelSchema.optional().describe('How harmful disclosure would be to the people it is about.'),
    retention: text.optional().describe('How long it is kept, e.g. 30d, "until account deletion".'),
    owner: text.optional(),
  })
  .describe('Something of value: data, credentials, functionality.');

export const FlowSchema = z
  .strictObject({
    id,
    from: ref,
    to: ref,
    label: text.optional(),
    description: text.optional(),
    data: z.array(ref).optional().describe('Ids of the assets the flow carries.'),
    protocol: text.optional().describe('https, http, grpc, tls, sql, amqp, smtp, ssh, …'),
    encrypted: triState('Is the traffic encrypted in transit?').optional(),
    authenticated: triState('Is the sender authenticated?').optional(),
    authentication: text.optional().describe('How: session-cookie, bearer-token, api-key, mtls, oauth2, password, …'),
    authorized: triState('Is every request authorised (per object, per action)?').optional(),
    bidirectional: z.boolean().optional().describe('Data moves both ways (request and response both carry the assets).'),
    crosses: z
      .array(ref)
      .optional()
      .describe('Trust boundaries the flow crosses that enclose neither of its ends: a boundary drawn as a line or curve across the flow (as the Microsoft Threat Modeling Tool and Threat Dragon draw them). Counted as crossings like a flow leaving or entering a boundary box.'),
    tags: z.array(text).optional(),
    properties: FlowPropertiesSchema.optional(),
    out_of_scope: z.boolean().optional(),
    reason: text.optional(),
  })
  .describe('A data flow from one element to another.');

export const TrustLevelSchema = z.enum(['untrusted', 'low', 'medium', 'high', 'trusted']);
export const BoundarySchema = z
  .strictObject({
    id,
    name: text.min(1),
    description: text.optional(),
    type: text.optional().describe('network, cloud-account, vpc, container, process, physical, …'),
    trust: z
      .union([z.number().int().min(0).max(100), TrustLevelSchema])
      .optional()
      .describe('0 (untrusted, e.g. the internet) to 100 (fully trusted), or a level: untrusted 0, low 25, medium 50, high 75, trusted 100.'),
    parent: ref.optional().describe('The enclosing boundary.'),
  })
  .describe('A trust boundary: a line where the level of trust changes.');

export const DependencySchema = z
  .strictObject({
    id,
    name: text.min(1),
    description: text.optional(),
    type: text.optional(),
    assumption: text.optional().describe('What we rely on it for.'),
    threat_model_ref: text.optional().describe('Where its own threat model lives.'),
  })
  .describe('An external dependency outside our control.');

export const StakeholderSchema = z
  .strictObject({
    id,
    name: text.min(1),
    description: text.optional(),
    interests: z.union([text, z.array(text)]).optional(),
    harms: z.union([text, z.array(text)]).optional().describe('What harm they would suffer.'),
  })
  .describe('Someone with an interest in the system.');

export const AssumptionSchema = z
  .strictObject({
    id,
    text: text.min(1),
    description: text.optional().describe('Why we assume it, or comments on it.'),
    owner: text.optional(),
    status: z.enum(['open', 'confirmed', 'rejected']).optional(),
    links: z.array(ref).optional().describe('Ids of elements, threats or mitigations it concerns.'),
    tags: z.array(text).optional(),
  })
  .describe('Something taken as true without proof.');

export const StrideCategorySchema = z.enum(['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege']);
export const LinddunCategorySchema = z.enum(['linking', 'identifying', 'non-repudiation', 'detecting', 'data-disclosure', 'unawareness', 'non-compliance']);
/** One enum (not a union of two) so that a misspelt category gets one "did you mean" over both lists. */
export const ThreatCategorySchema = z.enum([...StrideCategorySchema.options, ...LinddunCategorySchema.options]);
export const ThreatStatusSchema = z.enum(['open', 'in-progress', 'mitigated', 'accepted', 'transferred', 'false-positive', 'not-applicable']);
export const ResponseKindSchema = z.enum(['eliminate', 'reduce', 'transfer', 'accept']);
const scale = z.number().int().min(1).max(5);

// ---------------------------------------------------------------------------------------------
// Risk scoring (see core/src/risk): the method, bands, scales and matrix are settings of the model.

export const RiskMethodSchema = z
  .enum(['likelihood-impact', 'matrix', 'cvss', 'owasp'])
  .describe('likelihood-impact: 1–5 × 1–5 = 1–25; matrix: the qualitative 3 × 3 matrix; cvss: the CVSS 3.1/4.0 vector; owasp: OWASP Risk Rating factors.');
export const RiskBandSchema = z.enum(['critical', 'high', 'medium', 'low']);
const factor = z.number().min(0).max(9);
export const OwaspFactorsSchema = z
  .strictObject({
    skill_level: factor.optional().describe('Threat agent: how technically skilled (1 none … 9 security penetration skills).'),
    motive: factor.optional().describe('Threat agent: how motivated (1 low or no reward … 9 high reward).'),
    opportunity: factor.optional().describe('Threat agent: resources and access needed (0 full access or expensive … 9 no access or resources).'),
    size: factor.optional().describe('Threat agent: how large the group (2 developers … 9 anonymous internet users).'),
    ease_of_discovery: factor.optional().describe('Vulnerability: how easy to find (1 practically impossible … 9 automated tools available).'),
    ease_of_exploit: factor.optional().describe('Vulnerability: how easy to exploit (1 theoretical … 9 automated tools available).'),
    awareness: factor.optional().describe('Vulnerability: how well known (1 unknown … 9 public knowledge).'),
    intrusion_detection: factor.optional().describe('Vulnerability: how likely detected (1 active detection … 9 not logged).'),
    loss_of_confidentiality: factor.optional().describe('Technical impact (2 minimal non-sensitive … 9 all data disclosed).'),
    loss_of_integrity: factor.optional().describe('Technical impact (1 minimal slightly corrupt … 9 all data totally corrupt).'),
    loss_of_availability: factor.optional().describe('Technical impact (1 minimal secondary services … 9 all services completely lost).'),
    loss_of_accountability: factor.optional().describe('Technical impact (1 fully traceable … 9 completely anonymous).'),
    financial_damage: factor.optional().describe('Business impact (1 less than the cost to fix … 9 bankruptcy).'),
    reputation_damage: factor.optional().describe('Business impact (1 minimal … 9 brand damage).'),
    non_compliance: factor.optional().describe('Business impact (2 minor violation … 7 high-profile violation).'),
    privacy_violation: factor.optional().describe('Business impact (3 one individual … 9 millions of people).'),
  })
  .describe('OWASP Risk Rating Methodology factors. Likelihood is the mean of the threat-agent and vulnerability factors; impact the mean of the business factors when any is given, else of the technical ones.');
const levelRow = z.strictObject({ low: RiskBandSchema, medium: RiskBandSchema, high: RiskBandSchema });
export const RiskSettingsSchema = z
  .strictObject({
    method: RiskMethodSchema.optional().describe('How threats are scored unless a threat says otherwise (default likelihood-impact).'),
    bands: z
      .strictObject({
        critical: z.number().int().min(2).max(25).optional().describe('Lowest likelihood × impact that is Critical (default 16).'),
        high: z.number().int().min(2).max(25).optional().describe('Lowest likelihood × impact that is High (default 9).'),
        medium: z.number().int().min(2).max(25).optional().describe('Lowest likelihood × impact that is Medium (default 4); below it is Low.'),
      })
      .optional()
      .describe('Band thresholds of the likelihood × impact score (1–25).'),
    cvss_bands: z
      .strictObject({
        critical: z.number().min(0.1).max(10).optional().describe('Lowest CVSS score that is Critical (default 9.0).'),
        high: z.number().min(0.1).max(10).optional().describe('Lowest CVSS score that is High (default 7.0).'),
        medium: z.number().min(0.1).max(10).optional().describe('Lowest CVSS score that is Medium (default 4.0).'),
      })
      .optional()
      .describe('Band thresholds of CVSS scores (default: the CVSS qualitative severity ratings).'),
    scales: z
      .strictObject({
        likelihood: z.array(text.min(1)).length(5).optional().describe('Names of likelihood 1–5, e.g. [rare, unlikely, possible, likely, almost certain].'),
        impact: z.array(text.min(1)).length(5).optional().describe('Names of impact 1–5, e.g. [negligible, minor, moderate, major, severe].'),
      })
      .optional(),
    matrix: z
      .strictObject({
        levels: z
          .strictObject({
            medium: z.number().int().min(1).max(5).optional().describe('Lowest 1–5 value that is a medium level (default 3).'),
            high: z.number().int().min(1).max(5).optional().describe('Lowest 1–5 value that is a high level (default 4).'),
          })
          .optional()
          .describe('How likelihood and impact 1–5 map to low/medium/high.'),
        impact: z
          .strictObject({ low: levelRow.optional(), medium: levelRow.optional(), high: levelRow.optional() })
          .optional()
          .describe('The band for each impact level (row) and likelihood level (column); rows given replace the defaults.'),
      })
      .optional()
      .describe('The qualitative 3 × 3 matrix.'),
  })
  .superRefine((r, ctx) => {
    const ordered = (b: { critical?: number | undefined; high?: number | undefined; medium?: number | undefined } | undefined, d: [number, number, number], key: string) => {
      if (!b) return;
      const [c, h, m] = [b.critical ?? d[0], b.high ?? d[1], b.medium ?? d[2]];
      if (!(c > h && h > m)) ctx.addIssue({ code: 'custom', path: [key], message: `the thresholds must fall from critical to medium (got critical ${String(c)}, high ${String(h)}, medium ${String(m)})` });
    };
    ordered(r.bands, [16, 9, 4], 'bands');
    ordered(r.cvss_bands, [9, 7, 4], 'cvss_bands');
    const lv = r.matrix?.levels;
    if (lv && (lv.high ?? 4) <= (lv.medium ?? 3)) ctx.addIssue({ code: 'custom', path: ['matrix', 'levels'], message: 'the high level must start above the medium level' });
  })
  .describe('How risk is scored and banded. Bands map to priorities: Critical P0 (immediate), High P1 (next sprint), Medium P2 (plan), Low P3 (monitor or accept).');

/** The threat-statement grammar (as in AWS Threat Composer); `title` holds the whole sentence. */
export const ThreatStatementSchema = z
  .strictObject({
    source: text.optional().describe('Who: the threat source, e.g. "an internet-based threat actor".'),
    prerequisites: text.optional().describe('With what access or knowledge, e.g. "with a stolen session token".'),
    action: text.optional().describe('Can do what, e.g. "replay requests to the payments API".'),
    impact: text.optional().describe('Which leads to what.'),
    goals: z.array(text).optional().describe('Resulting in reduced … (confidentiality, integrity, availability, …).'),
    assets: z.array(text).optional().describe('Of which assets, as written (link model assets through `assets`).'),
  })
  .describe('A threat statement: [source] [prerequisites] can [action], which leads to [impact], resulting in reduced [goals] of [assets].');

/**
 * One list holds both kinds:
 * - a manual threat: `id` + `title` (+ category, elements, …);
 * - a decision about a derived finding: `fingerprint` (+ status, response, …). The finding itself is never written back.
 */
export const ThreatSchema = z
  .strictObject({
    id: id.optional(),
    fingerprint: text.optional().describe('Fingerprint of the derived finding this decision is about (rule id + element ids).'),
    title: text.optional(),
    description: text.optional(),
    category: ThreatCategorySchema.optional(),
    elements: z.array(ref).optional().describe('Ids of the components, flows or boundaries it concerns.'),
    assets: z.array(ref).optional(),
    status: ThreatStatusSchema.optional(),
    response: ResponseKindSchema.optional(),
    justification: text.optional(),
    owner: text.optional(),
    ticket: text.optional(),
    likelihood: scale.optional(),
    impact: scale.optional(),
    cvss: text.optional().describe('A CVSS 3.1 or 4.0 vector, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H.'),
    owasp: OwaspFactorsSchema.optional().describe('OWASP Risk Rating factors (0–9 each), for the owasp scoring method.'),
    scoring: RiskMethodSchema.optional().describe('Score this threat with another method than the model\'s `risk.method`.'),
    identified: date.optional().describe('When the threat was identified.'),
    accepted_by: text.optional(),
    expires: date.optional().describe('When an acceptance (or any decision) must be revisited.'),
    transfer_to: text.optional(),
    mitigations: z.array(ref).optional().describe('Ids of mitigations.'),
    references: z.array(text).optional(),
    tags: z.array(text).optional(),
    statement: ThreatStatementSchema.optional(),
  })
  .describe('A manual threat (id + title) or a decision about a derived finding (fingerprint).');

// ---------------------------------------------------------------------------------------------
// Taxonomy extension and custom rules (owned by the threat engine).

const CAPABILITY_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
const capability = z.string().regex(CAPABILITY_PATTERN, 'a capability is lower-case words joined by "-", e.g. web-application');
const TaxonomyEntrySchema = z.strictObject({
  description: text.optional(),
  extends: text.optional().describe('A built-in or custom type (or protocol) whose capabilities this one inherits.'),
  capabilities: z.array(capability).optional().describe('Capabilities it adds, e.g. web-application, query-injectable, parses-xml.'),
  remove: z.array(capability).optional().describe('Inherited capabilities it does not have.'),
});
export const ElementKindNameSchema = z.enum(['process', 'datastore', 'external-entity', 'flow']);
export const PropertyDeclarationSchema = z
  .strictObject({
    type: z.enum(['boolean', 'string', 'number']).describe('What its values are: true or false, a text, or a number. A value of another type is an error.'),
    description: text.optional().describe('What it means, in a sentence: shown by `threatwright rules --properties` and in the questions about it.'),
    values: z.array(text.min(1)).min(1).optional().describe('For a string property: the values it may take (any other is an error).'),
    applies_to: z.array(ElementKindNameSchema).min(1).optional().describe('The kinds of element it describes: process, datastore, external-entity, flow (default: all).'),
    question: text.optional().describe('Asked when a custom rule needs it and the model does not say; {{subject}} becomes the element, e.g. "Is {{subject}} reconciled daily?".'),
  })
  .superRefine((d, ctx) => {
    if (d.values !== undefined && d.type !== 'string') ctx.addIssue({ code: 'custom', path: ['values'], message: `only a string property lists its values; this one is a ${d.type}` });
  })
  .describe('A property of this model\'s own: a key its custom rules read, or an attribute kept from another tool.');
export const TaxonomySchema = z
  .strictObject({
    types: z.record(z.string(), TaxonomyEntrySchema).optional().describe('Component types: name -> capabilities. Extends or overrides the built-in taxonomy.'),
    protocols: z
      .record(z.string(), TaxonomyEntrySchema.extend({ encrypted: z.boolean().optional().describe('The protocol always encrypts (like https) or never does (like http).') }))
      .optional()
      .describe('Protocols: name -> capabilities.'),
    properties: z
      .record(z.string().min(1), PropertyDeclarationSchema)
      .optional()
      .describe('Property keys of this model\'s own, beside the catalogue (`threatwright rules --properties`): key -> type, description, values. A declared key is known and its values are checked like a catalogued one.'),
  })
  .describe('Extends the taxonomy of component types, protocols and property keys. Rules test capabilities, never type names.');

export const RuleIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a rule id is lower-case words joined by "-", e.g. no-mfa-on-admin-console');
const scalarValue = z.union([z.boolean(), z.string(), z.number()]);

/** The declarative condition language of custom rules. Exactly one operator per object; nothing is evaluated as code. */
export interface ConditionInput {
  all?: ConditionInput[] | undefined;
  any?: ConditionInput[] | undefined;
  not?: ConditionInput | undefined;
  property?: string | undefined;
  attribute?: 'id' | 'name' | 'kind' | 'type' | 'tech' | 'tag' | 'boundary' | 'protocol' | 'authentication' | undefined;
  equals?: boolean | string | number | undefined;
  in?: (boolean | string | number)[] | undefined;
  exists?: boolean | undefined;
  lacks?: string | undefined;
  capability?: string | undefined;
  crosses_boundary?: 'any' | 'lower-to-higher' | 'higher-to-lower' | undefined;
  carries_asset?: { classification_at_least?: 'public' | 'internal' | 'confidential' | 'restricted' | 'secret' | undefined; personal_data?: boolean | undefined; type?: string | undefined } | undefined;
  exposure?: 'internet' | 'internal' | undefined;
  source?: ConditionInput | undefined;
  target?: ConditionInput | undefined;
}
const CONDITION_OPERATORS = ['all', 'any', 'not', 'property', 'attribute', 'lacks', 'capability', 'crosses_boundary', 'carries_asset', 'exposure', 'source', 'target'] as const;
export const ConditionSchema: z.ZodType<ConditionInput> = z.lazy(() =>
  z
    .strictObject({
      all: z.array(ConditionSchema).min(1).optional().describe('Every condition holds.'),
      any: z.array(ConditionSchema).min(1).optional().describe('At least one condition holds.'),
      not: ConditionSchema.optional().describe('The condition does not hold.'),
      property: text.optional().describe('A property key; with equals, in or exists.'),
      attribute: z.enum(['id', 'name', 'kind', 'type', 'tech', 'tag', 'boundary', 'protocol', 'authentication']).optional().describe('A field of the element; with equals, in or exists.'),
      equals: scalarValue.optional(),
      in: z.array(scalarValue).min(1).optional(),
      exists: z.boolean().optional(),
      lacks: text.optional().describe('The property is not true: false matches, and not stated matches and becomes a question.'),
      capability: capability.optional().describe('The element (for a flow: its protocol) has this capability.'),
      crosses_boundary: z.enum(['any', 'lower-to-higher', 'higher-to-lower']).optional().describe('The flow crosses a trust boundary (in this direction of trust).'),
      carries_asset: z
        .strictObject({ classification_at_least: ClassificationSchema.optional(), personal_data: z.boolean().optional(), type: text.optional() })
        .optional()
        .describe('The flow carries (the component processes or stores) an asset matching all the given fields.'),
      exposure: z.enum(['internet', 'internal']).optional().describe('The element is (or is not) reachable from the internet.'),
      source: ConditionSchema.optional().describe('For a flow: the condition holds for its source.'),
      target: ConditionSchema.optional().describe('For a flow: the condition holds for its target.'),
    })
    .superRefine((c, ctx) => {
      const ops = CONDITION_OPERATORS.filter((k) => c[k] !== undefined);
      if (ops.length !== 1) {
        ctx.addIssue({ code: 'custom', message: ops.length === 0 ? `a condition needs one of: ${CONDITION_OPERATORS.join(', ')}` : `a condition has exactly one operator, found: ${ops.join(', ')} (wrap them in "all:")` });
        return;
      }
      const tests = (['equals', 'in', 'exists'] as const).filter((k) => c[k] !== undefined);
      if ((c.property !== undefined || c.attribute !== undefined) && tests.length !== 1) ctx.addIssue({ code: 'custom', message: '"property" and "attribute" take exactly one of: equals, in, exists' });
      if (c.property === undefined && c.attribute === undefined && tests.length > 0) ctx.addIssue({ code: 'custom', message: `"${tests.join('", "')}" only goes with "property" or "attribute"` });
    }),
);

export const ReferencesSchema = z
  .strictObject({
    cwe: z.array(z.number().int().positive()).optional(),
    capec: z.array(z.number().int().positive()).optional(),
    owasp: z.array(text).optional().describe('OWASP Top 10 2025 (A01:2025…), API Top 10 2023 (API1:2023…) or LLM Top 10 2025 (LLM01:2025…) ids.'),
    asvs: z.array(text).optional().describe('OWASP ASVS 5.0 requirement ids, e.g. V6.3.1.'),
    links: z.array(text).optional(),
  })
  .describe('Where to read more.');

export const RuleMitigationSchema = z.strictObject({
  title: text.min(1),
  acceptance: text.min(1).describe('How we know it is done.'),
  verification: text.min(1).describe('A test that proves it.'),
});

export const CustomRuleSchema = z
  .strictObject({
    id: RuleIdSchema,
    title: text.min(1),
    category: ThreatCategorySchema,
    applies_to: z.enum(['component', 'flow']).describe('What the condition is tested against.'),
    when: ConditionSchema,
    message: text.min(1).describe('What goes wrong. {{element}} becomes the element\'s name and id.'),
    description: text.optional(),
    likelihood: scale.optional().describe('1–5, default 3.'),
    impact: scale.optional().describe('1–5, default 3.'),
    references: ReferencesSchema.optional(),
    mitigations: z.array(RuleMitigationSchema).optional(),
    false_positives: z.array(text).optional(),
    disabled: z.boolean().optional(),
  })
  .describe('A rule written as data: a declarative condition, never code.');

export const RulesSectionSchema = z
  .strictObject({
    disable: z.array(text).optional().describe('Ids of built-in rules not to run on this model.'),
    custom: z.array(CustomRuleSchema).optional(),
    baseline: z
      .enum(['entry-points', 'all', 'off'])
      .optional()
      .describe('The baseline tier: one entry per STRIDE category whose controlling fact is unstated, per element a flow enters. `entry-points` (the default): only flows that cross a trust boundary or come from an external entity, browser, client app or person; `all`: every flow into a process or data store; `off`: no baseline entries.'),
  })
  .describe('Rule settings for this model: built-in rules to disable, custom rules and the baseline tier.');

export const MitigationStatusSchema = z.enum(['proposed', 'planned', 'in-progress', 'implemented', 'verified']);
export const MitigationSchema = z
  .strictObject({
    id,
    title: text.min(1),
    description: text.optional(),
    strategy: ResponseKindSchema.optional(),
    threats: z.array(ref).optional().describe('Threat ids or finding fingerprints it addresses.'),
    elements: z.array(ref).optional(),
    owner: text.optional(),
    due: date.optional(),
    status: MitigationStatusSchema.optional(),
    implemented: date.optional().describe('When it was implemented (used for mean time to remediate).'),
    verified: date.optional().describe('When it was verified.'),
    acceptance: z.union([text, z.array(text)]).optional().describe('Acceptance criteria.'),
    verification: z
      .strictObject({
        test: z.union([text, z.array(text)]).optional().describe('Name(s) of the test(s) that prove it, as they appear in JUnit results.'),
        description: text.optional().describe('What the test must show, in words.'),
        evidence: text.optional(),
      })
      .optional(),
    reduces: z
      .strictObject({
        likelihood: z.number().int().min(0).max(4).optional(),
        impact: z.number().int().min(0).max(4).optional(),
        cvss: text.optional().describe('Environmental metrics that hold once it is implemented, e.g. MAV:A/MPR:H, applied to CVSS-scored threats.'),
      })
      .optional()
      .describe('By how many steps it lowers likelihood and/or impact once implemented (never below 1).'),
    estimate: text.optional().describe('Effort estimate as the team counts it, e.g. "3d", "1w", "5 points". Shown in backlog issues.'),
    ticket: text.optional(),
    tags: z.array(text).optional(),
  })
  .describe('A response to one or more threats.');

export interface AttackTreeNodeInput {
  id?: string | undefined;
  title: string;
  description?: string | undefined;
  and?: AttackTreeNodeInput[] | undefined;
  or?: AttackTreeNodeInput[] | undefined;
  cost?: number | undefined;
  probability?: number | undefined;
  skill?: 'low' | 'medium' | 'high' | undefined;
  threats?: string[] | undefined;
  mitigations?: string[] | undefined;
}
export const AttackTreeNodeSchema: z.ZodType<AttackTreeNodeInput> = z.lazy(() =>
  z.strictObject({
    id: id.optional(),
    title: text.min(1),
    description: text.optional(),
    and: z.array(AttackTreeNodeSchema).optional().describe('All of these are needed.'),
    or: z.array(AttackTreeNodeSchema).optional().describe('Any of these suffices.'),
    cost: z.number().min(0).optional(),
    probability: z.number().min(0).max(1).optional(),
    skill: LevelSchema.optional(),
    threats: z.array(ref).optional(),
    mitigations: z.array(ref).optional(),
  }),
);
export const AttackTreeSchema = z
  .strictObject({
    id,
    goal: text.min(1),
    description: text.optional(),
    root: AttackTreeNodeSchema,
  })
  .describe('An attacker goal decomposed into AND/OR sub-goals and leaf attacks.');

export const LayoutSchema = z
  .strictObject({
    positions: z
      .record(z.string(), z.strictObject({ x: z.number(), y: z.number(), width: z.number().optional(), height: z.number().optional() }))
      .optional(),
  })
  .describe('Diagram positions, kept apart from the semantic model. Optional.');

export const ModelSchema = z
  .strictObject({
    threatwright: z.literal(1).describe('Model format version.'),
    include: z.array(text).optional().describe('Other model files merged into this one (paths relative to this file).'),
    system: SystemSchema,
    questions: QuestionsSchema.optional(),
    components: z.array(ComponentSchema).optional(),
    assets: z.array(AssetSchema).optional(),
    flows: z.array(FlowSchema).optional(),
    boundaries: z.array(BoundarySchema).optional(),
    dependencies: z.array(DependencySchema).optional(),
    stakeholders: z.array(StakeholderSchema).optional(),
    assumptions: z.array(AssumptionSchema).optional(),
    threats: z.array(ThreatSchema).optional(),
    mitigations: z.array(MitigationSchema).optional(),
    attack_trees: z.array(AttackTreeSchema).optional(),
    layout: LayoutSchema.optional(),
    taxonomy: TaxonomySchema.optional(),
    rules: RulesSectionSchema.optional(),
    risk: RiskSettingsSchema.optional(),
  })
  .describe('A Threatwright threat model.');

/** An included file: the same sections, without `threatwright`/`system` being required. */
export const FragmentSchema = ModelSchema.partial().extend({ threatwright: z.literal(1).optional() });
