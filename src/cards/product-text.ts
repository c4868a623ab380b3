// Wording the cards share with the fallback text, taken from docs/product.md (which follows the
// Control Hub and Partner Hub help articles in ../shared/seeds/). Trusted text: it may contain
// markdown of our own, so it is never passed through escapeMarkdown.

export const END_USER_PORTAL_URL = 'https://settings.webex.com';
export const CONTROL_HUB_URL = 'https://admin.webex.com';

/** What the admin takes on when automatic activation emails are turned off. */
export const EMAILS_OFF_WARNING: readonly string[] = [
  'Newly added users (and inactive users) get no activation email from Webex. You must send activation emails yourself, individually or in bulk.',
  "Emails you send yourself lack Webex's own verification link and password-creation logic. Cisco strongly recommends leaving automatic emails ON.",
  'Users converted from a free to a paid plan are still emailed; they must be told about the conversion.',
  'Reminders to inactive users are suppressed: you have to track inactive users and remind them by hand (the follow-up alerts of this bot help).',
];

/** Best practice for manually sent activation emails: what to include (all seven items). */
export const MANUAL_EMAIL_CHECKLIST: readonly string[] = [
  "Your company's goals and rollout plan.",
  'The value and purpose of the Webex App.',
  'The Personal Meeting Room link, if you bought Webex Meetings.',
  'Links to internal support.',
  'Links to internal training.',
  `The end-user portal link: [${END_USER_PORTAL_URL}](${END_USER_PORTAL_URL}).`,
  'How to activate: sign in on the SSO page with company credentials; they are then signed in to the Webex App automatically.',
];

export { TEMPLATE_PATH as PARTNER_HUB_TEMPLATE_PATH } from '../provisioning/template-check.js';
