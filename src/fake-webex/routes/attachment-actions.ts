// Attachment actions (attachment-actions.yml): what a card's Action.Submit creates. The bot reads
// one with GET /attachment/actions/{id} after the attachmentActions webhook fires.
import type { FakeApp } from '../app.js';
import { badRequest, notFound } from '../http/errors.js';
import { json, route, type Route } from '../http/router.js';
import { webexId } from '../ids.js';
import { isMember } from '../messaging.js';
import type { FakeAttachmentAction } from '../types.js';
import { attachmentActionView } from '../views.js';

export function createAttachmentAction(app: FakeApp, personId: string, messageId: unknown, inputs: unknown): FakeAttachmentAction {
  const message = typeof messageId === 'string' ? app.state.messages.get(messageId) : undefined;
  if (!message || !isMember(app, message.roomId, personId)) throw notFound('Could not find a message with provided ID.');
  if (!message.attachments?.length) throw badRequest('The message has no card to submit.');
  if (inputs !== undefined && (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs))) {
    throw badRequest('inputs must be an object.');
  }
  const action: FakeAttachmentAction = {
    id: webexId('ATTACHMENT_ACTION'),
    type: 'submit',
    messageId: message.id,
    roomId: message.roomId,
    personId,
    inputs: (inputs ?? {}) as Record<string, unknown>,
    created: app.now(),
  };
  app.state.attachmentActions.set(action.id, action);
  return action;
}

/** The webhook `data` Webex sends for a card submission (no inputs: the bot must GET them). */
export function attachmentActionEventData(a: FakeAttachmentAction): Record<string, unknown> {
  return { id: a.id, type: a.type, messageId: a.messageId, personId: a.personId, roomId: a.roomId, created: a.created.toISOString() };
}

export function attachmentActionRoutes(app: FakeApp): Route[] {
  return [
    route('POST', '/attachment/actions', async (ctx) => {
      const body = (ctx.body ?? {}) as { type?: unknown; messageId?: unknown; inputs?: unknown };
      if (body.type !== 'submit') throw badRequest('type must be "submit".');
      const action = createAttachmentAction(app, ctx.caller.personId, body.messageId, body.inputs);
      void app.deliverEvent('attachmentActions', 'created', attachmentActionEventData(action), action.personId);
      return json(202, attachmentActionView(action));
    }),

    route('GET', '/attachment/actions/:id', (ctx) => {
      const action = app.state.attachmentActions.get(ctx.params.id!);
      if (!action || !isMember(app, action.roomId, ctx.caller.personId)) throw notFound('Could not find an attachment action with provided ID.');
      return json(200, attachmentActionView(action));
    }),
  ];
}
