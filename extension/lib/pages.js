// Which pages an extension may not read, and a plain message for each, so the popup says why
// instead of staying silent.

const STORES = [
  /^https:\/\/chromewebstore\.google\.com\//i,
  /^https:\/\/chrome\.google\.com\/webstore/i,
  /^https:\/\/addons\.mozilla\.org\//i,
  /^https:\/\/microsoftedge\.microsoft\.com\/addons/i,
];
const BROWSER_SCHEMES = ['chrome:', 'edge:', 'brave:', 'opera:', 'vivaldi:', 'about:', 'chrome-extension:',
  'moz-extension:', 'extension:', 'view-source:', 'devtools:', 'chrome-search:', 'chrome-untrusted:',
  'resource:', 'javascript:'];

export const MESSAGES = {
  browser: 'This is a browser page (settings, new tab, extensions…). Browsers do not let extensions read these pages.',
  store: 'This is an extension store page. Browsers do not let extensions read store pages.',
  pdf: 'This is the built-in PDF viewer, which extensions cannot read. Select the text and use the right-click menu “Extract IOCs from selection”, or copy the text into the IOC Lens web page.',
  file: 'Local files can only be read if you allow it: open the browser\'s extension details for IOC Lens and turn on “Allow access to file URLs”, then reload the file.',
  noaccess: 'IOC Lens has no access to this tab yet. Click the IOC Lens toolbar button (or press its shortcut) while viewing the page.',
  gone: 'The tab was closed or navigated away.',
  other: 'This page cannot be read by extensions.',
};

/** `{code, message}` when `url` is a page no extension may script, else null (try it). */
export function restrictedReason(url) {
  if (!url) return null;
  let u;
  try { u = new URL(url); } catch { return null; }
  if (BROWSER_SCHEMES.includes(u.protocol)) return { code: 'browser', message: MESSAGES.browser };
  if (STORES.some((re) => re.test(url))) return { code: 'store', message: MESSAGES.store };
  return null;
}

/** Turns a scripting error into `{code, message}` for the user (the raw text is kept as `detail`). */
export function explainError(err, url) {
  const detail = String(err?.message || err || '');
  const known = restrictedReason(url);
  if (known) return { ...known, detail };
  let code = 'other';
  if (/\.pdf([?#]|$)/i.test(url || '')) code = 'pdf';
  else if (/^file:/i.test(url || '') || /file:\/\/|file URLs/i.test(detail)) code = 'file';
  else if (/extensions gallery|webstore/i.test(detail)) code = 'store';
  else if (/chrome:\/\/|cannot be scripted|privileged/i.test(detail)) code = 'browser';
  else if (/No tab with id|tab was closed|Frame with ID 0 was removed|No frame with id/i.test(detail)) code = 'gone';
  else if (/Cannot access contents|permission|Missing host permission|activeTab/i.test(detail)) code = 'noaccess';
  return { code, message: MESSAGES[code], detail };
}
