import { builtinRules, CAPABILITIES, formatIssue, PROPERTIES, builtinTaxonomy, withDeclared, type AnyRule, type PropertySpec } from '@threatwright/core';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, resolveModelPath } from '../../files.js';
import { loadModelFile } from '../../model-file.js';
import { suggest } from '../../suggest.js';
import { terminalLine } from '../../terminal.js';
import type { CommandContext, CommandSpec } from '../../types.js';

/** Bump when the shape of `--format json` changes incompatibly. */
export const RULES_JSON_VERSION = 1;

function ruleJson(r: AnyRule) {
  return { id: r.id, ...r.meta, falsePositives: r.meta.falsePositives ?? [], properties: r.meta.properties ?? [], messages: r.messages };
}

function ruleText(r: AnyRule): string {
  const m = r.meta;
  const refs = [
    ...(m.references.cwe ?? []).map((n) => `CWE-${n}`),
    ...(m.references.capec ?? []).map((n) => `CAPEC-${n}`),
    ...(m.references.owasp ?? []),
    ...(m.references.asvs ?? []).map((a) => `ASVS ${a}`),
  ];
  const lines = [
    `${r.id} — ${m.title}`,
    `  category:    ${m.category}`,
    `  applies to:  ${m.appliesTo.join(', ')}`,
    `  defaults:    likelihood ${m.defaults.likelihood}, impact ${m.defaults.impact} (moved by exposure and data sensitivity)`,
    `  references:  ${refs.join(', ')}`,
    '',
    `  ${m.description}`,
    '',
    '  Mitigations:',
    ...m.mitigations.flatMap((x) => [`  - ${x.title}`, `      acceptance:   ${x.acceptance}`, `      verification: ${x.verification}`]),
  ];
  if (m.properties?.length) lines.push('', `  Properties that change it: ${m.properties.join(', ')}`);
  if (m.falsePositives?.length) {
    lines.push('', '  Known false positives:');
    for (const f of m.falsePositives) lines.push(`  - ${f}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The properties a model declares in `taxonomy.properties` (beside the catalogue), sorted by key; the model must load. */
async function declaredProperties(given: string, ctx: CommandContext): Promise<{ file: string; properties: PropertySpec[] }> {
  const abs = await resolveModelPath(ctx.cwd, given);
  const file = displayPath(ctx.cwd, abs);
  const loaded = await loadModelFile(abs, ctx.cwd);
  if (!loaded.model) {
    const first = loaded.issues.find((i) => i.severity === 'error');
    throw new UserError(`${file} does not load${first ? `: ${formatIssue(first).split('\n')[0] ?? ''}` : ''}`, ExitCode.invalid, `Run \`threatwright validate ${given}\` for every problem.`);
  }
  const properties = [...withDeclared(loaded.model.taxonomy?.properties).values()].filter((p) => p.declared === true).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { file, properties };
}

export const command: CommandSpec = {
  name: 'rules',
  group: 'Analysis',
  summary: 'List the threat rules, or show one; also the property and taxonomy vocabulary',
  description: 'Lists the built-in rules with their category and title. Give a rule id for its full description, references and mitigations. --properties lists the property keys rules read (with --model, also the ones the model declares in taxonomy.properties); --taxonomy lists component types and protocols with their capabilities.',
  arguments: [{ name: 'rule', description: 'A rule id to show in full.', optional: true }],
  options: {
    format: { type: 'string', short: 'f', choices: ['text', 'json'], default: 'text', description: 'text for people, json for tools (versioned).' },
    category: { type: 'string', valueName: 'category', description: 'Only rules of this STRIDE or LINDDUN category.' },
    properties: { type: 'boolean', description: 'List the property catalogue instead.' },
    model: { type: 'string', valueName: 'file', description: 'With --properties: also list the properties this model (file or folder) declares in taxonomy.properties.' },
    taxonomy: { type: 'boolean', description: 'List component types, protocols and capabilities instead.' },
  },
  examples: [
    { command: 'threatwright rules', description: 'every rule, one per line' },
    { command: 'threatwright rules csrf', description: 'one rule in full' },
    { command: 'threatwright rules --properties', description: 'the property keys a model can state' },
    { command: 'threatwright rules --properties --model .', description: 'those and the ones the model in this folder declares' },
    { command: 'threatwright rules --format json', description: 'for tools' },
  ],
  exitCodes: { 0: 'Listed.', 2: 'No such rule, a bad option, or a model given with --model that does not load.' },
  run: async (ctx) => {
    const json = stringOption(ctx.values, 'format') === 'json';
    const emit = (data: unknown) => {
      ctx.stdout(`${JSON.stringify({ version: RULES_JSON_VERSION, ...(data as object) }, null, 2)}\n`);
    };
    const modelFile = stringOption(ctx.values, 'model');
    if (modelFile !== undefined && !flagOption(ctx.values, 'properties')) throw new UserError('--model goes with --properties', ExitCode.invalid, 'Run `threatwright rules --properties --model <file>`.');
    if (flagOption(ctx.values, 'properties')) {
      const props = [...PROPERTIES.values()].sort((a, b) => a.key.localeCompare(b.key));
      const own = modelFile !== undefined ? await declaredProperties(modelFile, ctx) : undefined;
      const line = (p: PropertySpec) => `${ctx.style.cyan(terminalLine(p.key).padEnd(28))} ${p.type.padEnd(8)} ${p.appliesTo.join(', ').padEnd(34)} ${terminalLine(p.description)}${p.values ? ctx.style.dim(` (${p.values.map((v) => terminalLine(v)).join(', ')})`) : ''}${p.safe !== undefined ? ctx.style.dim(` (safe: ${String(p.safe)})`) : ''}\n`;
      if (json) emit({ properties: own ? [...props, ...own.properties] : props });
      else {
        for (const p of props) ctx.print(line(p));
        if (own) {
          ctx.print(`\n${ctx.style.bold(`Declared in ${terminalLine(own.file)}`)}\n`);
          if (own.properties.length === 0) ctx.print(ctx.style.dim('(none: declare a property of your own under taxonomy.properties)\n'));
          for (const p of own.properties) ctx.print(line(p));
        }
      }
      return ExitCode.ok;
    }
    if (flagOption(ctx.values, 'taxonomy')) {
      const tax = builtinTaxonomy();
      const list = (m: typeof tax.types) => [...m.values()].sort((a, b) => a.name.localeCompare(b.name)).map((e) => ({ name: e.name, capabilities: [...e.capabilities].sort(), ...(e.encrypted !== undefined ? { encrypted: e.encrypted } : {}), ...(e.chain.length > 1 ? { extends: e.chain[1] } : {}) }));
      if (json) emit({ capabilities: CAPABILITIES, types: list(tax.types), protocols: list(tax.protocols) });
      else {
        ctx.print(`${ctx.style.bold('Capabilities')}\n`);
        for (const [k, d] of Object.entries(CAPABILITIES)) ctx.print(`  ${ctx.style.cyan(k.padEnd(28))} ${d}\n`);
        ctx.print(`\n${ctx.style.bold('Component types')}\n`);
        for (const t of list(tax.types)) ctx.print(`  ${ctx.style.cyan(t.name.padEnd(22))} ${t.capabilities.join(', ')}${t.extends ? ctx.style.dim(` (extends ${t.extends})`) : ''}\n`);
        ctx.print(`\n${ctx.style.bold('Protocols')}\n`);
        for (const p of list(tax.protocols)) ctx.print(`  ${ctx.style.cyan(p.name.padEnd(22))} ${p.encrypted === true ? 'encrypted' : p.encrypted === false ? 'clear text' : 'encryption not implied'}${p.capabilities.length ? `; ${p.capabilities.join(', ')}` : ''}\n`);
      }
      return ExitCode.ok;
    }
    const id = ctx.positionals[0];
    if (id !== undefined) {
      const rule = builtinRules.find((r) => r.id === id);
      if (!rule) {
        const close = suggest(id, builtinRules.map((r) => r.id));
        throw new UserError(`there is no rule "${id}"`, ExitCode.invalid, close ? `Did you mean ${close}?` : 'Run `threatwright rules` to list them.');
      }
      if (json) emit({ rule: ruleJson(rule) });
      else ctx.print(ruleText(rule));
      return ExitCode.ok;
    }
    const category = stringOption(ctx.values, 'category');
    const rules = builtinRules.filter((r) => category === undefined || r.meta.category === category);
    if (category !== undefined && rules.length === 0) throw new UserError(`no rule has category "${category}"`, ExitCode.invalid, 'Categories: spoofing, tampering, repudiation, information-disclosure, denial-of-service, elevation-of-privilege, and the LINDDUN ones (linking, identifying, non-repudiation, detecting, data-disclosure, unawareness, non-compliance).');
    if (json) emit({ rules: rules.map(ruleJson) });
    else {
      let w = 4;
      for (const r of rules) w = Math.max(w, r.id.length);
      for (const r of rules) ctx.print(`${ctx.style.cyan(r.id.padEnd(w))}  ${r.meta.category.padEnd(22)}  ${r.meta.title}\n`);
      ctx.print(ctx.style.dim(`\n${rules.length} rule${rules.length === 1 ? '' : 's'}. \`threatwright rules <id>\` shows one in full.\n`));
    }
    return ExitCode.ok;
  },
};
