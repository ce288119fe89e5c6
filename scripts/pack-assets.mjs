// Puts into packages/cli what the published `threatwright` package carries beyond its bundle, and
// takes it out again. `npm pack` / `npm publish` in packages/cli run it: `prepack` copies, `postpack`
// removes, so a clone never has two copies of the schema or the web app lying about.
//   node scripts/pack-assets.mjs copy    the web app (packages/web/dist -> dist/web), the JSON
//                                        Schemas (schema/ -> dist/schema), README.md, CHANGELOG.md and LICENSE,
//                                        and builds the library entry (dist/lib, dist/types)
//   node scripts/pack-assets.mjs remove  the same, gone
// The bundle and the web app must be built first (`npm ci` or `npm run build` does both).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = path.join(root, 'packages/cli');
const copies = [
  [path.join(root, 'packages/web/dist'), path.join(pkg, 'dist/web')],
  [path.join(root, 'schema'), path.join(pkg, 'dist/schema')],
  [path.join(root, 'README.md'), path.join(pkg, 'README.md')],
  [path.join(root, 'CHANGELOG.md'), path.join(pkg, 'CHANGELOG.md')],
  [path.join(root, 'LICENSE'), path.join(pkg, 'LICENSE')],
];

const action = process.argv[2];
// Built for the package only (scripts/build-lib.mjs): the `threatwright/core` library entry and its types.
const libraryOutputs = [path.join(pkg, 'dist/lib'), path.join(pkg, 'dist/types')];

if (action === 'remove') {
  for (const [, to] of copies) rmSync(to, { recursive: true, force: true });
  for (const dir of libraryOutputs) rmSync(dir, { recursive: true, force: true });
} else if (action === 'copy') {
  const missing = [
    [path.join(pkg, 'dist/threatwright.js'), 'the CLI bundle'],
    [path.join(root, 'packages/web/dist/index.html'), 'the web app'],
  ].filter(([file]) => !existsSync(file));
  if (missing.length > 0) {
    process.stderr.write(`✖ ${missing.map(([, what]) => what).join(' and ')} not built.\n    Run \`npm run build\` at the repository root, then pack again.\n`);
    process.exit(1);
  }
  for (const [from, to] of copies) {
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true });
  }
  const lib = spawnSync(process.execPath, [path.join(root, 'scripts/build-lib.mjs')], { cwd: root, stdio: 'inherit' });
  if (lib.status !== 0) process.exit(lib.status ?? 1);
} else {
  process.stderr.write('usage: node scripts/pack-assets.mjs copy|remove\n');
  process.exit(2);
}
