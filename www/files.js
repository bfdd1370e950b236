// Reading a dropped or chosen file into text. Accepted: plain text (.txt .md .csv .json and
// friends), HTML (.html .htm → visible text) and e-mail (.eml → headers and body text). Anything
// else, and anything that looks binary whatever its name, is refused with a message that says why;
// the caller then leaves the current input untouched.

import { emlToText } from './eml.js';

const PLAIN = ['txt', 'text', 'log', 'md', 'markdown', 'csv', 'tsv', 'json', 'jsonl', 'ndjson'];
const HTML = ['html', 'htm', 'xhtml'];
const EML = ['eml'];
/** The `accept` list for the file chooser. */
export const ACCEPT = [...PLAIN, ...HTML, ...EML].map((e) => `.${e}`).join(',');

const SNIFF = 64 * 1024;

/** Lower-case extension of a file name ('' when none). */
export function extension(name) {
  const m = /\.([A-Za-z0-9]+)$/.exec(name || '');
  return m ? m[1].toLowerCase() : '';
}

/** What the first bytes say: 'pdf', 'zip', 'image', 'binary' or '' (looks like text). */
export function sniff(bytes) {
  const b = bytes.subarray(0, SNIFF);
  const starts = (...sig) => sig.every((v, i) => b[i] === v);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return 'image';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return ''; // UTF-16 text has NULs by design
  let controls = 0;
  for (const v of b) {
    if (v === 0) return 'binary';
    if (v < 0x20 && v !== 9 && v !== 10 && v !== 12 && v !== 13 && v !== 27) controls++;
  }
  return b.length && controls / b.length > 0.05 ? 'binary' : '';
}

/** Text of the bytes: BOM-aware; UTF-8 when valid, else Windows-1252 (what old reports use). */
export function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const BINARY_HINT = {
  pdf: 'It is a PDF: select the text in your PDF viewer, copy it and paste it here.',
  zip: 'It is a ZIP archive (or an Office document): extract or open it, then paste the text.',
  image: 'It is an image: IOC Lens reads text only.',
  binary: 'It looks like a binary file, not text.',
};

/**
 * Reads `bytes` named `name` into text. Returns {ok: true, text, kind} or {ok: false, message}.
 * `htmlToText` turns HTML into visible text (DOMParser in the page).
 */
export function fileToText(name, bytes, htmlToText) {
  const ext = extension(name);
  const kind = sniff(bytes);
  const label = name ? `“${name}”` : 'This file';
  if (kind) return { ok: false, message: `${label} was not loaded. ${BINARY_HINT[kind]} Your current text was kept.` };
  const text = decodeText(bytes);
  if (HTML.includes(ext)) return { ok: true, kind: 'html', text: htmlToText(text) };
  if (EML.includes(ext)) return { ok: true, kind: 'eml', text: emlToText(text, htmlToText) };
  if (PLAIN.includes(ext)) return { ok: true, kind: 'text', text };
  return {
    ok: false,
    message: `${label} was not loaded: IOC Lens opens .txt, .md, .csv, .json, .html/.htm and .eml files. `
      + 'Open it in another program and paste its text here. Your current text was kept.',
  };
}
