// The highlighted sets the fixture pages must give, written by hand from the fixtures (not
// computed): what an analyst expects. Shared by the Chromium and Firefox tests so both browsers
// are held to the same sets.

/** tests/fixtures/pages/report.html */
export const REPORT = [
  'cve CVE-2023-23397',
  'domain evil.example.net',
  'domain update-check.lantern-sync.net',
  'email invoices@freight-portal.org',
  'ipv4 185.220.101.47',
  'ipv4 45.155.205.233',
  'sha1 3f786850e387550fdab836ed7e6dc881de23001b',
  'url https://cdn-update.lantern-sync.com/api/v2/check',
  'url tcp://91.92.109.14:4444',
].sort();

/** tests/fixtures/pages/threat-report.html (22 occurrences; hidden and script text excluded) */
export const THREAT_REPORT = [
  'attack T1059.001', 'attack T1071.001', 'attack T1566.001',
  'cve CVE-2023-23397', 'cve CVE-2024-21412',
  'domain api.kettle-cdn.xyz', 'domain kettle-update.top', 'domain update-check.lantern-sync.net',
  'email abuse@kettle-cdn.xyz', 'email invoices@freight-portal.org',
  'ipv4 10.20.30.40', 'ipv4 185.220.101.47', 'ipv4 45.155.205.233', 'ipv4 91.92.109.14',
  'ipv6 2001:db8:4006:812::200e',
  'md5 d41d8cd98f00b204e9800998ecf8427e',
  'sha1 3f786850e387550fdab836ed7e6dc881de23001b',
  'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'url http://198.51.100.23/gate.php', 'url https://cdn-update.lantern-sync.com/api/v2/check',
  'url https://paste.kettle-cdn.xyz/raw/8fK2',
].sort();
