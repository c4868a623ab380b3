// Debian's Chromium driven by playwright-core (never a downloaded browser: only Debian's packages
// are reachable here). A missing browser fails the suite with the fix, it is never skipped.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-results/emulator/', import.meta.url));

// The flags that work here as root (docs/platform-notes.md); a fresh profile per run.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Saves a full-window screenshot as test-results/emulator/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: the emulator's browser test needs it. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this), or set CHROMIUM_PATH.',
    );
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'emulator-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async screenshot(name) {
      const path = join(ARTIFACTS_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The bot's messages in the open space, oldest first. */
export const botMessages = (page: Page): Locator => page.locator('.message.from-bot');

/**
 * Does `act` and returns the bot's first reply to it (the next bot message to appear). The page
 * gets it over server-sent events, so this also proves the live updates.
 */
export async function nextBotReply(page: Page, act: () => Promise<unknown>): Promise<Locator> {
  const before = await botMessages(page).count();
  await act();
  const reply = botMessages(page).nth(before);
  await reply.waitFor();
  return reply;
}

/** Types `text` in the composer and sends it, as the person currently selected. */
export function say(page: Page, text: string): Promise<Locator> {
  return nextBotReply(page, async () => {
    await page.locator('#composer-input').fill(text);
    await page.locator('#composer-input').press('Enter');
  });
}
