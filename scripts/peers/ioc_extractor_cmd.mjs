#!/usr/bin/env node
// ioc-extractor (npm) as a command for ../shared/corpus/score.py (`--cmd "node THIS"`): one document
// on stdin, its `extractIOC(text)` (defaults: strict, refang on) as JSON on stdout. The package is
// loaded from target/bench-npm (scripts/peers/install.sh), never from the project's node_modules.
import { readFileSync } from 'node:fs';
import { loadIocExtractor } from './ioc_extractor_load.mjs';

const { extractIOC } = await loadIocExtractor();
const text = readFileSync(0, 'utf8');
process.stdout.write(JSON.stringify(extractIOC(text)));
