// The local emulator in a real browser: the real application in local mode (fake Webex, real bot,
// real signed webhooks), its page in Debian's Chromium, driven the way a new user would.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApplication, type Application } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createEmulatorRouter } from '../../src/emulator/emulator-router.js';
import type { LocalWebex } from '../../src/emulator/local-webex.js';
import { servedHosts } from '../../src/emulator/request-guards.js';
import { listen } from '../../src/http/server.js';
import { freePort } from '../support/free-port.js';
import { ARTIFACTS_DIR, botMessages, launchChromium, nextBotReply, say, type Browser } from './chromium.js';

const DOCS_SCREENSHOT = fileURLToPath(new URL('../../docs/emulator.png', import.meta.url));
const CSV_HEADER =
  'BroadWorks user ID,First name,Last name,Email,Enterprise,Package,Status,Error code,Error,Explanation,Last status change,Webex subscriber ID';

describe('local emulator page (Chromium)', () => {
  let app: Application;
  let local: LocalWebex;
  let browser: Browser;

  beforeAll(async () => {
    // Launch first: without Chromium the suite fails here, with the install command in the message.
    browser = await launchChromium();
    app = await startApplication(loadConfig({ PORT: '0', DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    local = app.local!;
    await app.sync.firstSync;
    const errors: string[] = [];
    browser.page.on('pageerror', (err) => errors.push(err.message));
    await browser.page.goto(`${app.http.url}/`);
    await browser.page.locator('body[data-ready="true"]').waitFor();
    await browser.page.locator('#connection.live').waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('users → the list card; open a user with an error and retry its activation with a new email', async () => {
    const { page } = browser;
    expect(await page.locator('#space-title').innerText()).toBe('Activation Bot');
    const list = await say(page, 'users');
    await list.locator('.card', { hasText: 'BroadWorks users' }).waitFor();
    expect(await list.getByRole('button', { name: 'Export CSV' }).count()).toBe(1);
    await page.locator('.message.from-person').last().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await browser.screenshot('01-users');
    // The README's screenshot is regenerated only on request (it changes with every run's data).
    if (!existsSync(DOCS_SCREENSHOT) || process.env.UPDATE_DOCS_SCREENSHOT) copyFileSync(join(ARTIFACTS_DIR, '01-users.png'), DOCS_SCREENSHOT);

    // Filter… is an Action.ShowCard: pick only "Error" and apply.
    await list.getByRole('button', { name: 'Filter…' }).click();
    for (const box of await list.getByRole('checkbox').all()) if (await box.isChecked()) await box.uncheck();
    await list.getByRole('checkbox', { name: 'Error', exact: true }).check();
    const errors = await nextBotReply(page, () => list.getByRole('button', { name: 'Apply filters' }).click());
    await errors.getByText(/\d+ users? match/).first().waitFor();

    await errors.getByRole('button', { name: 'Manage a user…' }).click();
    const picker = errors.locator('select');
    const withError = (await picker.locator('option').allInnerTexts()).find((t) => t.endsWith('· Error'));
    expect(withError).toBeDefined();
    await picker.selectOption({ label: withError! });
    const user = await nextBotReply(page, () => errors.getByRole('button', { name: 'Open', exact: true }).click());
    await user.getByRole('button', { name: 'Retry activation' }).click();
    await browser.screenshot('02-user-card');

    const email = `retried.${Date.now()}@example.com`;
    await user.locator('input[type="email"]').fill(email);
    const result = await nextBotReply(page, () => user.getByRole('button', { name: 'Onboard' }).click());
    await result.getByText('Activation retried').waitFor();
    expect(await result.innerText()).toContain(email);
    await browser.screenshot('03-retry-result');

    // The click reached the bot as Webex sends it: the Submit data merged with the typed input.
    const actions = [...local.fake.state.attachmentActions.values()];
    expect(actions.at(-1)?.inputs).toMatchObject({ action: 'user.retry', email });
  });

  it('emails off → confirm → the checklist card', async () => {
    const { page } = browser;
    const confirm = await say(page, 'emails off');
    await confirm.getByText('Turn off automatic activation emails?').waitFor();
    const done = await nextBotReply(page, () => confirm.getByRole('button', { name: 'Turn off' }).click());
    await done.getByText('Automatic activation emails are now OFF').waitFor();
    expect(await done.innerText()).toContain('When you send activation emails yourself, include:');
    expect(await done.getByRole('button', { name: 'Turn automatic emails back on' }).count()).toBe(1);
    await browser.screenshot('04-emails-off-checklist');
  });

  it('export → the CSV downloads with the header and one row per user', async () => {
    const { page } = browser;
    const reply = await say(page, 'export error');
    const count = Number(/Export of (\d+) users/.exec(await reply.innerText())?.[1]);
    expect(count).toBeGreaterThan(0);
    const link = reply.locator('.files a');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const saved = join(ARTIFACTS_DIR, download.suggestedFilename());
    await download.saveAs(saved);
    const lines = readFileSync(saved, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^"Data from Webex as of /);
    expect(lines[1]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(count + 2);
    for (const row of lines.slice(2)) expect(row).toMatch(/,error,/);
    await browser.screenshot('05-export');
  });

  it('as the non-admin member in the group space, a click on a card button is refused', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Webex admins' }).click();
    expect(await page.locator('#mention').innerText()).toBe('@Activation Bot');
    const list = await say(page, 'users');
    await list.getByText('BroadWorks users').waitFor();

    await page.locator('.persona', { hasText: 'Morgan Member' }).click();
    expect(await page.getByRole('button', { name: 'Activation Bot' }).isDisabled()).toBe(true);
    const before = await botMessages(page).count();
    const refusal = await nextBotReply(page, () => list.getByRole('button', { name: 'Next' }).click());
    await refusal.getByText(/only the admins of this bot can use its buttons/).waitFor();
    expect(await refusal.locator('.author').innerText()).toBe('Activation Bot');
    await page.waitForTimeout(300); // a page 2 would have arrived by now
    expect(await botMessages(page).count()).toBe(before + 1);
    await browser.screenshot('06-member-refused');
  });

  it('shows typed HTML as text and never runs it', async () => {
    const { page } = browser;
    await page.locator('.persona', { hasText: 'Alex Admin' }).click();
    await page.getByRole('button', { name: 'Activation Bot' }).click();
    const typed = '<img src=x onerror="window.__pwned=1"> **bold**';
    const reply = await say(page, `user ${typed}`);
    await reply.getByText(/No BroadWorks user/).waitFor();
    const mine = page.locator('.message.from-person').last();
    expect(await mine.innerText()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await mine.locator('img').count()).toBe(0);
    expect(await mine.locator('strong').innerText()).toBe('bold');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('"Run follow-up now" runs the real alerts job and its digest appears live in a subscribed space', async () => {
    const { page } = browser;
    const subscribed = await say(page, 'alerts on');
    // The status card's own words: a reply that only echoed "alerts on" would not have them.
    await subscribed.getByText('ON: this space gets the alerts', { exact: true }).waitFor();
    expect(await subscribed.getByRole('button', { name: 'Turn off alerts here' }).count()).toBe(1);
    const digest = await nextBotReply(page, () => page.getByRole('button', { name: 'Run follow-up now' }).click());
    await digest.getByText(/^Inactive users: \d+$/).waitFor();
    await browser.screenshot('07-follow-up');
  });

  it('stats → the trends card, then the chart shown as a picture in the page (the simulator has a history)', async () => {
    const { page } = browser;
    await app.statsCatchUp;
    const card = await say(page, 'stats 90d');
    await card.getByText('Activation trends', { exact: false }).first().waitFor();
    // The chart is a message of its own right after the card.
    const picture = page.locator('.message.from-bot img.file-image').last();
    await picture.waitFor();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(1200);
    expect(await picture.getAttribute('alt')).toMatch(/^activation-trends-.*\.png$/);
    // The picture's own address serves it inline; the link beside it still downloads it.
    const src = await picture.getAttribute('src');
    const inline = await page.evaluate(async (url) => (await fetch(url!)).headers.get('content-disposition'), src);
    expect(inline).toBe('inline');
    await browser.screenshot('08-stats-chart');
  });

  it('without the hook the page shows no follow-up button', async () => {
    const port = await freePort();
    const emulator = createEmulatorRouter({ local, logger: app.logger, servedHosts: servedHosts('127.0.0.1', port) });
    const server = await listen(express().use(emulator.router), port, '127.0.0.1');
    const page = await browser.context.newPage();
    try {
      await page.goto(`${server.url}/`);
      await page.locator('#connection.live').waitFor();
      expect(await page.locator('#follow-up').isHidden()).toBe(true);
    } finally {
      await page.close();
      emulator.close();
      await server.close();
    }
  });
});
