// Which Chromium the browser tests drive: CHROMIUM_PATH if it exists, else Debian's
// /usr/bin/chromium, else the Chromium inside the npm package @sparticuz/chromium (a dev
// dependency; unpacked to the temp folder the first time), so a machine with nothing but Node runs
// the browser tests too instead of skipping them. Never a browser downloaded at run time.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// The flags that work here as root with Debian's Chromium (docs/platform-notes.md).
const SYSTEM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Flags of @sparticuz/chromium (made for scraping on AWS Lambda) that a real browser never has. */
const WEAKENING_FLAGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials']);

export interface ChromiumBinary {
  executablePath: string;
  args: string[];
  /** Where it came from, for the run's log. */
  describe: string;
}

export async function findChromium(): Promise<ChromiumBinary> {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted && existsSync(wanted)) return { executablePath: wanted, args: SYSTEM_FLAGS, describe: `${wanted} (CHROMIUM_PATH)` };
  if (!wanted && existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: SYSTEM_FLAGS, describe: `${SYSTEM_CHROMIUM} (system)` };
  const { default: bundled } = await import('@sparticuz/chromium');
  const executablePath = await bundled.executablePath();
  const why = wanted ? `CHROMIUM_PATH=${wanted} does not exist` : `no ${SYSTEM_CHROMIUM}`;
  return {
    executablePath,
    // Its own flags (a headless shell: single process, no sandbox, no zygote) but those that turn
    // off the browser's web security, plus ours that keep it off the network. With
    // --disable-web-security the page's own POSTs carry no Origin, so the emulator refused them
    // (as it must: the tests check the page as a real browser runs it).
    args: [...bundled.args.filter((flag) => !WEAKENING_FLAGS.has(flag)), '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    describe: `${executablePath} from @sparticuz/chromium ${bundledVersion()} (${why})`,
  };
}

function bundledVersion(): string {
  // The package exports no package.json; it sits one folder above its build/index.js.
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
