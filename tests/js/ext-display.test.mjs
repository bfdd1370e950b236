// Display safety: invisible, bidi and control characters become visible escapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../extension/lib/display.js';

const { displayParts, escapeInvisible, hasInvisible, hasNonAscii, colorFor, TYPE_COLORS } = globalThis.IocLensDisplay;

test('escapeInvisible: spec table', () => {
  const cases = [
    ['evil.com', 'evil.com'],
    ['a b', 'a b'], // an ordinary space stays
    ['x\u200Bevil.com', 'x\\u{200B}evil.com'], // zero-width space
    ['evil\u202Egnp.exe', 'evil\\u{202E}gnp.exe'], // right-to-left override
    ['a\u2066b\u2069', 'a\\u{2066}b\\u{2069}'], // bidi isolates
    ['a\u00A0b', 'a\\u{00A0}b'], // no-break space looks like a space
    ['a\u0000b\u001Bc\u007F', 'a\\u{0000}b\\u{001B}c\\u{007F}'], // C0 controls and DEL
    ['a\u0085b', 'a\\u{0085}b'], // C1 control
    ['soft\u00ADhyphen', 'soft\\u{00AD}hyphen'],
    ['bom\uFEFF', 'bom\\u{FEFF}'],
    ['line\u2028sep', 'line\\u{2028}sep'],
    ['hangul\u3164filler', 'hangul\\u{3164}filler'],
    ['tag\u{E0041}', 'tag\\u{E0041}'], // tag characters (astral, Cf)
    ['vs\uFE0F', 'vs\\u{FE0F}'],
    ['zwj\u200Dzwnj\u200C', 'zwj\\u{200D}zwnj\\u{200C}'],
    ['рaypal.com', 'рaypal.com'], // a Cyrillic homoglyph is visible, flagged by hasNonAscii instead
    ['😀.com', '😀.com'],
    ['lone\uD800x', 'lone\\u{D800}x'], // a lone surrogate
  ];
  for (const [input, want] of cases) assert.equal(escapeInvisible(input), want, JSON.stringify(input));
});

test('displayParts marks exactly the escaped characters, so a literal backslash-u is not one', () => {
  assert.deepEqual(displayParts('a\\u{202E}b\u202Ec'), [
    { text: 'a\\u{202E}b', escaped: false },
    { text: '\\u{202E}', escaped: true },
    { text: 'c', escaped: false },
  ]);
  assert.deepEqual(displayParts(''), []);
  assert.equal(hasInvisible('a\\u{202E}'), false);
  assert.equal(hasInvisible('a\u202E'), true);
});

test('hasNonAscii flags homoglyph risks only', () => {
  assert.equal(hasNonAscii('paypal.com'), false);
  assert.equal(hasNonAscii('рaypal.com'), true);
});

test('every built-in type has a colour; custom types get the fallback', () => {
  for (const t of ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'sha512', 'ssdeep',
    'cve', 'attack', 'asn', 'mac', 'btc', 'eth', 'xmr', 'filepath', 'filename', 'registry', 'yara']) {
    assert.match(TYPE_COLORS[t], /^#[0-9a-f]{6}$/, t);
  }
  assert.equal(colorFor('ticket'), colorFor('other-custom'));
  assert.equal(colorFor('__proto__'), colorFor('ticket'));
});

test('highlight colours are light enough for near-black text (WCAG contrast ≥ 7)', () => {
  const lum = (hex) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const text = lum('#111111');
  for (const [t, c] of Object.entries({ ...TYPE_COLORS, custom: colorFor('x') })) {
    const ratio = (lum(c) + 0.05) / (text + 0.05);
    assert.ok(ratio >= 7, `${t} ${c}: contrast ${ratio.toFixed(2)}`);
  }
});
