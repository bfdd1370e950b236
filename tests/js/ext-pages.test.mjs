// Pages the extension cannot read, and the message the popup shows for each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restrictedReason, explainError, MESSAGES } from '../../extension/lib/pages.js';
import { senderKind, acceptable } from '../../extension/lib/messages.js';

test('restrictedReason: spec table', () => {
  const cases = [
    ['chrome://settings/', 'browser'],
    ['chrome://newtab/', 'browser'],
    ['edge://extensions', 'browser'],
    ['about:addons', 'browser'],
    ['about:blank', 'browser'], // an empty tab: nothing to read, and no origin for activeTab
    ['view-source:https://a.com/', 'browser'],
    ['chrome-extension://abc/popup.html', 'browser'],
    ['moz-extension://abc/popup.html', 'browser'],
    ['https://chromewebstore.google.com/detail/x', 'store'],
    ['https://chrome.google.com/webstore/category/extensions', 'store'],
    ['https://addons.mozilla.org/en-US/firefox/', 'store'],
    ['https://microsoftedge.microsoft.com/addons/detail/x', 'store'],
    ['https://addons.mozilla.org.evil.com/', null],
    ['https://example.com/report.pdf', null], // decided when reading fails or the document is a PDF
    ['file:///tmp/a.html', null],
    ['', null],
    [undefined, null],
    ['not a url', null],
  ];
  for (const [url, code] of cases) assert.equal(restrictedReason(url)?.code ?? null, code, String(url));
});

test('explainError maps browser errors to plain messages', () => {
  const cases = [
    ['Cannot access a chrome:// URL', 'https://x.com/', 'browser'],
    ['The extensions gallery cannot be scripted.', 'https://x.com/', 'store'],
    ['Cannot access contents of url "file:///tmp/a.html". Extension manifest must request permission to access this host.', 'file:///tmp/a.html', 'file'],
    ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', 'https://x.com/doc.pdf', 'pdf'],
    ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', undefined, 'noaccess'],
    ['No tab with id: 12.', undefined, 'gone'],
    ['Frame with ID 0 was removed.', 'https://x.com/', 'gone'],
    ['something new', 'https://x.com/', 'other'],
    ['whatever', 'chrome://version/', 'browser'],
  ];
  for (const [msg, url, code] of cases) {
    const r = explainError(new Error(msg), url);
    assert.equal(r.code, code, msg);
    assert.equal(r.message, MESSAGES[code]);
    assert.equal(r.detail, msg);
  }
});

const RID = 'abcdefghijklmnop';
const BASE = `chrome-extension://${RID}/`;

test('senderKind: only this extension, and content scripts only from a tab\'s top frame', () => {
  const cases = [
    [{ id: RID, url: `${BASE}popup.html` }, 'page'],
    [{ id: RID, url: `${BASE}popup.html?tabId=3`, tab: { id: 9 } }, 'page'], // popup opened as a tab
    [{ id: RID, url: 'https://evil.com/', tab: { id: 3 }, frameId: 0 }, 'content'],
    [{ id: RID, url: 'https://evil.com/f', tab: { id: 3 }, frameId: 7 }, null],
    [{ id: RID, url: 'https://evil.com/' }, null],
    [{ id: 'otherextension', url: `${BASE}popup.html` }, null],
    [{ id: RID, url: `chrome-extension://${RID}x/popup.html` }, null],
    [undefined, null],
  ];
  for (const [sender, want] of cases) assert.equal(senderKind(sender, RID, BASE), want, JSON.stringify(sender));
});

test('acceptable: message shapes per sender kind', () => {
  const cases = [
    [{ type: 'scan', tabId: 4 }, 'page', true],
    [{ type: 'scan', tabId: '4' }, 'page', false],
    [{ type: 'scan', tabId: -1 }, 'page', false],
    [{ type: 'scan', tabId: 4 }, 'content', false],
    [{ type: 'flash', tabId: 4, itemType: 'domain', value: 'a.com' }, 'page', true],
    [{ type: 'flash', tabId: 4, itemType: 'domain' }, 'page', false],
    [{ type: 'validate-settings', settings: {} }, 'page', true],
    [{ type: 'validate-settings', settings: [] }, 'page', false],
    [{ type: 'dom-changed' }, 'content', true],
    [{ type: 'dom-changed' }, 'page', false],
    [{ type: 'clear', tabId: 1 }, 'content', false],
    [{ type: 'toString' }, 'page', false],
    [{ type: '__proto__' }, 'content', false],
    ['scan', 'page', false],
    [null, 'page', false],
    [{ type: 'scan', tabId: 1 }, null, false],
  ];
  for (const [msg, kind, want] of cases) assert.equal(acceptable(msg, kind), want, `${JSON.stringify(msg)} from ${kind}`);
});
