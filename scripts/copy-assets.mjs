#!/usr/bin/env node
// Copies the non-TypeScript files the built CLI reads at run time from src/ to dist/ (tsc copies only .ts output).
// Add a folder (relative to src/) to ASSETS when a module reads files beside it through import.meta.url.
import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ASSETS = ['agent/baseline/policies'];

const src = fileURLToPath(new URL('../src/', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
for (const dir of ASSETS) {
  if (!existsSync(src + dir)) throw new Error(`copy-assets: src/${dir} does not exist`);
  cpSync(src + dir, dist + dir, { recursive: true, filter: (from) => !from.endsWith('.test.ts') });
}
