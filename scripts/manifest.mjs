// Prints the manifest for one browser. One source manifest serves both (TOOLCHAIN.md): Chrome
// ignores "background.scripts" and "browser_specific_settings"; Firefox ignores "service_worker"
// when "scripts" is present. Chrome warns about unknown keys, so they are dropped for it.
import { readFileSync } from 'node:fs';

const [browser, path] = process.argv.slice(2);
const m = JSON.parse(readFileSync(path, 'utf8'));
if (browser === 'chrome') {
  delete m.browser_specific_settings;
  delete m.background.scripts;
  // The toolbar click goes to the background, which starts the scan at once and then opens the
  // popup itself (extension/background.js, "toolbar click"): a default popup would delay the scan
  // until it had loaded.
  delete m.action.default_popup;
} else if (browser === 'firefox') {
  // Firefox MV3 runs background scripts as an event page, not a service worker.
  delete m.background.service_worker;
} else {
  throw new Error(`unknown browser ${browser}`);
}
process.stdout.write(JSON.stringify(m, null, 2) + '\n');
