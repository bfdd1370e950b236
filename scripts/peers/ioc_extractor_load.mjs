// Imports ioc-extractor from the throwaway install folder (target/bench-npm), wherever the caller runs.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NPM_DIR = process.env.IOCLENS_BENCH_NPM || join(ROOT, 'target', 'bench-npm');

export async function loadIocExtractor() {
  const entry = join(NPM_DIR, 'node_modules', 'ioc-extractor', 'dist', 'index.mjs');
  return import(pathToFileURL(entry).href);
}

export async function iocExtractorVersion() {
  const { readFileSync } = await import('node:fs');
  const pj = join(NPM_DIR, 'node_modules', 'ioc-extractor', 'package.json');
  return JSON.parse(readFileSync(pj, 'utf8')).version;
}
