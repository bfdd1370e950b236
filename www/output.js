// Getting exports out of the page: a download (Blob URL on an <a download>; no network) or the
// clipboard (async Clipboard API, with the old selection-and-copy fallback for pages where it is
// not available).

// File extensions and media types are the core's (wasm `exportFormats()`: [{name, extension,
// mediaType}], the one table every front reads). The worker sends it with its 'ready' answer.
let formats = [];

/** Keeps the core's export-format table for the file names and types of downloads. */
export function setExportFormats(table) {
  formats = Array.isArray(table) ? table : [];
}

function formatInfo(format) {
  const f = formats.find((x) => x.name === format);
  if (!f) throw new Error(`unknown export format ${JSON.stringify(format)}`);
  return f;
}

/**
 * `ioclens-<source name>[-<format>].<extension>`, with the source reduced to a safe file-name
 * stem; the format name is added where the extension alone does not tell it (`-stix.json`).
 */
export function exportFileName(format, source) {
  const f = formatInfo(format);
  const stem = (source || 'pasted').replace(/\.[A-Za-z0-9]{1,8}$/, '').replace(/[^\w.-]+/g, '_').replace(/^[._]+|_+$/g, '').slice(0, 60) || 'pasted';
  return `ioclens-${stem}${f.name === f.extension ? '' : `-${f.name}`}.${f.extension}`;
}

/** The Blob type of a download: the core's media type, UTF-8. */
export const downloadType = (format) => `${formatInfo(format).mediaType};charset=utf-8`;

/** Saves `text` as a file download; returns the file name. */
export function saveFile(text, format, source) {
  const name = exportFileName(format, source);
  const url = URL.createObjectURL(new Blob([text], { type: downloadType(format) }));
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
