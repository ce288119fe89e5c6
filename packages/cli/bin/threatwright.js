#!/usr/bin/env node
// Runs the bundled CLI (built by `npm ci` through the root `prepare` script, or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/threatwright.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('✖ threatwright is not built yet.\n    Run `npm ci` (or `npm run build`) in the repository first.\n');
  process.exit(4);
}
await import(bundle.href);
