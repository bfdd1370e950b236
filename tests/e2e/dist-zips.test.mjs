// `make dist` (scripts/package-extension.sh): the two store zips hold exactly the built extension
// for their browser (its manifest, the wasm, the extension's own files) and nothing else (no source
// maps, tests, wasm-pack leftovers or dotfiles), and rebuilding them gives the same bytes.
// The script runs on a copy of dist/chrome and dist/firefox in a temporary folder, so the test
// never races a `make dist` in the checkout (outside a git checkout it skips the source zip).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';

const ROOT = join(import.meta.dirname, '../..');
const BROWSERS = ['chrome', 'firefox'];
let work;

/** Every file under `dir`, as sorted paths relative to it. */
function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p); else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const pack = () => execFileSync('bash', [join(work, 'scripts/package-extension.sh')], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const entries = (zip) => execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
const member = (zip, name) => execFileSync('unzip', ['-p', zip, name], { maxBuffer: 64 << 20 });
const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

before(() => {
  for (const b of BROWSERS) {
    assert.ok(statSync(join(ROOT, 'dist', b, 'manifest.json'), { throwIfNoEntry: false }), `dist/${b} missing: run make extension`);
  }
  work = mkdtempSync(join(tmpdir(), 'ioclens-dist-'));
  mkdirSync(join(work, 'scripts'));
  cpSync(join(ROOT, 'scripts/package-extension.sh'), join(work, 'scripts/package-extension.sh'));
  for (const b of BROWSERS) cpSync(join(ROOT, 'dist', b), join(work, 'dist', b), { recursive: true });
});
after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

test('make dist writes one zip per store, each holding exactly its browser\'s build and nothing stray', () => {
  const log = pack();
  const version = JSON.parse(readFileSync(join(ROOT, 'extension/manifest.json'), 'utf8')).version;
  const source = JSON.parse(readFileSync(join(ROOT, 'extension/manifest.json'), 'utf8'));
  // What a build may contain: the extension's own files (extension/), its manifest, and the two
  // files wasm-bindgen generates. Nothing from pkg/ beyond those (no .d.ts, package.json, README).
  const allowed = new Set([...files(join(ROOT, 'extension')), 'pkg/ioclens.js', 'pkg/ioclens_bg.wasm']);
  for (const b of BROWSERS) {
    const zip = join(work, 'dist', `ioclens-${version}-${b}.zip`);
    assert.match(log, new RegExp(`dist/ioclens-${version}-${b}\\.zip`));
    const names = entries(zip);
    assert.deepEqual([...names].sort(), files(join(work, 'dist', b)), `${b}: the zip is the build folder, file for file`);
    for (const n of names) {
      assert.ok(allowed.has(n), `${b}: ${n} is not part of the extension`);
      assert.match(n, /^(manifest\.json|[\w/-]+\.(js|html|css|png|wasm))$/, `${b}: unexpected kind of file ${n}`);
      assert.doesNotMatch(n, /(^|\/)\.|\.map$|\.d\.ts$|(^|[/._-])(tests?|spec)([/._-]|$)/, `${b}: stray file ${n}`);
    }
    assert.deepEqual(names.filter((n) => n.startsWith('pkg/')).sort(), ['pkg/ioclens.js', 'pkg/ioclens_bg.wasm']);
    // The wasm is the build's (a real module, not a pointer or an empty file).
    const wasm = member(zip, 'pkg/ioclens_bg.wasm');
    assert.deepEqual([...wasm.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], `${b}: wasm magic`);
    assert.equal(createHash('sha256').update(wasm).digest('hex'), sha(join(work, 'dist', b, 'pkg/ioclens_bg.wasm')), `${b}: wasm differs from the build`);

    // The manifest at the zip's root is the one for this store.
    const m = JSON.parse(member(zip, 'manifest.json'));
    assert.equal(m.manifest_version, 3);
    assert.equal(m.version, version);
    assert.deepEqual(m.permissions, source.permissions);
    assert.equal(m.host_permissions, undefined);
    assert.match(m.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
    if (b === 'chrome') {
      assert.equal(m.background.service_worker, 'background.js');
      assert.equal(m.background.scripts, undefined);
      assert.equal(m.browser_specific_settings, undefined);
    } else {
      assert.deepEqual(m.background.scripts, ['background.js']);
      assert.equal(m.background.service_worker, undefined);
      assert.equal(m.browser_specific_settings.gecko.id, source.browser_specific_settings.gecko.id);
      assert.ok(m.browser_specific_settings.gecko.data_collection_permissions, 'AMO requires data_collection_permissions');
    }
    // Every file the manifest names is in the zip.
    const named = [...Object.values(m.icons), ...Object.values(m.action.default_icon ?? {}), m.options_ui.page,
      ...(m.background.scripts ?? [m.background.service_worker]), ...(m.action.default_popup ? [m.action.default_popup] : [])];
    for (const f of named) assert.ok(names.includes(f), `${b}: manifest names ${f}, missing from the zip`);
  }
});

test('the store zips are reproducible: packing again gives byte-identical files', () => {
  const version = JSON.parse(readFileSync(join(ROOT, 'extension/manifest.json'), 'utf8')).version;
  const zips = BROWSERS.map((b) => join(work, 'dist', `ioclens-${version}-${b}.zip`));
  const first = zips.map(sha);
  // Touch the build files: the zips must not depend on the files' own timestamps.
  execFileSync('find', [join(work, 'dist', 'chrome'), join(work, 'dist', 'firefox'), '-exec', 'touch', '{}', '+']);
  pack();
  assert.deepEqual(zips.map(sha), first);
});
