/**
 * The rule catalogue (`docs/rules/`), generated from rule metadata: one page per rule and an index.
 * Regenerate with `npm run docs:rules`; a test fails when the committed pages are stale.
 */
import type { AnyRule, References } from '../engine/types.js';

const CATEGORY_ORDER = ['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege', 'linking', 'identifying', 'non-repudiation', 'detecting', 'data-disclosure', 'unawareness', 'non-compliance'];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function owaspLink(id: string): string {
  const top = /^A(\d{2}):2025$/.exec(id);
  if (top) return `[${id}](https://owasp.org/Top10/2025/)`;
  if (/^API\d+:2023$/.test(id)) return `[${id}](https://owasp.org/API-Security/editions/2023/en/0x11-t10/)`;
  if (/^LLM\d+:2025$/.test(id)) return `[${id}](https://genai.owasp.org/llm-top-10/)`;
  return id;
}

export function referenceLinks(r: References): string[] {
  return [
    ...(r.cwe ?? []).map((n) => `[CWE-${n}](https://cwe.mitre.org/data/definitions/${n}.html)`),
    ...(r.capec ?? []).map((n) => `[CAPEC-${n}](https://capec.mitre.org/data/definitions/${n}.html)`),
    ...(r.owasp ?? []).map(owaspLink),
    ...(r.asvs ?? []).map((a) => `[ASVS ${a}](https://github.com/OWASP/ASVS)`),
    ...(r.links ?? []).map((l) => `<${l}>`),
  ];
}

export function rulePage(rule: AnyRule): string {
  const m = rule.meta;
  const out: string[] = [
    `# ${rule.id} — ${m.title}`,
    '',
    '<!-- Generated from the rule\'s metadata (packages/core/src/rules). Do not edit: run `npm run docs:rules`. -->',
    '',
    '| | |',
    '|---|---|',
    `| Category | ${m.category}${m.tier === 'baseline' ? ' (baseline tier)' : ''} |`,
    `| Applies to | ${m.appliesTo.map((a) => `\`${a}\``).join(', ')} |`,
    m.tier === 'baseline'
      ? `| Default likelihood × impact | ${m.defaults.likelihood} × ${m.defaults.impact} (1–5 each; never rated above medium while it rests only on unstated facts; lowered for internal-only elements and public data) |`
      : `| Default likelihood × impact | ${m.defaults.likelihood} × ${m.defaults.impact} (1–5 each; raised for internet exposure and restricted or secret data, lowered for internal-only elements and public data; a finding that rests on an unanswered question ranks one step lower) |`,
    `| References | ${referenceLinks(m.references).join(', ')} |`,
    '',
    '## What goes wrong',
    '',
    m.description,
    '',
    ...(m.tier === 'baseline'
      ? [
          '## The baseline tier',
          '',
          'Baseline entries are STRIDE per interaction for models that say little: one entry per element and category, listing the flows that enter the element across a trust boundary (box, line or curve) or from a client (an external entity, person, browser or client app). An entry asks the fact that controls its category; it has confidence `baseline`, is never rated above medium, and gives way to a specific rule of the same category on the same element or flow. Stating the safe value closes it; stating the unsafe one confirms it. `rules.baseline: all` in the model asks about every flow into a process or data store; `rules.baseline: off` turns the tier off.',
          '',
        ]
      : []),
    '## What it reports',
    '',
    ...Object.values<string>(rule.messages).map((t) => `- ${t.replace(/\{\{\s*(\w+)\s*\}\}/g, '<$1>')}`),
    '',
  ];
  if (m.properties?.length) {
    out.push('## Properties that change it', '', 'Stating these in the model confirms or removes the finding; while they are not stated, the analysis asks about them.', '');
    for (const p of m.properties) out.push(`- \`${p}\``);
    out.push('');
  }
  out.push('## Mitigations', '');
  for (const x of m.mitigations) out.push(`### ${x.title}`, '', `- **Acceptance:** ${x.acceptance}`, `- **Verification:** ${x.verification}`, '');
  if (m.falsePositives?.length) {
    out.push('## Known false positives', '');
    for (const f of m.falsePositives) out.push(`- ${f}`);
    out.push('');
  }
  out.push(
    '## Recording a decision',
    '',
    'Findings are not written into the model; decisions about them are, keyed by fingerprint:',
    '',
    '```yaml',
    'threats:',
    `  - fingerprint: ${rule.id}@<element ids joined by +>`,
    '    status: accepted            # open | in-progress | mitigated | accepted | transferred | false-positive | not-applicable',
    '    justification: …',
    '    owner: …',
    '    expires: 2027-06-30',
    '```',
    '',
  );
  return out.join('\n');
}

export function rulesIndex(rules: readonly AnyRule[]): string {
  const out = ['# Rule catalogue', '', '<!-- Generated from rule metadata. Do not edit: run `npm run docs:rules`. -->', '', `${rules.length} built-in rules. Each page says what goes wrong, which facts make the rule fire, which properties change it, and how to mitigate it with acceptance criteria and a verification test. See [writing rules](../writing-rules.md) to add one.`, ''];
  const cats = [...new Set(rules.map((r) => r.meta.category))].sort((a, b) => CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b));
  for (const c of cats) {
    out.push(`## ${c}`, '', '| Rule | Title | Likelihood × impact |', '|---|---|---|');
    for (const r of rules.filter((x) => x.meta.category === c)) out.push(`| [${r.id}](${r.id}.md) | ${cell(r.meta.title)}${r.meta.tier === 'baseline' ? ' *(baseline tier)*' : ''} | ${r.meta.defaults.likelihood} × ${r.meta.defaults.impact} |`);
    out.push('');
  }
  return out.join('\n');
}

/** Every file of docs/rules/, by file name. */
export function ruleCatalogue(rules: readonly AnyRule[]): Map<string, string> {
  const files = new Map<string, string>([['README.md', rulesIndex(rules)]]);
  for (const r of rules) files.set(`${r.id}.md`, rulePage(r));
  return files;
}
