// Content script: reads the page's visible text and highlights ranges. No wasm here (strict-CSP
// pages block it); injected on demand by the background via activeTab + scripting.
(() => {
  if (globalThis.__ioclens) return;
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'IFRAME', 'OBJECT', 'SVG']);
  let segments = []; // {node, start, end} in UTF-16 offsets of the collected text

  function visible(el) {
    if (el.checkVisibility) return el.checkVisibility({ visibilityProperty: true });
    const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden';
  }

  function isBlock(el) {
    const d = getComputedStyle(el).display;
    return !(d.startsWith('inline') || d === 'contents');
  }

  // Walks text nodes in order; a line break separates block elements and <br>, so IOCs in
  // neighbouring cells never merge, while inline splits (evil<b>[.]</b>com, <wbr>) stay joined.
  function collect() {
    segments = [];
    let text = '';
    const walk = (node) => {
      for (let n = node.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === Node.TEXT_NODE) {
          if (n.data.length) {
            segments.push({ node: n, start: text.length, end: text.length + n.data.length });
            text += n.data;
          }
        } else if (n.nodeType === Node.ELEMENT_NODE) {
          if (SKIP.has(n.tagName.toUpperCase()) || n.hasAttribute('data-ioclens-skip')) continue;
          if (n.tagName === 'BR') { text += '\n'; continue; }
          if (!visible(n)) continue;
          const block = isBlock(n);
          if (block) text += '\n';
          walk(n);
          if (block) text += '\n';
        }
      }
    };
    if (document.body) walk(document.body);
    return text;
  }

  function clear() {
    const parents = new Set();
    for (const m of document.querySelectorAll('mark[data-ioclens-type]')) {
      parents.add(m.parentNode);
      m.replaceWith(...m.childNodes);
    }
    for (const p of parents) p.normalize();
  }

  // Wraps [start16, end16) of the collected text; a match over several text nodes gets one
  // <mark> per node part, all carrying the same type and value.
  function highlight(matches) {
    clear();
    const parts = [];
    let si = 0;
    for (const m of matches) {
      while (si < segments.length && segments[si].end <= m.start16) si++;
      for (let j = si; j < segments.length && segments[j].start < m.end16; j++) {
        const s = segments[j];
        parts.push({ node: s.node, from: Math.max(m.start16, s.start) - s.start, to: Math.min(m.end16, s.end) - s.start, m });
      }
    }
    // Right to left within a node, so earlier offsets stay valid after splitting.
    parts.sort((a, b) => (a.node === b.node ? b.from - a.from : 0));
    for (const p of parts) {
      if (!p.node.parentNode || p.to <= p.from || p.to > p.node.data.length) continue;
      const tail = p.node.splitText(p.from);
      tail.splitText(p.to - p.from);
      const mark = document.createElement('mark');
      mark.dataset.ioclensType = p.m.type;
      mark.dataset.ioclensValue = p.m.value;
      mark.className = `ioclens ioclens-${p.m.type}`;
      tail.replaceWith(mark);
      mark.appendChild(tail);
    }
    return parts.length;
  }

  globalThis.__ioclens = { collect, highlight, clear };
})();
