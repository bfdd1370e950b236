// Makes invisible characters visible. A value such as "evil\u202Ecom" or "paypa\u200Bl.com" must
// not look like something it is not, so controls, bidi overrides, zero-width and other formatting
// characters (and lone surrogates) are shown as \u{XXXX} escapes instead of being rendered.

// C0/C1 controls, soft hyphen, Arabic letter mark, Hangul fillers, Khmer/Mongolian invisibles,
// zero-width and bidi controls (U+200B-200F, 202A-202E, 2060-206F), variation selectors,
// BOM, interlinear annotation controls, tag characters and supplementary variation selectors.
const INVISIBLE = '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5'
  + '\\u180b-\\u180f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0'
  + '\\ufff0-\\ufffb]|\\udb40[\\udc00-\\uddef]'
  + '|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';

/** True when `s` holds at least one character that escapeInvisible would rewrite. */
export function hasInvisible(s) {
  return new RegExp(INVISIBLE).test(s);
}

/** `\u{XXXX}` for one (possibly astral) character. */
export function codeEscape(ch) {
  return `\\u{${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}}`;
}

/**
 * Splits `s` into plain runs and escaped characters: [{text, escaped}]. With `keepLayout`, the
 * layout whitespace of a text (tab, LF, CR) stays as it is, for showing a whole document.
 */
export function segments(s, keepLayout = false) {
  const re = new RegExp(INVISIBLE, 'g');
  const out = [];
  let last = 0;
  for (const m of s.matchAll(re)) {
    const ch = m[0];
    if (keepLayout && (ch === '\n' || ch === '\t' || ch === '\r')) continue;
    if (m.index > last) out.push({ text: s.slice(last, m.index), escaped: false });
    out.push({ text: codeEscape(ch), escaped: true });
    last = m.index + ch.length;
  }
  if (last < s.length) out.push({ text: s.slice(last), escaped: false });
  return out;
}

/** The whole string with every invisible character escaped (for values, titles and copies). */
export function escapeInvisible(s) {
  return segments(s).map((p) => p.text).join('');
}

/**
 * Appends `s` to `parent` as DOM text; escaped characters go in <span class="esc"> so they stand out.
 * Text only (textContent), never markup.
 */
export function appendVisible(parent, s, keepLayout = false) {
  const doc = parent.ownerDocument;
  for (const p of segments(s, keepLayout)) {
    if (!p.escaped) {
      parent.append(doc.createTextNode(p.text));
    } else {
      const span = doc.createElement('span');
      span.className = 'esc';
      span.textContent = p.text;
      parent.append(span);
    }
  }
}
