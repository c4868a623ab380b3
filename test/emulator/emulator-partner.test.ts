// The emulator in partner mode (SIMULATOR_PARTNER=true), in a real browser: the simulator is a
// partner with three customer orgs, the page offers the org switch, and the bot's answers say
// which org they are about.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApplication, type Application } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { launchChromium, nextBotReply, say, type Browser } from './chromium.js';

describe('local emulator page in partner mode (Chromium)', () => {
  let app: Application;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    app = await startApplication(loadConfig({ PORT: '0', DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SIMULATOR_PARTNER: 'true' }));
    await app.sync.firstSync;
    await app.orgs.settled();
    await browser.page.goto(`${app.http.url}/`);
    await browser.page.locator('body[data-ready="true"]').waitFor();
    await browser.page.locator('#connection.live').waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('offers the customer orgs; switching binds the space and every answer then names that org', async () => {
    const { page } = browser;
    await page.locator('#org-switch').waitFor();
    await page.locator('#org-select option', { hasText: 'Initech' }).waitFor({ state: 'attached' });
    expect(await page.locator('#org-select option').allInnerTexts()).toEqual(['All customer orgs', 'Acme Holdings', 'Carpatia Group', 'Initech']);

    const overview = await say(page, 'orgs');
    await overview.getByText('Customer orgs, worst first').waitFor();
    expect(await overview.innerText()).toContain('All customer orgs');
    await browser.screenshot('partner-01-orgs');

    await page.locator('#org-select').selectOption('Initech');
    const bound = await nextBotReply(page, () => page.locator('#org-button').click());
    await bound.getByText('now works on').waitFor();
    const users = await say(page, 'users');
    await users.getByText('BroadWorks users').waitFor();
    expect(await users.innerText()).toContain('Customer org: Initech');
    await browser.screenshot('partner-02-users-of-initech');

    await page.locator('#org-select').selectOption('');
    const all = await nextBotReply(page, () => page.locator('#org-button').click());
    await all.getByText('every customer org').waitFor();
  });

  it('the language switch: Czech in this space; a space of Carpatia Group (Romanian in Webex) speaks Romanian by itself', async () => {
    const { page } = browser;
    await page.locator('#language-select').selectOption('cs');
    const chosen = await nextBotReply(page, () => page.locator('#language-button').click());
    await chosen.getByText('Od teď v tomto prostoru mluvím jazykem').waitFor();
    const users = await say(page, 'users');
    await users.getByText('Uživatelé BroadWorks').waitFor();
    await browser.screenshot('partner-03-users-in-czech');

    await page.locator('#language-select').selectOption('auto');
    await nextBotReply(page, () => page.locator('#language-button').click());
    await page.locator('#org-select').selectOption('Carpatia Group');
    await nextBotReply(page, () => page.locator('#org-button').click());
    const romanian = await say(page, 'users');
    await romanian.getByText('Utilizatori BroadWorks').waitFor();
    expect(await romanian.innerText()).toContain('Organizație client: Carpatia Group');
    await browser.screenshot('partner-04-carpatia-in-romanian');
  });
});
