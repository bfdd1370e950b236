// Shared steps for the paste-box page tests (served on 127.0.0.1, and dist/ioclens.html from
// file://). Expectations come from the CLI run on the same input, never from the page itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

export const SAMPLE = join(ROOT, 'tests/fixtures/sample-report.txt');
const CLI = process.env.IOCLENS_CLI || join(ROOT, 'target/release/ioclens');

/** The CLI's matches for `file` with every type on: [{type, value, raw, start, ...}] in text order. */
export function cliMatches(file = SAMPLE) {
  if (!existsSync(CLI)) throw new Error('target/release/ioclens missing: run make build');
  const out = JSON.parse(execFileSync(CLI, ['--format', 'json', '--types', 'all', file], { encoding: 'utf8' }));
  return out.sort((a, b) => a.start - b.start);
}

/** Distinct `type value` strings in order of first appearance: what the table must list. */
export function distinct(matches) {
  return [...new Set(matches.map((m) => `${m.type} ${m.value}`))];
}

/** Records every request of a browser context (pages and workers). */
export function recordRequests(ctx) {
  const urls = [];
  ctx.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Waits until the page has finished (re)computing results. */
export async function settled(page) {
  await page.waitForSelector('#results-area[aria-busy="false"]', { timeout: 30_000 });
}

/** Opens the page and waits for the extractor. */
export async function open(page, url) {
  await page.goto(url);
  await settled(page);
  assert.match(await page.textContent('#status'), /^0 IOCs in [\d.]+ ms$/);
}

/** Turns on every type through the Options panel (the CLI expectation uses --types all). */
export async function allTypes(page) {
  await page.click('#options summary');
  await page.click('button[data-types="all"]');
  await settled(page);
}

export async function paste(page, text) {
  await page.fill('#input', text);
  await settled(page);
}

/** The table as `type value` strings, in display order. */
export function rows(page) {
  return page.$$eval('#results tbody tr[data-ioclens-type]', (trs) => trs.map((t) => `${t.dataset.ioclensType} ${t.dataset.ioclensValue}`));
}

/** Drops a file on the text box as a user would (a DataTransfer on a drop event). */
export async function drop(page, name, content, type = 'text/plain') {
  await page.evaluate(({ name, content, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], name, { type }));
    document.getElementById('input').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, content, type });
}

/** Exports the shown rows in `format` through the Download button; returns the file's text and name. */
export async function download(page, format) {
  await page.selectOption('#format', format);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

/** RFC 4180 CSV → array of records (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text) {
  const out = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); out.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); out.push(row); }
  return out;
}

/** Every string anywhere inside a parsed JSON value. */
export function strings(v, out = []) {
  if (typeof v === 'string') out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/**
 * Checks the downloaded exports parse and carry the expected IOCs. `want` is a list of
 * {type, value} (what the table shows).
 */
export async function checkExports(page, want) {
  const values = want.map((w) => w.value);
  const json = await download(page, 'json');
  assert.match(json.name, /^ioclens-[\w.-]+\.json$/);
  const parsedJson = JSON.parse(json.text);
  const jsonStrings = new Set(strings(parsedJson));
  for (const v of values) assert.ok(jsonStrings.has(v), `JSON export lacks ${v}`);

  const csv = parseCsv((await download(page, 'csv')).text);
  const header = csv[0];
  assert.ok(header.includes('type') && header.includes('value'), `CSV header ${header}`);
  const ti = header.indexOf('type');
  const vi = header.indexOf('value');
  assert.deepEqual(new Set(csv.slice(1).filter((r) => r.length > 1).map((r) => `${r[ti]} ${r[vi]}`)),
    new Set(want.map((w) => `${w.type} ${w.value}`)));

  const txt = (await download(page, 'txt')).text.split(/\r?\n/).filter(Boolean);
  assert.deepEqual(new Set(txt), new Set(values));

  const stixFile = await download(page, 'stix');
  assert.match(stixFile.name, /^ioclens-[\w.-]+-stix\.json$/); // the core's extension, tagged with the format
  const stix = JSON.parse(stixFile.text);
  assert.equal(stix.type, 'bundle');
  assert.ok(Array.isArray(stix.objects) && stix.objects.length > 0);
  const stixText = strings(stix).join('\n');
  for (const w of want.filter((x) => ['ipv4', 'domain', 'sha256', 'md5', 'sha1'].includes(x.type))) {
    assert.ok(stixText.includes(w.value), `STIX bundle lacks ${w.value}`);
  }

  const misp = JSON.parse((await download(page, 'misp')).text);
  const event = misp.Event || misp;
  assert.ok(Array.isArray(event.Attribute), 'MISP export has Event.Attribute');
  const mispValues = new Set(event.Attribute.map((a) => a.value));
  for (const w of want.filter((x) => ['ipv4', 'domain', 'url', 'sha256', 'md5', 'sha1', 'email'].includes(x.type))) {
    assert.ok([...mispValues].some((v) => v === w.value || v.startsWith(`${w.value}|`)), `MISP event lacks ${w.value}`);
  }

  const md = (await download(page, 'md')).text;
  assert.match(md, /^\|.*\|\s*$/m);
  const defangedFile = await download(page, 'defanged');
  assert.match(defangedFile.name, /-defanged\.txt$/);
  const defanged = defangedFile.text;
  assert.doesNotMatch(defanged, /\b(?:\d{1,3}\.){3}\d{1,3}\b/, 'no live IPv4 in the defanged export');
}

export const HTML_FILE = `<!doctype html><html><head><title>Lure analysis</title>
<style>body { background: url(http://203.0.113.9/bg.png) }</style>
<link rel="stylesheet" href="http://203.0.113.9/s.css">
<script>window.__ran = 1; fetch('http://203.0.113.9/beacon');</script>
</head><body onload="window.__ran = 2">
<h1>Campaign notes</h1>
<p>The dropper contacts <b>stage2-c2</b>[.]net and 198.51.100[.]77.</p>
<img src="http://203.0.113.9/pixel.gif" alt="tracker">
<div hidden>hidden-only.example.org</div>
<div style="display:none">also-hidden.example.org</div>
<iframe src="http://203.0.113.9/frame"></iframe>
<noscript>noscript-only.example.org</noscript>
<table><tr><td>sha1</td><td>3f786850e387550fdab836ed7e6dc881de23001b</td></tr></table>
</body></html>`;

/** Drops the HTML file and checks the input became its visible text, and nothing ran or loaded. */
export async function checkHtmlDrop(page) {
  await drop(page, 'notes.html', HTML_FILE, 'text/html');
  await settled(page);
  const text = await page.inputValue('#input');
  assert.match(text, /^Lure analysis\n/);
  assert.match(text, /The dropper contacts stage2-c2\[\.\]net and 198\.51\.100\[\.\]77\./);
  assert.match(text, /sha1\t3f786850e387550fdab836ed7e6dc881de23001b/);
  for (const absent of ['hidden-only', 'also-hidden', 'noscript-only', '__ran', 'beacon', 'background']) {
    assert.ok(!text.includes(absent), `${absent} must not be in the visible text`);
  }
  assert.equal(await page.evaluate(() => window.__ran), undefined, 'no script of the file ran');
  const got = await rows(page);
  for (const want of ['domain stage2-c2.net', 'ipv4 198.51.100.77', 'sha1 3f786850e387550fdab836ed7e6dc881de23001b']) {
    assert.ok(got.includes(want), `missing ${want} in ${got}`);
  }
}

/** A binary file is refused with a message; the text already there stays. */
export async function checkBinaryRefused(page) {
  await paste(page, 'keep me: 192.0.2[.]10');
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
  await page.evaluate((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'screenshot.png', { type: 'image/png' }));
    document.getElementById('input').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, png);
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message'), /“screenshot\.png” was not loaded\. It is an image.*current text was kept/);
  assert.equal(await page.inputValue('#input'), 'keep me: 192.0.2[.]10');
  assert.ok((await rows(page)).includes('ipv4 192.0.2.10'));
}

/** Requests other than the page's own files (and in-page blob:/data: URLs). */
export function outside(urls, own) {
  return urls.filter((u) => !own(u) && !u.startsWith('blob:') && !u.startsWith('data:'));
}
