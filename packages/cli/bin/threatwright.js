#!/usr/bin/env node
// Runs the bundled CLI (built by `npm ci` through the root `prepare` script, or `npm run build`).
import { existsSync } from 'node:fs';
import nodeModule from 'node:module';
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
// From Node.js 22.1 on, V8's compiled code for the bundle is kept between runs (in the system's temp
// folder), which saves most of the time spent compiling it at every start; Node.js 20 has no such cache.
nodeModule.enableCompileCache?.();
await import(bundle.href);
