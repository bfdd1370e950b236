// The single-file builder: its module merging runs the same code as the modules did, refuses what
// it cannot merge, and the page it writes carries CSP hashes that match its inline code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { bundle, inlinePage } from '../../scripts/inline-html.mjs';

function tree(files) {
  const dir = mkdtempSync(join(tmpdir(), 'ioclens-inline-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('merged modules behave like the modules: named, renamed, default, namespace imports', () => {
  const dir = tree({
    'main.js': [
      "import init, { add, twice as double } from './lib/glue.js';",
      "import * as util from './util.js';",
      "import {",
      "  shout,",
      "} from './util.js';",
      'export const result = [init(), add(2, 3), double(4), util.shout("a"), shout("b"), util.where()].join(",");',
    ].join('\n'),
    'lib/glue.js': [
      'let calls = 0;',
      'export function add(a, b) { return a + b; }',
      'export class Twice { }',
      'function twice(x) { return 2 * x; }',
      'async function __init() { calls++; return calls; }',
      'function initSync() { return `sync ${calls}`; }',
      'export { twice, initSync };',
      'export { initSync as default };',
    ].join('\n'),
    'util.js': "export const shout = (s) => s.toUpperCase() + '!';\nexport function where() { return new URL('x.wasm', import.meta.url).href; }\n",
  });
  try {
    const code = bundle(join(dir, 'main.js'));
    assert.doesNotMatch(code, /^\s*(import|export)\b/m);
    assert.equal((code.match(/\/\/ util\.js/g) || []).length, 1, 'a module imported twice is included once');
    const ctx = { location: { href: 'file:///page.html' }, URL };
    runInNewContext(`${code}\nglobalThis.out = __ioclens_m2.result;`, ctx);
    assert.equal(ctx.out, 'sync 0,5,8,A!,B!,file:///x.wasm');
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('what cannot be merged safely fails the build', () => {
  const cases = {
    'bare specifier': "import x from 'lodash';\n",
    'side-effect import': "import './b.js';\n",
    'export let': "export let counter = 0;\n",
    'export default expression': 'export default 42;\n',
    'dynamic import': "const m = await import('./b.js');\n",
    'export from': "export { x } from './b.js';\n",
  };
  for (const [what, src] of Object.entries(cases)) {
    const dir = tree({ 'a.js': src, 'b.js': 'export const x = 1;\n' });
    try {
      assert.throws(() => bundle(join(dir, 'a.js')), Error, what);
    } finally {
      rmSync(dir, { recursive: true });
    }
  }
  const cyc = tree({ 'a.js': "import { b } from './b.js';\nexport const a = 1;\n", 'b.js': "import { a } from './a.js';\nexport const b = 2;\n" });
  try {
    assert.throws(() => bundle(join(cyc, 'a.js')), /import cycle/);
  } finally {
    rmSync(cyc, { recursive: true });
  }
});

const sha = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

test('the single page inlines everything and its CSP allows exactly its own inline code', () => {
  const wasm = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  const dir = tree({
    'index.html': [
      '<!doctype html><html><head>',
      '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">',
      '<link rel="icon" href="data:,">',
      '<link rel="stylesheet" href="style.css">',
      '</head><body><a href="#main">skip</a>',
      '<script type="module" src="app.js"></script>',
      '</body></html>',
    ].join('\n'),
    'style.css': 'body { color: red }\n/* </style><script>alert(1)</script> */\n',
    'app.js': "import { hi } from './hi.js';\ndocument.title = hi + '</script>';\n",
    'hi.js': "export const hi = 'hi';\n",
    'worker.js': "import init from './pkg/glue.js';\nself.onmessage = () => init();\n",
    'pkg/glue.js': 'function __wbg_init() { return 1; }\nexport { __wbg_init as default };\n',
    'pkg/ioclens_bg.wasm': wasm,
  });
  try {
    const html = inlinePage(dir);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)[1];
    const script = /<script>('use strict';[\s\S]*?)<\/script>/.exec(html)[1]; // (the CSS holds a harmless '<script>')
    assert.doesNotMatch(style, /<\/style/i, 'a closing tag inside the CSS is neutralised');
    assert.doesNotMatch(script, /<\/script/i, 'a closing tag inside the JS is neutralised');
    const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)[1];
    assert.equal(csp, `default-src 'none'; script-src ${sha(script)} 'wasm-unsafe-eval'; worker-src blob:; style-src ${sha(style)}; img-src data:; base-uri 'none'; form-action 'none'`);
    assert.doesNotMatch(html, /src="app\.js"|href="style\.css"/);
    const worker = Buffer.from(/id="ioclens-worker">([^<]*)</.exec(html)[1], 'base64').toString();
    assert.match(worker, /self\.onmessage/);
    assert.doesNotMatch(worker, /^\s*(import|export)\b/m);
    assert.deepEqual(Buffer.from(/id="ioclens-wasm">([^<]*)</.exec(html)[1], 'base64'), wasm);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a page that still points at a local file is refused', () => {
  const dir = tree({
    'index.html': '<meta http-equiv="Content-Security-Policy" content="x"><link rel="stylesheet" href="style.css"><img src="logo.png"><script type="module" src="app.js"></script>',
    'style.css': '', 'app.js': '', 'worker.js': '', 'pkg/ioclens_bg.wasm': '',
  });
  try {
    assert.throws(() => inlinePage(dir), /still references src="logo\.png"/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
