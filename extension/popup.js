// Popup: asks the background to scan the active tab (the toolbar click granted activeTab) and
// lists what it found, grouped by type. Page text is rendered with textContent only.
const status = document.getElementById('status');
const results = document.getElementById('results');

function render(matches) {
  results.replaceChildren();
  const groups = new Map();
  for (const m of matches) {
    if (!groups.has(m.type)) groups.set(m.type, new Set());
    groups.get(m.type).add(m.value);
  }
  for (const [type, values] of groups) {
    const sec = document.createElement('section');
    sec.dataset.type = type;
    const h = document.createElement('h2');
    h.textContent = `${type} (${values.size})`;
    const ul = document.createElement('ul');
    for (const v of values) {
      const li = document.createElement('li');
      li.textContent = v;
      ul.append(li);
    }
    sec.append(h, ul);
    results.append(sec);
  }
  status.textContent = `${matches.length} IOCs`;
}

async function main() {
  const params = new URLSearchParams(location.search);
  let tabId = Number(params.get('tabId'));
  if (!tabId) [{ id: tabId }] = await chrome.tabs.query({ active: true, currentWindow: true });
  const res = await chrome.runtime.sendMessage({ type: 'scan', tabId });
  if (!res?.ok) throw new Error(res?.error || 'no answer from the background');
  render(res.matches);
}

main().catch((e) => {
  status.textContent = '';
  const p = document.createElement('p');
  p.className = 'error';
  p.textContent = `This page cannot be read: ${e.message}`;
  results.replaceChildren(p);
});
