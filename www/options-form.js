// The Options panel: types, refanged/defanged display, hiding allowlisted IOCs, the allowlist and
// custom patterns. Every change is saved at once (localStorage) and reported to the page, which
// re-extracts (types, allowlist, patterns) or only re-renders (display, hiding).
import { saveSettings } from './settings.js';

/**
 * Wires the form to `settings` (mutated in place). `changed(rerun)` is called after each change;
 * `rerun` says whether extraction must run again. Returns `setTypes(types)` for when the core's
 * type list ([{name, default}]) is known.
 */
export function optionsForm(form, settings, changed) {
  const boxes = form.querySelector('#type-boxes');
  const allowlist = form.querySelector('#allowlist');
  const custom = form.querySelector('#custom');
  const hide = form.querySelector('#hide-allowlisted');
  let types = [];
  const done = (rerun) => { saveSettings(settings); changed(rerun); };

  allowlist.value = settings.allowlist;
  custom.value = settings.custom;
  hide.checked = settings.hideAllowlisted;
  for (const r of form.querySelectorAll('input[name="display"]')) r.checked = r.value === settings.display;

  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('change', (e) => {
    const t = e.target;
    if (t.name === 'type') {
      settings.types = [...boxes.querySelectorAll('input:checked')].map((b) => b.value);
      done(true);
    } else if (t.name === 'display') {
      settings.display = t.value;
      done(false);
    } else if (t === hide) {
      settings.hideAllowlisted = t.checked;
      done(false);
    }
  });
  // Defaults / All / None.
  form.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-types]');
    if (!b) return;
    const all = [...boxes.querySelectorAll('input')];
    for (const box of all) {
      box.checked = b.dataset.types === 'all' || (b.dataset.types === 'default' && !!types.find((t) => t.name === box.value)?.default);
    }
    settings.types = b.dataset.types === 'default' ? null : all.filter((x) => x.checked).map((x) => x.value);
    done(true);
  });
  for (const [area, key] of [[allowlist, 'allowlist'], [custom, 'custom']]) {
    area.addEventListener('input', () => { settings[key] = area.value; done(true); });
  }

  return function setTypes(list) {
    types = list;
    const selected = new Set(settings.types || list.filter((t) => t.default).map((t) => t.name));
    boxes.replaceChildren(...list.map(({ name }) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'type';
      box.value = name;
      box.checked = selected.has(name);
      label.append(box, ` ${name}`);
      return label;
    }));
  };
}
