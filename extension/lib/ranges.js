// Maps match ranges of the collected text onto the text nodes they came from. Pure (no DOM), so it
// is unit-tested in Node; loaded as a classic script before content.js (see display.js for why
// it publishes on globalThis).
(() => {
  /** Index of the first segment whose end is past `pos` (segments sorted, non-overlapping). */
  function firstSegmentAfter(segments, pos) {
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (segments[mid].end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * segments: `[{start, end}]` UTF-16 ranges of the text nodes in the collected text, sorted.
   * matches: `[{start16, end16}]` in any order.
   * Returns `{plan, skipped}`: `plan` is `[[segmentIndex, [{from, to, match}]]]` in segment order,
   * parts node-relative and sorted; `match` is the index into `matches`. Marks cannot nest, so a
   * match overlapping an earlier kept one is skipped (and counted); so are empty or out-of-range
   * ones. A match over several text nodes gets one part per node.
   */
  function planParts(segments, matches) {
    const order = matches.map((_, i) => i).filter((i) => {
      const m = matches[i];
      return Number.isInteger(m?.start16) && Number.isInteger(m?.end16) && m.end16 > m.start16 && m.start16 >= 0;
    });
    order.sort((a, b) => matches[a].start16 - matches[b].start16 || matches[b].end16 - matches[a].end16);
    let skipped = matches.length - order.length;
    const bySegment = new Map();
    let coveredTo = -1;
    for (const i of order) {
      const { start16, end16 } = matches[i];
      if (start16 < coveredTo) { skipped++; continue; }
      let placed = false;
      for (let j = firstSegmentAfter(segments, start16); j < segments.length && segments[j].start < end16; j++) {
        const s = segments[j];
        const from = Math.max(start16, s.start) - s.start;
        const to = Math.min(end16, s.end) - s.start;
        if (to <= from) continue;
        if (!bySegment.has(j)) bySegment.set(j, []);
        bySegment.get(j).push({ from, to, match: i });
        placed = true;
      }
      if (placed) coveredTo = end16;
      else skipped++;
    }
    const plan = [...bySegment.entries()].sort((a, b) => a[0] - b[0]);
    return { plan, skipped };
  }

  /**
   * Matches arrive in batches (the text is extracted piece by piece, cut at line breaks, and
   * highlighting starts with the first piece). A text node can hold a line break and so run past
   * the end of a piece, `upTo`: it must be split in one go, so every match of `plan` touching such
   * a node (and the other parts of those matches) waits for the next batch. Returns their indices.
   */
  function deferredMatches(plan, segments, upTo) {
    const out = new Set();
    for (const [si, parts] of plan) {
      if (segments[si].end > upTo) for (const p of parts) out.add(p.match);
    }
    return out;
  }

  globalThis.IocLensRanges = Object.freeze({ planParts, firstSegmentAfter, deferredMatches });
})();
