#!/usr/bin/env node
// Runs the bundled CLI (built by `npm ci` through the root `prepare` script, or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`✖ threatwright needs Node.js 20.19 or later; this is ${process.versions.node}.\n    Install a current Node.js LTS release and run it again.\n`);
  process.exit(4);
}

const bundle = new URL('../dist/threatwright.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('✖ threatwright is not built yet.\n    Run `npm ci` (or `npm run build`) in the repository first.\n');
  process.exit(4);
}
await import(bundle.href);
