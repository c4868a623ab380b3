// The Partner Hub check from the BroadWorks untrusted-email guide: a customer template's User
// Authentication must have Untrusted Emails checked and Share Link pointing to Activation.

/** The two settings the untrusted-email flow needs (one rule, used by the service and the card). */
export const untrustedEmailsOk = (t: { untrustedEmails: boolean }) => t.untrustedEmails;
export const shareLinkOk = (t: { shareLinkKind: string }) => t.shareLinkKind === 'activation';

export interface TemplateCheck {
  provisioningId: string;
  name: string;
  ok: boolean;
  /** Each problem in plain words, with what to change. */
  problems: string[];
}

export function checkTemplate(t: { provisioningId: string; name: string; untrustedEmails: boolean; shareLinkKind: string }): TemplateCheck {
  const problems: string[] = [];
  if (!untrustedEmailsOk(t)) {
    problems.push('Untrusted Emails is not checked: users cannot self-provision by entering their email. Check "Untrusted Emails".');
  }
  if (!shareLinkOk(t)) {
    const now = t.shareLinkKind === 'none' ? 'is empty' : `points to the ${t.shareLinkKind} link`;
    problems.push(`Share Link ${now}: users are not sent to the activation portal. Set Share Link to the Activation link.`);
  }
  return { provisioningId: t.provisioningId, name: t.name, ok: problems.length === 0, problems };
}
