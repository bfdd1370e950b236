// DOM for the results: the type chips and the table (one <tr data-ioclens-type data-ioclens-value>
// per distinct IOC). Rows use a roving tabindex: one Tab stop for the table, arrows inside it.
import { appendVisible, escapeInvisible } from './escape.js';
import { shown } from './model.js';

/** Renders the chips: "All" plus one toggle per type, each with its count. */
export function renderChips(box, counts, selected, total) {
  const chip = (label, type, pressed) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'chip';
    b.dataset.type = type;
    b.setAttribute('aria-pressed', String(pressed));
    b.textContent = label;
    return b;
  };
  const chips = [chip(`All (${total})`, '', selected.size === 0)];
  for (const [type, n] of counts) chips.push(chip(`${type} (${n})`, type, selected.has(type)));
  const focused = document.activeElement?.closest?.('.chip')?.dataset.type;
  box.replaceChildren(...chips);
  if (focused !== undefined) box.querySelector(`.chip[data-type="${CSS.escape(focused)}"]`)?.focus();
}

function td(text, cls) {
  const c = document.createElement('td');
  if (cls) c.className = cls;
  appendVisible(c, text);
  return c;
}

/** One table row for `rows[i]`. */
export function rowElement(rows, i, display, lines) {
  const r = rows[i];
  const tr = document.createElement('tr');
  tr.tabIndex = -1;
  tr.dataset.row = i;
  tr.dataset.ioclensType = r.type;
  tr.dataset.ioclensValue = r.value;
  if (r.flags.includes('allowlisted')) tr.classList.add('allowlisted');
  const value = td(shown(r, display), 'value');
  for (const f of r.flags) {
    const b = document.createElement('span');
    b.className = 'flag';
    b.textContent = f.replace(/_/g, ' ');
    value.append(' ', b);
  }
  tr.append(td(r.type, 'type'), value, td(r.raw !== r.value ? r.raw : '', 'raw'),
    td(String(r.count), 'num'), td(String(lines?.[i] ?? ''), 'num'));
  tr.title = `${r.type}: ${escapeInvisible(r.value)}`;
  return tr;
}

/** Fills the table body with the first `limit` of `ids`; keeps the roving tab stop. */
export function renderRows(tbody, rows, ids, limit, display, lines, activeRow) {
  const frag = document.createDocumentFragment();
  for (const i of ids.slice(0, limit)) frag.append(rowElement(rows, i, display, lines));
  tbody.replaceChildren(frag);
  const active = tbody.querySelector(`tr[data-row="${activeRow}"]`) || tbody.firstElementChild;
  if (active) active.tabIndex = 0;
  return active;
}

/** Moves the roving tab stop to `tr` and focuses it. */
export function focusRow(tbody, tr) {
  if (!tr) return;
  for (const t of tbody.querySelectorAll('tr[tabindex="0"]')) t.tabIndex = -1;
  tr.tabIndex = 0;
  tr.focus();
}
