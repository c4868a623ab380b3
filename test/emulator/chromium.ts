// The browser tests' Chromium (chromium-binary.ts: CHROMIUM_PATH, Debian's, or the one inside the
// npm package @sparticuz/chromium) driven by playwright-core. Never skipped: with no Chromium at all
// the npm package's is used.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium-binary.js';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-results/emulator/', import.meta.url));

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Saves a full-window screenshot as test-results/emulator/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const binary = await findChromium();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'emulator-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: binary.executablePath,
    headless: true,
    args: binary.args,
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
