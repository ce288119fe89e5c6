// Builds the library entry the published package exports as `threatwright/core`: core's code as
// one ES module (packages/cli/dist/lib/core.js) and its type declarations
// (packages/cli/dist/types/core/). The CLI does not use it; `npm pack` in packages/cli runs this
// through scripts/pack-assets.mjs. The packages core reads at run time stay external: they are the
// published package's dependencies.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'packages/cli/package.json'), 'utf8'));
const out = path.join(root, 'packages/cli/dist');

rmSync(path.join(out, 'lib'), { recursive: true, force: true });
rmSync(path.join(out, 'types'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { core: 'packages/core/src/index.ts' },
  outdir: path.join(out, 'lib'),
  bundle: true,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  format: 'esm',
  target: 'es2022',
  legalComments: 'none',
  external: Object.keys(pkg.dependencies ?? {}),
  logLevel: 'warning',
});

const tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'scripts/tsconfig.lib.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  process.stderr.write('✖ the type declarations of threatwright/core did not build\n');
  process.exit(r.status ?? 1);
}
