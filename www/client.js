// The page's side of the extraction worker. Served, the worker is the module www/worker.js.
// In the single-file build (dist/ioclens.html) the worker code and the wasm are data blocks in the
// page; the worker then runs from a Blob URL (a classic worker: Chromium refuses module workers
// from blob: URLs of file:// pages) and gets the wasm bytes in its first message.

function base64Bytes(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64.trim());
  const bin = atob(b64.trim());
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function startWorker() {
  const code = document.getElementById('ioclens-worker');
  const wasm = document.getElementById('ioclens-wasm');
  if (code && wasm) {
    const src = new TextDecoder().decode(base64Bytes(code.textContent));
    const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    return { worker: new Worker(url, { name: 'ioclens' }), wasm: base64Bytes(wasm.textContent) };
  }
  return { worker: new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'ioclens' }), wasm: undefined };
}

/** A request/response wrapper over the worker; `onProgress(done, total)` for big jobs. */
export class Extraction {
  constructor(onProgress) {
    const { worker, wasm } = startWorker();
    this.worker = worker;
    this.next = 1;
    this.pending = new Map();
    this.onProgress = onProgress;
    worker.onmessage = ({ data }) => {
      if (data.kind === 'progress') {
        if (data.id === this.current) this.onProgress?.(data.done, data.total);
        return;
      }
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      if (data.kind === 'error') p.reject(new Error(data.message));
      else p.resolve(data);
    };
    worker.onerror = (e) => {
      const err = new Error(`the extraction worker failed: ${e.message || 'could not start'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.ready = this.request({ kind: 'init', wasm }, wasm ? [wasm.buffer] : []);
  }

  request(msg, transfer = []) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  /** Resolves with the result, or with null when a newer extraction superseded this one. */
  extract(text, options) {
    // Older pending extractions will never answer (the worker drops them): settle them now.
    for (const [id, p] of this.pending) if (p.kind === 'extract') { this.pending.delete(id); p.resolve(null); }
    const id = this.next++;
    this.current = id;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, kind: 'extract' });
      this.worker.postMessage({ kind: 'extract', id, text, options });
    });
  }

  exportRows(rows, format, options) {
    return this.request({ kind: 'export', rows, format, options }).then((r) => r.text);
  }
}
