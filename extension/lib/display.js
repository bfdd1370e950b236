// Display safety and per-type colours, shared by the content script (loaded as a classic script
// before content.js) and the popup (imported for its side effect). No import/export on purpose: a
// file injected with scripting.executeScript({files}) is a classic script, so this one publishes a
// namespace on globalThis instead (in the content script that is the isolated world, which page
// scripts cannot see).
(() => {
  // Characters that render as nothing, as a space, or that reorder text: an analyst must see them.
  // Cc controls, Cf format chars (bidi overrides, zero-width, soft hyphen, BOM, tag chars), lone
  // surrogates (Cs: what a value cut in a surrogate pair would hold), line and
  // paragraph separators, every space other than U+0020, and invisible fillers that Unicode puts in
  // other categories (Hangul fillers, combining grapheme joiner, Khmer inherent vowels, variation
  // selectors).
  const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Zs}\u034F\u115F\u1160\u17B4\u17B5\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

  /** `\u{202E}`: the same escape form as the web page and the CLI. */
  const escapeChar = (c) => `\\u{${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}}`;

  /**
   * Splits `s` into parts to render: `{text, escaped}` where escaped parts hold the `\u{XXXX}` form of
   * one invisible character. Renderers style escaped parts differently, so a literal backslash-u in
   * a value can never pass for an escape.
   */
  function displayParts(s) {
    const out = [];
    let last = 0;
    for (const m of String(s).matchAll(INVISIBLE)) {
      if (m[0] === ' ') continue;
      if (m.index > last) out.push({ text: s.slice(last, m.index), escaped: false });
      out.push({ text: escapeChar(m[0]), escaped: true });
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push({ text: s.slice(last), escaped: false });
    return out;
  }

  /** The whole value as one plain string with invisible characters escaped (for titles). */
  const escapeInvisible = (s) => displayParts(s).map((p) => p.text).join('');

  /** Whether `s` holds anything `displayParts` would escape. */
  const hasInvisible = (s) => displayParts(s).some((p) => p.escaped);

  /** Whether `s` holds non-ASCII letters (homoglyph risk in domains, URLs, e-mails). */
  const hasNonAscii = (s) => /[^\x00-\x7F]/.test(s);

  // Light backgrounds with forced near-black text: readable on light and dark pages alike.
  const TYPE_COLORS = {
    ipv4: '#ffd54f', ipv6: '#ffca28', cidr: '#ffe082', domain: '#81d4fa', url: '#90caf9',
    email: '#b39ddb', md5: '#a5d6a7', sha1: '#a5d6a7', sha256: '#a5d6a7', sha512: '#a5d6a7',
    ssdeep: '#c5e1a5', cve: '#ef9a9a', attack: '#f48fb1', asn: '#ffcc80', mac: '#bcaaa4',
    btc: '#80cbc4', eth: '#80cbc4', xmr: '#80cbc4', filepath: '#e6ee9c', filename: '#e6ee9c',
    registry: '#ce93d8', yara: '#b0bec5',
  };
  const CUSTOM_COLOR = '#fff59d';
  const colorFor = (type) => (Object.hasOwn(TYPE_COLORS, type) ? TYPE_COLORS[type] : CUSTOM_COLOR);

  globalThis.IocLensDisplay = Object.freeze({ displayParts, escapeInvisible, hasInvisible, hasNonAscii, TYPE_COLORS, colorFor });
})();
