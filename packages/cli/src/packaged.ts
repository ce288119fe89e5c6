import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file the published package carries beside its bundle (`dist/schema/…`, `dist/web/…`; copied in
 * when the package is packed: scripts/pack-assets.mjs). The bundle's code runs from `dist/` or
 * `dist/chunks/`, so only those two folders are looked at, and only when one is named `dist`:
 * from the sources in a clone this finds nothing and callers fall back to the repository's files.
 */
export function packagedFile(relative: string, from = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (const dir of [from, path.dirname(from)]) {
    if (path.basename(dir) !== 'dist') continue;
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
