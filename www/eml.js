// .eml (RFC 5322 / MIME) to readable text: the useful headers, then every text part decoded
// (quoted-printable or base64, in its charset). Deliberately simple: it reads what mail clients
// write, not every corner of MIME. HTML parts go through `htmlToText` (given by the caller, so this
// module needs no DOM and can be unit-tested in node).

const SHOWN_HEADERS = ['from', 'sender', 'reply-to', 'to', 'cc', 'date', 'subject', 'message-id'];
const MAX_DEPTH = 8;

/** Bytes of a binary string (each char code 0-255). */
function latin1Bytes(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Decodes bytes in `charset`, falling back to UTF-8 for labels the browser does not know. */
export function decodeBytes(bytes, charset = 'utf-8') {
  let dec;
  try {
    dec = new TextDecoder((charset || 'utf-8').trim().toLowerCase());
  } catch {
    dec = new TextDecoder('utf-8');
  }
  return dec.decode(bytes);
}

/** Quoted-printable (RFC 2045 §6.7) to bytes; soft line breaks removed, bad escapes kept as is. */
export function decodeQuotedPrintable(s) {
  const bin = s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return latin1Bytes(bin);
}

/** Base64 to bytes; whitespace and anything outside the alphabet ignored; never throws. */
export function decodeBase64(s) {
  let clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  clean = clean.slice(0, clean.length - (clean.length % 4 === 1 ? 1 : 0));
  while (clean.length % 4) clean += '=';
  try {
    return latin1Bytes(atob(clean));
  } catch {
    return new Uint8Array(0);
  }
}

/** RFC 2047 encoded words in a header value (`=?utf-8?B?...?=`, `=?iso-8859-1?Q?...?=`). */
export function decodeEncodedWords(v) {
  return v.replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=(\s+(?==\?))?/g, (_, cs, enc, data) => {
    const bytes = enc.toUpperCase() === 'B' ? decodeBase64(data) : decodeQuotedPrintable(data.replace(/_/g, ' '));
    return decodeBytes(bytes, cs.replace(/\*.*$/, ''));
  });
}

/** Splits a message or part into its headers (unfolded, names lower-cased) and body. */
export function splitMessage(raw) {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1][1] += ` ${line.trim()}`;
    else {
      const i = line.indexOf(':');
      if (i > 0) headers.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
    }
  }
  return { headers, body };
}

function header(headers, name) {
  const h = headers.find(([n]) => n === name);
  return h ? h[1] : '';
}

/** `text/plain; charset="utf-8"` → {type: 'text/plain', params: {charset: 'utf-8'}}. */
export function parseContentType(v) {
  const [type, ...rest] = v.split(';');
  const params = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: (type.trim() || 'text/plain').toLowerCase(), params };
}

function decodeBody(body, cte, charset) {
  const enc = cte.trim().toLowerCase();
  if (enc === 'base64') return decodeBytes(decodeBase64(body), charset);
  if (enc === 'quoted-printable') return decodeBytes(decodeQuotedPrintable(body), charset);
  // 7bit/8bit/binary: the file was read as text already.
  return body;
}

function multipartParts(body, boundary) {
  const parts = [];
  const lines = body.split(/\r?\n/);
  let cur = null;
  for (const line of lines) {
    const t = line.trimEnd();
    if (t === `--${boundary}--`) { if (cur) parts.push(cur.join('\n')); cur = null; break; }
    if (t === `--${boundary}`) { if (cur) parts.push(cur.join('\n')); cur = []; continue; }
    if (cur) cur.push(line);
  }
  if (cur) parts.push(cur.join('\n'));
  return parts;
}

function partTexts(raw, htmlToText, depth) {
  const { headers, body } = splitMessage(raw);
  const ct = parseContentType(header(headers, 'content-type') || 'text/plain');
  const cte = header(headers, 'content-transfer-encoding');
  const disposition = header(headers, 'content-disposition');
  const filename = /filename\*?="?([^";]+)"?/i.exec(disposition)?.[1] || ct.params.name;
  if (ct.type.startsWith('multipart/') && ct.params.boundary && depth < MAX_DEPTH) {
    const parts = multipartParts(body, ct.params.boundary).map((p) => partTexts(p, htmlToText, depth + 1));
    if (ct.type === 'multipart/alternative') {
      // The same content twice: keep the plain-text version when there is one.
      const plain = parts.find((p) => p.kind === 'plain') || parts.find((p) => p.kind === 'html') || parts[0];
      return plain || { kind: 'none', texts: [] };
    }
    return { kind: 'mixed', texts: parts.flatMap((p) => p.texts) };
  }
  if (ct.type === 'message/rfc822' && depth < MAX_DEPTH) {
    return { kind: 'mixed', texts: [emlToText(decodeBody(body, cte, ct.params.charset), htmlToText, depth + 1)] };
  }
  const attached = /^\s*attachment/i.test(disposition);
  if (!attached && ct.type === 'text/html') {
    return { kind: 'html', texts: [htmlToText(decodeBody(body, cte, ct.params.charset))] };
  }
  if (!attached && (ct.type === 'text/plain' || ct.type === 'text/enriched')) {
    return { kind: 'plain', texts: [decodeBody(body, cte, ct.params.charset)] };
  }
  // Attachments are not read, but their names are worth seeing (file-name IOCs).
  return { kind: 'attachment', texts: filename ? [`[attachment: ${decodeEncodedWords(filename)} (${ct.type})]`] : [] };
}

/**
 * The readable text of an .eml file: selected headers, a blank line, then the body parts.
 * `htmlToText(html)` turns an HTML part into visible text.
 */
export function emlToText(raw, htmlToText = (h) => h, depth = 0) {
  const { headers } = splitMessage(raw);
  const head = [];
  for (const name of SHOWN_HEADERS) {
    for (const [n, v] of headers) {
      if (n === name) head.push(`${name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase())}: ${decodeEncodedWords(v)}`);
    }
  }
  const { texts } = partTexts(raw, htmlToText, depth);
  return [head.join('\n'), ...texts.map((t) => t.trim())].filter(Boolean).join('\n\n');
}
