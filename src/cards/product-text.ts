// Wording the cards share with the fallback text, taken from docs/product.md (which follows the
// Control Hub and Partner Hub help articles in ../shared/seeds/; Romanian from Cisco's own). Trusted text: it may contain
// markdown of our own, so it is never passed through escapeMarkdown.

import { t } from '../i18n/translate.js';

export const END_USER_PORTAL_URL = 'https://settings.webex.com';
export const CONTROL_HUB_URL = 'https://admin.webex.com';

/** What the admin takes on when automatic activation emails are turned off (in the current language). */
export function emailsOffWarning(): string[] {
  return [t('emailsOff.warning.1'), t('emailsOff.warning.2'), t('emailsOff.warning.3'), t('emailsOff.warning.4')];
}

/** Best practice for manually sent activation emails: what to include (all seven items). */
export function manualEmailChecklist(): string[] {
  return [
    t('checklist.1'),
    t('checklist.2'),
    t('checklist.3'),
    t('checklist.4'),
    t('checklist.5'),
    t('checklist.6', { link: `[${END_USER_PORTAL_URL}](${END_USER_PORTAL_URL})` }),
    t('checklist.7'),
  ];
}

