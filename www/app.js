// Paste-box page: extracts as you type with the same wasm core as the extension.
import init, { IocExtractor } from './pkg/ioclens.js';

const input = document.getElementById('input');
const status = document.getElementById('status');
const tbody = document.querySelector('#results tbody');
let ex;
let timer;

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function run() {
  const t0 = performance.now();
  const matches = ex.extract(input.value);
  const ms = performance.now() - t0;
  tbody.replaceChildren(...matches.map((m) => {
    const tr = document.createElement('tr');
    tr.dataset.ioclensType = m.type;
    tr.dataset.ioclensValue = m.value;
    tr.append(cell(m.type), cell(m.value), cell(m.defanged ? m.raw : ''));
    return tr;
  }));
  status.textContent = `${matches.length} IOCs in ${ms.toFixed(1)} ms`;
}

init({ module_or_path: new URL('./pkg/ioclens_bg.wasm', import.meta.url) }).then(() => {
  ex = new IocExtractor({ types: 'all' });
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 150); });
  run();
}, (e) => { status.textContent = `Could not load the extractor: ${e.message}`; });
