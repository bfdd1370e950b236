// Getting exports out of the page: a download (Blob URL on an <a download>; no network) or the
// clipboard (async Clipboard API, with the old selection-and-copy fallback for pages where it is
// not available).

/** Per export format: file extension, MIME type and a label for messages. */
export const EXPORT_FILES = {
  json: { ext: 'json', mime: 'application/json', label: 'JSON' },
  jsonl: { ext: 'jsonl', mime: 'application/x-ndjson', label: 'JSON Lines' },
  csv: { ext: 'csv', mime: 'text/csv', label: 'CSV' },
  txt: { ext: 'txt', mime: 'text/plain', label: 'text' },
  'txt-grouped': { ext: 'txt', mime: 'text/plain', label: 'text grouped by type' },
  md: { ext: 'md', mime: 'text/markdown', label: 'Markdown' },
  defanged: { ext: 'defanged.txt', mime: 'text/plain', label: 'defanged text' },
  stix: { ext: 'stix.json', mime: 'application/json', label: 'STIX 2.1' },
  misp: { ext: 'misp.json', mime: 'application/json', label: 'MISP event' },
  summary: { ext: 'summary.json', mime: 'application/json', label: 'JSON summary' },
};

/** `ioclens-<source name>.<ext>`, with the source reduced to a safe file-name stem. */
export function exportFileName(format, source) {
  const stem = (source || 'pasted').replace(/\.[A-Za-z0-9]{1,8}$/, '').replace(/[^\w.-]+/g, '_').replace(/^[._]+|_+$/g, '').slice(0, 60) || 'pasted';
  return `ioclens-${stem}.${(EXPORT_FILES[format] || EXPORT_FILES.txt).ext}`;
}

/** Saves `text` as a file download; returns the file name. */
export function saveFile(text, format, source) {
  const info = EXPORT_FILES[format] || EXPORT_FILES.txt;
  const name = exportFileName(format, source);
  const url = URL.createObjectURL(new Blob([text], { type: `${info.mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** Puts `text` on the clipboard. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // fall through: no permission or no async clipboard here
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.className = 'visually-hidden';
  document.body.append(ta);
  ta.select();
  const ok = document.execCommand('copy');
  ta.remove();
  if (!ok) throw new Error('the browser refused the copy');
}
