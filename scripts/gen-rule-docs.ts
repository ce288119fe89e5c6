// Writes docs/rules/ from the rule metadata: one page per rule and an index. Removes pages of rules that no longer exist.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtinRules } from '../packages/core/src/rules/index.js';
import { ruleCatalogue } from '../packages/core/src/rules/docs.js';

const dir = path.resolve(import.meta.dirname, '../docs/rules');
mkdirSync(dir, { recursive: true });
const files = ruleCatalogue(builtinRules);
for (const name of readdirSync(dir)) if (!files.has(name)) rmSync(path.join(dir, name));
for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
console.log(`wrote ${files.size} files to docs/rules/`);
