// Finds the Chromium the browser tests drive: $CHROME_PATH, then Debian's /usr/bin/chromium.
// On a Debian machine where it is missing and we are root, installs the `chromium` package;
// otherwise stops with what to install. Nothing here ever downloads a browser of its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The flags every headless run uses on this closed network. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Headless Chromium still builds the address bar's popup (a WebUI page in its own renderer) for
  // every new window: on 2 cores it took more CPU than the page under test while that page loaded.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

function found() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH=${fromEnv} does not exist.`);
  }
  return CANDIDATES.find((path) => existsSync(path));
}

/** @returns {string} the path of a Chromium executable */
export function findChromium() {
  const path = found();
  if (path) return path;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log('[guichet] Chromium is missing: installing Debian package `chromium` (apt-get)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    const installed = found();
    if (installed) return installed;
  }
  throw new Error(
    'Chromium is needed for the browser tests and was not found. Install it (Debian/Ubuntu: ' +
      '`sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome executable.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(findChromium());
