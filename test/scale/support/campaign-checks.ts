// After the campaign: what each admin saw and what was changed, traced per message (one space
// each) and per button press (answers go in the card's thread). Returns the counts to print and
// every violation of "answered, and applied exactly once".
import type { FakeMessage } from '../../../src/fake-webex/types.js';
import { tIn } from '../../../src/i18n/translate.js';
import type { Cluster } from './cluster.js';
import type { PlannedClick, PlannedMessage } from './campaign-plan.js';

const SORRY = /^Sorry, that did not work/;
const ALREADY = /^That was already done from this card/;

const textOf = (m: FakeMessage) => m.markdown ?? m.text ?? '';
const isError = (m: FakeMessage) => SORRY.test(textOf(m));
/** A command that arrived over a minute late is asked about first (the late-command card), not carried out. */
const isLateCard = (m: FakeMessage) => textOf(m).includes(tIn('en', 'late.fallbackNot'));

export interface CampaignTally {
  messages: number;
  clicks: number;
  answered: number;
  /** Messages and presses left unanswered because Webex refused every answer (5xx, not repeated). */
  refusedByWebex: number;
  errorAnswers: number;
  /** Changes as Webex saw them (successful setting writes), and as our audit recorded them. */
  /**
   * `readBack`: audited changes Webex did not confirm (the write failed without saying whether it
   * landed) but whose setting held the value asked for when read; `askedFirst`: commands answered
   * with the late-command card (delivered over a minute late on a very busy machine).
   */
  emailsOn: { messages: number; applied: number; audited: number; readBack: number; confirmedToAdmin: number; askedFirst: number; errorAnswers: number; errorTexts: string[] };
  emailsOff: { cards: number; presses: number; applied: number; audited: number; readBack: number; confirmed: number; alreadyDone: number };
  exports: { messages: number; files: number; audited: number };
  refusals: { messages: number; audited: number };
  violations: string[];
}

export async function tallyCampaign(c: Cluster, messages: PlannedMessage[], clicks: PlannedClick[]): Promise<CampaignTally> {
  const prisma = c.apps[0]!.db.prisma;
  const audits = await prisma.auditEntry.findMany({ where: { action: { in: ['emails.on', 'emails.off', 'users.export', 'command.emails'] } } });
  const writes = c.fake.requests.filter((r) => r.method === 'POST' && /^\/settings\/organizations\/[^/]+\/settings$/.test(r.path) && r.status === 200);
  // A change is one request of ours: the attempts of one (a retry after a timeout whose first
  // attempt Webex did carry out) share its tracking id but for the attempt suffix.
  const applied = (value: boolean) =>
    new Set(writes.filter((r) => (r.body as { value?: unknown }).value === value).map((r, i) => r.headers.trackingid?.replace(/_\d+$/, '') ?? `untracked-${i}`)).size;
  const okAudits = (action: string) => audits.filter((a) => a.action === action && a.result === 'ok');
  const readBack = (action: string) => okAudits(action).filter((a) => (a.detail as { confirmedBy?: unknown } | null)?.confirmedBy === 'reading').length;
  const violations: string[] = [];
  const t: CampaignTally = {
    messages: messages.length,
    clicks: clicks.length,
    answered: 0,
    refusedByWebex: 0,
    errorAnswers: 0,
    emailsOn: { messages: 0, applied: applied(true), audited: okAudits('emails.on').length, readBack: readBack('emails.on'), confirmedToAdmin: 0, askedFirst: 0, errorAnswers: 0, errorTexts: [] },
    emailsOff: { cards: new Set(clicks.map((k) => k.card.id)).size, presses: clicks.length, applied: applied(false), audited: okAudits('emails.off').length, readBack: readBack('emails.off'), confirmed: 0, alreadyDone: 0 },
    exports: { messages: 0, files: 0, audited: 0 },
    refusals: { messages: 0, audited: 0 },
    violations,
  };

  // Answers Webex refused to post (5xx): the bot does not send those again (Webex may have posted
  // them), so a message or press whose every answer was refused has none, through no fault of ours.
  const refusedPosts = (roomId: string, parentId: string | null) =>
    c.fake.requests.filter((r) => {
      const body = (r.body ?? {}) as { roomId?: unknown; parentId?: unknown };
      return r.method === 'POST' && r.path === '/messages' && (r.status ?? 0) >= 500 && body.roomId === roomId && (body.parentId ?? null) === parentId;
    }).length;

  for (const m of messages) {
    const answers = c.botMessages(m.room).filter((x) => !x.parentId);
    const errors = answers.filter(isError);
    const successes = answers.filter((x) => !isError(x));
    const where = `${m.kind} in "${m.room.title}"`;
    if (answers.length > 0) t.answered++;
    else if (refusedPosts(m.room.id, null) > 0) t.refusedByWebex++;
    else violations.push(`${where}: no answer`);
    t.errorAnswers += errors.length;
    if (successes.length > 1) violations.push(`${where}: answered ${successes.length} times`);
    // A success can be followed by an error when the step after the answer failed (e.g. the audit
    // write while the database restarted); never two errors, never more than two answers.
    if (errors.length > 1 || answers.length > 2) violations.push(`${where}: ${answers.length} answers (${errors.length} errors)`);
    const roomAudits = audits.filter((a) => a.roomId === m.room.id);
    if (m.kind === 'emails-on') {
      t.emailsOn.messages++;
      if (successes.length === 1 && isLateCard(successes[0]!)) t.emailsOn.askedFirst++;
      else if (successes.length === 1) t.emailsOn.confirmedToAdmin++;
      if (errors.length > 0) {
        t.emailsOn.errorAnswers++;
        t.emailsOn.errorTexts.push(textOf(errors[0]!).slice(0, 200));
      }
    }
    if (m.kind === 'export') {
      t.exports.messages++;
      const files = successes.filter((x) => x.files?.length && textOf(x).includes(m.token)).length;
      const audited = roomAudits.filter((a) => a.action === 'users.export').length;
      t.exports.files += files;
      t.exports.audited += audited;
      if (files > 1 || audited > 1) violations.push(`${where}: exported ${files} times, audited ${audited} times`);
      if (files !== audited) violations.push(`${where}: ${files} files, ${audited} audit entries`);
      if (files === 1 && errors.length > 0) violations.push(`${where}: exported, and also told it did not work`);
    }
    if (m.kind === 'refused') {
      t.refusals.messages++;
      const audited = roomAudits.filter((a) => a.result === 'refused').length;
      t.refusals.audited += audited;
      if (audited > 1) violations.push(`${where}: refusal audited ${audited} times`);
      if (successes.length === 1 && audited === 0) violations.push(`${where}: refused but not audited`);
    }
  }

  for (const cardId of new Set(clicks.map((k) => k.card.id))) {
    const presses = clicks.filter((k) => k.card.id === cardId);
    const answers = c.botMessages(presses[0]!.room).filter((x) => x.parentId === cardId);
    const confirmed = answers.filter((x) => x.attachments?.length).length;
    const already = answers.filter((x) => ALREADY.test(textOf(x))).length;
    const errors = answers.filter(isError).length;
    t.emailsOff.confirmed += confirmed;
    t.emailsOff.alreadyDone += already;
    t.answered += Math.min(answers.length, presses.length);
    t.errorAnswers += errors;
    const refused = refusedPosts(presses[0]!.room.id, cardId);
    t.refusedByWebex += Math.min(refused, Math.max(0, presses.length - answers.length));
    if (answers.length + refused < presses.length) violations.push(`card ${cardId}: ${presses.length} presses, ${answers.length} answers (${refused} refused by Webex)`);
    if (confirmed > 1) violations.push(`card ${cardId}: turned off ${confirmed} times`);
  }

  // Every change Webex applied was asked for once by one message or card, and is in the audit
  // log: what follows a change waits out the database restart. No admin whose change Webex made
  // was told that it failed (each message not applied may account for one error answer).
  const on = t.emailsOn;
  if (on.applied > on.messages) violations.push(`emails on applied ${on.applied} times for ${on.messages} messages`);
  if (on.confirmedToAdmin > on.audited) violations.push(`emails on: ${on.audited} audited, ${on.confirmedToAdmin} confirmed to admins`);
  // Each write Webex carried out is audited; an audit without one is a change confirmed by reading.
  if (on.applied > on.audited || on.audited - on.readBack > on.applied) violations.push(`emails on: applied ${on.applied}, audited ${on.audited} (${on.readBack} confirmed by reading)`);
  if (on.errorAnswers > on.messages - on.applied) violations.push(`emails on: ${on.errorAnswers} error answers, but only ${on.messages - on.applied} messages were not applied: ${on.errorTexts.join(' | ')}`);
  const off = t.emailsOff;
  if (off.applied > off.cards) violations.push(`emails off applied ${off.applied} times for ${off.cards} cards`);
  if (off.audited < off.confirmed || off.audited - off.readBack > off.applied) violations.push(`emails off: applied ${off.applied}, audited ${off.audited} (${off.readBack} confirmed by reading), confirmed ${off.confirmed}`);
  return t;
}
