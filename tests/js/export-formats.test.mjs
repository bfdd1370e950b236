// One table of export formats: the core's exportFormats() (file extension, media type per format).
// Both fronts must offer exactly the core's formats and name/type their downloads from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { exportFormats } from '../../pkg/ioclens.js';
import { EXPORT_LABELS, exportDownload, normalizeSettings } from '../../extension/lib/settings.js';
import { exportFileName, downloadType, setExportFormats } from '../../www/output.js';

await init({ module_or_path: readFileSync(new URL('../../pkg/ioclens_bg.wasm', import.meta.url)) });
const core = exportFormats();
const html = readFileSync(new URL('../../www/index.html', import.meta.url), 'utf8');

test('the core lists formats with an extension and a media type each', () => {
  assert.ok(core.length >= 10);
  for (const f of core) {
    assert.match(f.extension, /^[a-z0-9]+(\.[a-z0-9]+)*$/, f.name);
    assert.match(f.mediaType, /^[a-z]+\/[a-z0-9.+-]+$/, f.name);
  }
});

test('both fronts offer exactly the core\'s formats', () => {
  const names = core.map((f) => f.name).sort();
  assert.deepEqual(Object.keys(EXPORT_LABELS).sort(), names, 'extension menu (lib/settings.js EXPORT_LABELS)');
  const options = [...html.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(options.filter((o) => names.includes(o)).sort(), names, 'web page menu (www/index.html #format)');
  for (const n of names) assert.equal(normalizeSettings({ exportFormat: n }).exportFormat, n);
});

test('for every format, each front\'s download has the core\'s extension and media type, and the fronts agree', () => {
  setExportFormats(core);
  const d = new Date(2024, 0, 2, 3, 4, 5);
  for (const f of core) {
    const ext = exportDownload(f.name, core, 'https://intel.example.org/post', d);
    assert.equal(ext.type, f.mediaType, `extension: ${f.name}`);
    assert.ok(ext.name.endsWith(`.${f.extension}`), `extension: ${f.name} → ${ext.name}`);
    const web = exportFileName(f.name, 'report.html');
    assert.ok(web.endsWith(`.${f.extension}`), `web page: ${f.name} → ${web}`);
    assert.equal(downloadType(f.name), `${f.mediaType};charset=utf-8`, `web page: ${f.name}`);
    // The part after the stem (format tag and extension) is the same in both fronts.
    assert.equal(ext.name.replace(/^ioclens-intel\.example\.org-\d{8}-\d{6}/, ''), web.replace(/^ioclens-report/, ''), f.name);
  }
});
