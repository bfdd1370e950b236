// Starts the scan the moment the popup opens: a classic script in <head>, run before the popup's
// module graph (the wasm glue, the list code) has loaded, so that the background reads the page
// while the popup gets ready. popup.js picks the answer up from `IocLensEarlyScan`.
(() => {
  const params = new URLSearchParams(location.search);
  if (params.has('selection')) return; // the selection results page shows stored results
  const opened = performance.timeOrigin;
  globalThis.IocLensEarlyScan = (async () => {
    // ?clicked=N: opened by the background after a toolbar click that already started the scan.
    const clicked = Number(params.get('clicked'));
    const tabId = Number(params.get('tabId')) || clicked || (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (!Number.isInteger(tabId)) throw new Error('no active tab');
    // When the popup opened and asked (epoch ms): the benchmark splits "click → scan" with them.
    const times = { opened, loaded: opened + performance.now(), asked: Date.now() };
    return { tabId, res: await chrome.runtime.sendMessage({ type: 'scan', tabId, times, clicked: clicked === tabId }) };
  })();
  globalThis.IocLensEarlyScan.catch(() => { /* popup.js reports it */ });
})();
