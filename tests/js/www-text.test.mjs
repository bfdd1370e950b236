// Paste-box page, pure text helpers: invisible-character escapes, .eml decoding, file sniffing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeInvisible, segments, hasInvisible } from '../../www/escape.js';
import { emlToText, decodeQuotedPrintable, decodeEncodedWords, parseContentType } from '../../www/eml.js';
import { fileToText, sniff, decodeText, extension } from '../../www/files.js';

test('invisible and direction-changing characters are shown as escapes', () => {
  const cases = [
    ['evil.com', 'evil.com'],
    ['paypa\u200Bl.com', 'paypa\\u{200B}l.com'], // zero-width space
    ['exe.\u202Etxt', 'exe.\\u{202E}txt'], // right-to-left override
    ['a\u2066b\u2069', 'a\\u{2066}b\\u{2069}'], // bidi isolates
    ['\uFEFFbom', '\\u{FEFF}bom'],
    ['tab\there', 'tab\\u{0009}here'],
    ['nul\u0000', 'nul\\u{0000}'],
    ['soft\u00ADhyphen', 'soft\\u{00AD}hyphen'],
    ['tag\u{E0041}', 'tag\\u{E0041}'], // tag character (astral)
    ['lone\uD800x', 'lone\\u{D800}x'], // lone surrogate
    ['ünïcödé.рф 😀', 'ünïcödé.рф 😀'], // visible non-ASCII stays as is
  ];
  for (const [input, want] of cases) {
    assert.equal(escapeInvisible(input), want, JSON.stringify(input));
    assert.equal(hasInvisible(input), input !== want, JSON.stringify(input));
  }
});

test('document view keeps line layout but still escapes the rest', () => {
  const segs = segments('a\n\tb\u202Ec\r\n', true);
  assert.deepEqual(segs, [
    { text: 'a\n\tb', escaped: false }, { text: '\\u{202E}', escaped: true }, { text: 'c\r\n', escaped: false },
  ]);
});

test('quoted-printable and encoded words decode in their charset', () => {
  assert.equal(new TextDecoder().decode(decodeQuotedPrintable('caf=C3=A9 =\r\nsoft=3D')), 'café soft=');
  // The space between two adjacent encoded words is not text (RFC 2047 §6.2).
  assert.equal(decodeEncodedWords('=?utf-8?B?SW52b2ljZSDigJM=?= =?ISO-8859-1?Q?Caf=E9_au?= lait'), 'Invoice –Café au lait');
  assert.deepEqual(parseContentType('Multipart/Mixed; boundary="=_b1"; charset=utf-8'),
    { type: 'multipart/mixed', params: { boundary: '=_b1', charset: 'utf-8' } });
});

const EML = [
  'From: "Freight Portal" <invoices@freight-portal.org>',
  'To: victim@example.com',
  'Subject: =?utf-8?Q?Invoice_=E2=84=96_1022?=',
  'Received: from mail.lantern-sync.com (45.155.205.233)',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="OUTER"',
  '',
  'preamble is not shown',
  '--OUTER',
  'Content-Type: multipart/alternative; boundary="ALT"',
  '',
  '--ALT',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Pay at hxxps[://]pay.lantern-sync[.]com/inv?id=3D1022 or =',
  'call us. Caf=C3=A9.',
  '--ALT',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>HTML twin that must not be repeated</p>',
  '--ALT--',
  '--OUTER',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('Second part: 185.220.101[.]47\n').toString('base64'),
  '--OUTER',
  'Content-Type: application/octet-stream; name="invoice_1022.one"',
  'Content-Disposition: attachment; filename="invoice_1022.one"',
  'Content-Transfer-Encoding: base64',
  '',
  'AAECAwQ=',
  '--OUTER--',
  '',
].join('\r\n');

test('.eml becomes headers plus decoded body parts, alternatives once, attachments by name', () => {
  const text = emlToText(EML, (h) => `HTML:${h}`);
  assert.equal(text, [
    'From: "Freight Portal" <invoices@freight-portal.org>',
    'To: victim@example.com',
    'Subject: Invoice № 1022',
    '',
    'Pay at hxxps[://]pay.lantern-sync[.]com/inv?id=1022 or call us. Café.',
    '',
    'Second part: 185.220.101[.]47',
    '',
    '[attachment: invoice_1022.one (application/octet-stream)]',
  ].join('\n'));
});

test('an HTML-only mail goes through the HTML-to-text function', () => {
  const eml = 'Subject: x\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n' + Buffer.from('<b>1.2.3.4</b>').toString('base64');
  assert.equal(emlToText(eml, (h) => h.replace(/<[^>]+>/g, '')), 'Subject: x\n\n1.2.3.4');
});

test('files: extension, sniffing and decoding', () => {
  assert.equal(extension('Report.Final.HTM'), 'htm');
  assert.equal(extension('noext'), '');
  const enc = (s) => new TextEncoder().encode(s);
  assert.equal(sniff(enc('plain text\nwith lines\n')), '');
  assert.equal(sniff(enc('%PDF-1.7\n...')), 'pdf');
  assert.equal(sniff(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10)), 'image');
  assert.equal(sniff(Uint8Array.of(0x50, 0x4b, 3, 4, 20, 0)), 'zip');
  assert.equal(sniff(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0)), 'binary');
  assert.equal(sniff(Uint8Array.of(0xff, 0xfe, 0x41, 0)), '', 'UTF-16 with a BOM is text');
  assert.equal(decodeText(Uint8Array.of(0xff, 0xfe, 0x41, 0, 0x2e, 0)), 'A.');
  assert.equal(decodeText(enc('café')), 'café');
  assert.equal(decodeText(Uint8Array.of(0x63, 0x61, 0x66, 0xe9)), 'café', 'invalid UTF-8 falls back to Windows-1252');
});

test('files: accepted kinds are read, others refused with a reason', () => {
  const enc = (s) => new TextEncoder().encode(s);
  const html = (h) => `TEXT(${h})`;
  assert.deepEqual(fileToText('r.txt', enc('1.2.3.4'), html), { ok: true, kind: 'text', text: '1.2.3.4' });
  assert.deepEqual(fileToText('r.csv', enc('a,b'), html), { ok: true, kind: 'text', text: 'a,b' });
  assert.deepEqual(fileToText('r.HTML', enc('<p>x</p>'), html), { ok: true, kind: 'html', text: 'TEXT(<p>x</p>)' });
  assert.equal(fileToText('m.eml', enc('Subject: s\n\nbody'), html).text, 'Subject: s\n\nbody');
  const pdf = fileToText('report.txt', enc('%PDF-1.4 binary'), html);
  assert.equal(pdf.ok, false);
  assert.match(pdf.message, /“report\.txt” was not loaded\. It is a PDF/);
  const docx = fileToText('notes.docx', enc('text but unknown kind'), html);
  assert.equal(docx.ok, false);
  assert.match(docx.message, /opens \.txt, \.md, \.csv, \.json, \.html\/\.htm and \.eml/);
  assert.match(docx.message, /current text was kept/);
});
