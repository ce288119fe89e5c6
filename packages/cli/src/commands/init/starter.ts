/**
 * The starter model `threatwright init` writes: a small, real, valid model (browser -> web app
 * -> database across two boundaries) with comments that teach the format, and the answers to
 * the framing questions filled in. Pure: text in, text out.
 */

export interface StarterAnswers {
  name: string;
  /** What are we working on? */
  description?: string | undefined;
  /** What are we protecting? */
  protecting?: string | undefined;
  /** From whom? */
  fromWhom?: string | undefined;
  /** With how many resources? */
  resources?: string | undefined;
}

export interface StarterOptions {
  /** Value of the `# yaml-language-server: $schema=` line, or undefined to leave it out. */
  schema: string | undefined;
  /** Today, YYYY-MM-DD (the first review). */
  today: string;
  /** The model's file name as the user will type it, for the next steps. */
  file: string;
  /** Registered commands, to mention only those that exist. */
  commands: readonly string[];
}

/**
 * A YAML scalar for any text. JSON strings are valid YAML double-quoted scalars, so every
 * character (quotes, `#`, `: `, newlines, control characters) is escaped, never interpreted.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** Text safe inside a `#` comment: line breaks and other control characters become spaces. */
function commentText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** `key: "value"`, or the key commented out with the question when there is no answer. */
function answered(key: string, value: string | undefined, question: string, indent = '  '): string {
  if (value !== undefined && value.trim() !== '') return `${indent}${key}: ${yamlString(value.trim())}   # ${question}`;
  return indent.startsWith('#') ? `${indent}${key}: …   # ${question}` : `${indent}# ${key}: …   # ${question}`;
}

function questions(answers: StarterAnswers): string[] {
  const given = [answers.protecting, answers.fromWhom, answers.resources].some((a) => a !== undefined && a.trim() !== '');
  // An empty `questions:` would be null, which the schema rejects: comment the section out until one is answered.
  const indent = given ? '  ' : '#   ';
  return [
    given ? 'questions:' : '# questions:',
    answered('protecting', answers.protecting, 'What are we protecting?', indent),
    answered('from_whom', answers.fromWhom, 'From whom?', indent),
    answered('resources', answers.resources, 'With how many resources?', indent),
  ];
}

/** The counts of the starter's example content, for the message after writing it. */
export const STARTER_COUNTS = { components: 3, flows: 2, boundaries: 2, assets: 2 } as const;

export function starterModel(answers: StarterAnswers, options: StarterOptions): string {
  const lines: string[] = [];
  if (options.schema !== undefined) lines.push(`# yaml-language-server: $schema=${options.schema}`);
  for (const line of [
    `#`,
    `# Threat model of ${commentText(answers.name)}, started with \`threatwright init\` on ${options.today}.`,
    `#`,
    `# It follows the four questions of threat modeling:`,
    `#   1. What are we working on?            system, boundaries, assets, components, flows`,
    `#   2. What can go wrong?                 threats${options.commands.includes('analyze') ? ' (and `threatwright analyze`, which derives them from the flows)' : ''}`,
    `#   3. What are we going to do about it?  mitigations`,
    `#   4. Did we do a good job?              reviewed_at / review_every, and the team's own review`,
    `#`,
    `# The example boundaries, assets, components and flows below are a starting point:`,
    `# replace them with your own. Ids (B1, A1, C1, F1, …) just have to be unique.`,
    `# Properties such as \`encrypted\` or \`authenticated\` are true, false, or left out`,
    `# when not known yet: leave them out rather than guess.`,
    '',
    'threatwright: 1',
    '',
    'system:',
    `  name: ${yamlString(answers.name)}`,
    answered('description', answers.description, 'What are we working on?'),
    `  # owner: team-or-person`,
    `  # scope: What this model covers.`,
    `  # out_of_scope: [What it deliberately leaves out, and why]`,
    `  reviewed_at: ${options.today}`,
    `  review_every: 90d   # review overdue -> a warning from \`threatwright validate\``,
    '',
    '# The quick framing: what matters, against whom, and what the defence may cost.',
    ...questions(answers),
    '',
    '# Trust boundaries: where the level of trust changes (0-100, or untrusted..trusted).',
    'boundaries:',
    '  - id: B1',
    '    name: Internet',
    '    trust: untrusted',
    '  - id: B2',
    '    name: Our hosting',
    '    trust: high',
    '    # parent: B3   # boundaries nest',
    '',
    '# Assets: what is worth protecting.',
    'assets:',
    '  - id: A1',
    '    name: User credentials',
    '    type: credentials',
    '    classification: confidential',
    '    confidentiality: high',
    '    integrity: high',
    '  - id: A2',
    '    name: Customer data',
    '    type: personal-data',
    '    classification: confidential',
    '    confidentiality: high',
    '    personal_data: true',
    '',
    '# Components: the elements of the data-flow diagram.',
    '#   kind: process | datastore | external-entity',
    '#   type: web-app, api, database, browser, queue, object-store, identity-provider, llm, …',
    'components:',
    '  - id: C1',
    '    name: User browser',
    '    kind: external-entity',
    '    type: browser',
    '    boundary: B1',
    '  - id: C2',
    '    name: Web application',
    '    kind: process',
    '    type: web-app',
    '    boundary: B2',
    '    # tech: Node.js 20 / Express',
    '    # paths: [src/server/]   # where the code lives',
    '    assets: { processed: [A1, A2] }',
    '  - id: C3',
    '    name: Database',
    '    kind: datastore',
    '    type: database',
    '    boundary: B2',
    '    assets: { stored: [A1, A2] }',
    '',
    '# Flows: who sends what to whom.',
    'flows:',
    '  - id: F1',
    '    from: C1',
    '    to: C2',
    '    label: Sign in and use the app',
    '    data: [A1, A2]',
    '    protocol: https',
    '    encrypted: true',
    '    # authenticated: true   # left out: not known yet',
    '  - id: F2',
    '    from: C2',
    '    to: C3',
    '    label: Read and write accounts',
    '    data: [A1, A2]',
    '    protocol: sql',
    '',
    '# Threats you already know about, and what you do about them:',
    '#',
    '# threats:',
    '#   - id: T1',
    '#     title: Credential stuffing against the sign-in form',
    '#     category: spoofing',
    '#     elements: [F1]',
    '#     likelihood: 4   # 1-5',
    '#     impact: 4       # 1-5',
    '#',
    '# mitigations:',
    '#   - id: R1',
    '#     title: Rate-limit sign-in attempts per account and per address',
    '#     strategy: reduce   # eliminate | reduce | transfer | accept',
    '#     threats: [T1]',
    '#     owner: web-team',
    '#     status: planned',
    '#',
    '# Also available: dependencies, stakeholders, assumptions, attack_trees, include',
    '# (split the model into several files).',
    '#',
    '# Next steps:',
    ...nextSteps(options).map((s, i) => `#   ${i + 1}. ${commentText(s)}`),
    '',
  ])
    lines.push(line);
  return lines.join('\n');
}

/** What to do after `init`, naming only commands that exist. */
export function nextSteps(options: Pick<StarterOptions, 'file' | 'commands'>): string[] {
  const file = /^[\w./-]+$/.test(options.file) ? options.file : `'${options.file.replace(/'/g, `'\\''`)}'`;
  const steps = [`Describe your system in ${file}: replace the example boundaries, assets, components and flows.`, `threatwright validate ${file}`];
  if (options.commands.includes('analyze')) steps.push(`threatwright analyze ${file}   # what can go wrong`);
  if (options.commands.includes('diagram')) steps.push(`threatwright diagram ${file}   # see the data-flow diagram`);
  if (options.commands.includes('serve')) steps.push(`threatwright serve ${file}   # edit it in the local web editor`);
  return steps;
}
