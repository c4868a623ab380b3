// Drives the bot as a Webex user would: a message typed in a space, or a card button pressed. Each
// helper writes the event into state and delivers the webhooks, returning their answer codes.
import type { DeliveryResult, FakeApp } from './app.js';
import { FakeHttpError } from './http/errors.js';
import { createMessage, isMember, personByEmail } from './messaging.js';
import { attachmentActionEventData, createAttachmentAction } from './routes/attachment-actions.js';
import type { FakeAttachmentAction, FakeMembership, FakeMessage, FakePerson } from './types.js';
import { membershipView } from './views.js';

export interface SimulatedMessage {
  roomId: string;
  /** The author, by email (or personId). */
  personEmail?: string;
  personId?: string;
  text: string;
  markdown?: string;
  parentId?: string;
  /** Extra people mentioned (ids). */
  mentionedPeople?: string[];
  /**
   * @mention the bot, as a Webex client does: the text then starts with the bot's display name.
   * Default: true in group spaces (bots hear nothing else there), false in 1:1 spaces.
   */
  mentionBot?: boolean;
}

export interface SimulatedCardAction {
  messageId: string;
  personEmail?: string;
  personId?: string;
  inputs: Record<string, unknown>;
}

function author(app: FakeApp, who: { personEmail?: string; personId?: string }): FakePerson {
  const p = who.personId ? app.state.people.get(who.personId) : who.personEmail ? personByEmail(app, who.personEmail) : undefined;
  if (!p) throw new Error(`fake-webex: unknown person ${who.personId ?? who.personEmail ?? '(none given)'} — seed it first`);
  return p;
}

/** Test helpers report misuse as plain errors, not as HTTP answers. */
function asPlainError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FakeHttpError) throw new Error(`fake-webex: ${err.message}`);
    throw err;
  }
}

export async function simulateMessage(app: FakeApp, input: SimulatedMessage): Promise<{ message: FakeMessage; deliveries: DeliveryResult[] }> {
  const person = author(app, input);
  const room = app.state.rooms.get(input.roomId);
  if (!room || !isMember(app, room.id, person.id)) throw new Error(`fake-webex: ${person.emails[0]} is not in room ${input.roomId}`);
  const bot = app.state.people.get(app.state.botId)!;
  const mentionBot = input.mentionBot ?? room.type === 'group';
  const text = mentionBot ? `${bot.displayName} ${input.text}` : input.text;
  const markdown = input.markdown ?? (mentionBot ? `<@personId:${bot.id}|${bot.displayName}> ${input.text}` : undefined);
  const message = asPlainError(() =>
    createMessage(app, person.id, {
      roomId: room.id,
      text,
      markdown,
      parentId: input.parentId,
      mentionedPeople: [...(input.mentionedPeople ?? []), ...(mentionBot ? [bot.id] : [])],
    }),
  );
  const data: Record<string, unknown> = {
    id: message.id,
    roomId: room.id,
    roomType: room.type,
    personId: person.id,
    personEmail: person.emails[0],
    ...(message.mentionedPeople?.length ? { mentionedPeople: message.mentionedPeople } : {}),
    ...(message.parentId ? { parentId: message.parentId } : {}),
    created: message.created.toISOString(),
  };
  return { message, deliveries: await app.deliverEvent('messages', 'created', data, person.id) };
}

export async function simulateCardAction(
  app: FakeApp,
  input: SimulatedCardAction,
): Promise<{ action: FakeAttachmentAction; deliveries: DeliveryResult[] }> {
  const person = author(app, input);
  const action = asPlainError(() => createAttachmentAction(app, person.id, input.messageId, input.inputs));
  return { action, deliveries: await app.deliverEvent('attachmentActions', 'created', attachmentActionEventData(action), person.id) };
}

/** Announces a membership (e.g. the bot added to a space after start-up): memberships/created. */
export async function simulateMembershipCreated(app: FakeApp, membership: FakeMembership, actorId: string): Promise<DeliveryResult[]> {
  return app.deliverEvent('memberships', 'created', membershipView(app, membership), actorId);
}
