// HTML file → the text a reader would see. DOMParser builds an inert document: no script runs,
// no image, style sheet or frame is fetched, no refresh happens. We then walk it and keep only
// rendered text (no script/style/template/hidden elements), with line breaks at block boundaries.

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'IFRAME', 'OBJECT', 'EMBED',
  'SVG', 'MATH', 'CANVAS', 'AUDIO', 'VIDEO', 'SELECT', 'DATALIST', 'OPTION']);
const BLOCK = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIALOG',
  'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT',
  'THEAD', 'TR', 'UL', 'LEGEND']);

// Read from the attribute text: a page CSP without 'unsafe-inline' styles leaves el.style empty.
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!important\s*)?(?:;|$)/i;

function hidden(el) {
  if (el.hasAttribute('hidden')) return true;
  if (el.tagName.toUpperCase() === 'INPUT') return true; // values of form fields are not page text
  return HIDING_STYLE.test(el.getAttribute('style') || '');
}

/** Visible text of a parsed document (or of any element). */
export function visibleText(root) {
  const out = [];
  // Pending separator: '' none, ' ' space, '\n' line break; the strongest one wins.
  let sep = '';
  const push = (s) => {
    if (!s) return;
    if (out.length && sep) out.push(sep);
    sep = '';
    out.push(s);
  };
  const brk = (s) => { if (s === '\n' || !sep) sep = s; };
  const walk = (node, pre) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const t = n.data;
        if (pre) { push(t); continue; }
        const c = t.replace(/[ \t\r\n\f]+/g, ' ');
        if (c === ' ') { brk(' '); continue; }
        if (c.startsWith(' ')) brk(' ');
        push(c.trim());
        if (c.endsWith(' ')) brk(' ');
      } else if (n.nodeType === 1) {
        const tag = n.tagName.toUpperCase();
        if (SKIP.has(tag) || hidden(n)) continue;
        if (tag === 'BR') { push('\n'); sep = ''; continue; }
        const block = BLOCK.has(tag);
        const cell = tag === 'TD' || tag === 'TH';
        if (block) brk('\n'); else if (cell) brk('\t');
        walk(n, pre || tag === 'PRE' || tag === 'TEXTAREA');
        if (block) brk('\n'); else if (cell) brk('\t');
      }
    }
  };
  walk(root.body || root, false);
  return out.join('').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Parses HTML text inertly (DOMParser) and returns its visible text, title first. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const title = doc.title.trim();
  const body = visibleText(doc);
  return title && !body.startsWith(title) ? `${title}\n\n${body}` : body;
}
