// Builds the single self-contained page: node scripts/inline-html.mjs dist/www OUT.html
//
// The served page is plain ES modules; a file:// page can load none of them (and no worker file),
// so everything goes into the HTML:
//   - style.css → one <style>, app.js and its imports → one classic <script>, both allowed by
//     their SHA-256 hashes in the CSP meta tag (no 'unsafe-inline');
//   - worker.js + the wasm-bindgen glue → one classic script in a base64 data block
//     (<script type="text/plain">, never executed as such), started by client.js from a Blob
//     URL: Chromium runs classic blob: workers from file:// pages but not module ones;
//   - the wasm → a base64 data block, handed to the worker as bytes.
// The CSP then allows exactly: those two hashes, 'wasm-unsafe-eval', blob: workers, and data:
// images (the empty favicon that stops the browser asking for /favicon.ico); nothing else.
//
// Module merging is deliberately tiny and strict (this is not a general bundler): relative
// imports of the forms `import x from`, `import {a, b as c} from`, `import * as ns from`, and
// exports `export function|class|const`, `export {a, b as default}`. Anything else fails the build.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { Script } from 'node:vm';

const IMPORT = /^[ \t]*import\s+([\w$*{}\s,]+?)\s+from\s+(['"])([^'"]+)\2\s*;?[ \t]*$/gm;
const EXPORT_DECL = /^([ \t]*)export\s+(default\s+)?((?:async\s+)?function\*?|class|const)\s+([\w$]+)/gm;
const EXPORT_LIST = /^[ \t]*export\s*\{([^}]*)\}\s*;?[ \t]*$/gm;

function parseBindings(spec, modVar) {
  // `def, { a, b as c }` | `* as ns` | `def` | `{ a }`
  const out = [];
  let rest = spec.trim();
  const ns = /^\*\s+as\s+([\w$]+)$/.exec(rest);
  if (ns) return [`const ${ns[1]} = ${modVar};`];
  const def = /^([\w$]+)\s*(?:,|$)/.exec(rest);
  if (def) {
    out.push(`const ${def[1]} = ${modVar}.default;`);
    rest = rest.slice(def[0].length).trim();
  }
  if (rest) {
    const named = /^\{([^}]*)\}$/.exec(rest);
    if (!named) throw new Error(`unsupported import form: import ${spec}`);
    const parts = named[1].split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(s);
      if (!m) throw new Error(`unsupported import binding: ${s}`);
      return m[2] ? `${m[1]}: ${m[2]}` : m[1];
    });
    if (parts.length) out.push(`const { ${parts.join(', ')} } = ${modVar};`);
  }
  return out;
}

/**
 * Merges the module graph under `entry` into one classic script (strict mode, no import/export,
 * `import.meta.url` replaced by `location.href`). Dependencies come first; cycles are refused.
 */
export function bundle(entry, readText = (p) => readFileSync(p, 'utf8')) {
  const ids = new Map(); // path → module variable
  const chunks = [];
  const visiting = new Set();
  const root = dirname(resolve(entry));
  const visit = (path) => {
    if (ids.has(path)) return ids.get(path);
    if (visiting.has(path)) throw new Error(`import cycle through ${relative(root, path)}`);
    visiting.add(path);
    let src = readText(path);
    const name = relative(root, path);
    src = src.replace(IMPORT, (_, spec, _q, from) => {
      if (!from.startsWith('.')) throw new Error(`${name}: only relative imports can be inlined (${from})`);
      const dep = visit(resolve(dirname(path), from));
      return parseBindings(spec, dep).join(' ');
    });
    const exported = [];
    src = src.replace(EXPORT_DECL, (_, indent, def, kind, id) => {
      exported.push(def ? ['default', id] : [id, id]);
      return `${indent}${kind} ${id}`;
    });
    src = src.replace(EXPORT_LIST, (_, list) => {
      for (const s of list.split(',').map((x) => x.trim()).filter(Boolean)) {
        const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(s);
        if (!m) throw new Error(`${name}: unsupported export binding ${s}`);
        exported.push([m[2] || m[1], m[1]]);
      }
      return '';
    });
    src = src.replace(/\bimport\.meta\.url\b/g, 'location.href');
    const leftover = /^[ \t]*(import|export)\b(?!\s*\()|\bimport\.meta\b/m.exec(src);
    if (leftover) throw new Error(`${name}: cannot inline "${src.slice(leftover.index, leftover.index + 60).trim()}"`);
    const v = `__ioclens_m${ids.size}`;
    ids.set(path, v);
    visiting.delete(path);
    const ns = exported.map(([k, local]) => `${JSON.stringify(k)}: ${local}`).join(', ');
    chunks.push(`// ${name}\nconst ${v} = (function () {\n'use strict';\n${src}\nreturn Object.freeze({ __proto__: null, ${ns} });\n})();`);
    return v;
  };
  visit(resolve(entry));
  const code = `'use strict';\n${chunks.join('\n\n')}\n`;
  new Script(code, { filename: `${relative(root, resolve(entry))} (inlined)` }); // syntax check, not run
  return code;
}

const sha256 = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** A string safe inside <script>/<style> raw text (the closing-tag sequence cannot appear). */
function rawText(s, tag) {
  return s.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** The single-file HTML for the built page in `dir`. */
export function inlinePage(dir) {
  let html = readFileSync(join(dir, 'index.html'), 'utf8');
  const css = rawText(readFileSync(join(dir, 'style.css'), 'utf8'), 'style');
  const app = rawText(bundle(join(dir, 'app.js')), 'script');
  const worker = bundle(join(dir, 'worker.js'));
  const wasm = readFileSync(join(dir, 'pkg/ioclens_bg.wasm')).toString('base64');
  const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');

  const replaceOnce = (re, by, what) => {
    if (!re.test(html)) throw new Error(`index.html: ${what} not found`);
    html = html.replace(re, () => by);
  };
  replaceOnce(/<link rel="stylesheet" href="style\.css">/, `<style>${css}</style>`, 'the style.css link');
  replaceOnce(/<script type="module" src="app\.js"><\/script>/,
    `<script type="text/plain" id="ioclens-worker">${b64(worker)}</script>\n`
    + `  <script type="application/octet-stream" id="ioclens-wasm">${wasm}</script>\n`
    + `  <script>${app}</script>`, 'the app.js script');
  const csp = ["default-src 'none'", `script-src ${sha256(app)} 'wasm-unsafe-eval'`, 'worker-src blob:',
    `style-src ${sha256(css)}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'the CSP meta tag');
  // Nothing may still point at a file next to the page.
  const ref = /\s(?:src|href)="(?!#|data:)[^"]*"/.exec(html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, ''));
  if (ref) throw new Error(`index.html still references${ref[0]}`);
  return html;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) {
    console.error('usage: node scripts/inline-html.mjs DIST_WWW_DIR OUT.html');
    process.exit(2);
  }
  try {
    const html = inlinePage(dir);
    writeFileSync(out, html);
    console.log(`[web] ${out}: ${Math.round(Buffer.byteLength(html) / 1024)} KB, self-contained`);
  } catch (e) {
    console.error(`[web] inline-html: ${e.message}`);
    process.exit(1);
  }
}
