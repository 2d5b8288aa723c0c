import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The CRS v4 corpus next to the repository (`<repo>/../shared/corpora/crs`), if present. */
export function sharedCrsDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../../../shared/corpora/crs', import.meta.url));
  return existsSync(dir) ? dir : undefined;
}
