// Message checks for the background. Only the extension's own code can reach runtime.onMessage
// (no externally_connectable; page scripts have no chrome.runtime), but the background still
// checks who is asking and the message shape: content scripts run inside hostile pages and may
// ask for one thing only (a re-scan of their own tab after DOM changes).

/** Messages extension pages (popup, options, results) may send, with their field checks. */
const FROM_PAGES = {
  scan: { tabId: 'tab' },
  clear: { tabId: 'tab' },
  flash: { tabId: 'tab', itemType: 'str', value: 'str' },
  'validate-settings': { settings: 'obj' },
  'type-names': {},
};
/** Messages a content script may send: only about its own tab, which the sender object names. */
const FROM_CONTENT = { 'dom-changed': {} };

const CHECK = {
  tab: (v) => Number.isInteger(v) && v >= 0,
  str: (v) => typeof v === 'string' && v.length <= 100_000,
  obj: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
};

/**
 * 'page' for the extension's own pages, 'content' for its content script in a tab's top frame,
 * null for anything else (other extensions, sub-frames, unknown senders).
 */
export function senderKind(sender, runtimeId, extensionBase) {
  if (!sender || sender.id !== runtimeId) return null;
  const url = String(sender.url || '');
  if (url.startsWith(extensionBase)) return 'page';
  if (sender.tab && Number.isInteger(sender.tab.id) && sender.frameId === 0) return 'content';
  return null;
}

/** Whether `msg` is a well-formed message that a sender of `kind` may send. */
export function acceptable(msg, kind) {
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return false;
  const table = kind === 'page' ? FROM_PAGES : kind === 'content' ? FROM_CONTENT : null;
  if (!table || !Object.hasOwn(table, msg.type)) return false;
  return Object.entries(table[msg.type]).every(([field, check]) => CHECK[check](msg[field]));
}
