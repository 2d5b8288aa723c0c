#!/usr/bin/env node
// `npm run bench -- <name> [args…]` runs bench/<name>/index.mjs against the built dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(new URL('../bench/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.') && existsSync(`${root}bench/${d.name}/index.mjs`))
  .map((d) => d.name);
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none)'}\n`);
  process.exit(2);
}
if (!existsSync(`${root}dist/cli/main.js`)) {
  process.stderr.write('building dist/ first…\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [`${root}bench/${name}/index.mjs`, ...args], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
