// Messages (messages.yml): create (JSON, or multipart/form-data with one uploaded file, which is how
// the bot framework posts a CSV), get, list (bots must filter by mentionedPeople in group spaces),
// delete; and GET /contents/{id}, where uploaded bytes are served back.
import type { FakeApp } from '../app.js';
import { requireMember } from '../auth.js';
import { badRequest, forbidden, notFound } from '../http/errors.js';
import { json, noContent, route, type Route, type RouteContext } from '../http/router.js';
import { webexId } from '../ids.js';
import { createMessage, isMember, type NewMessage } from '../messaging.js';
import { pageReply } from '../paging.js';
import { messageView } from '../views.js';

export function messageRoutes(app: FakeApp): Route[] {
  const me = (ctx: RouteContext) => app.state.people.get(ctx.caller.personId)!;

  /** Bots see group-space messages only when mentioned (or their own). */
  const visible = (ctx: RouteContext, m: { personId: string; roomId: string; mentionedPeople?: string[] }) => {
    if (me(ctx).type !== 'bot' || app.state.rooms.get(m.roomId)?.type !== 'group') return true;
    return m.personId === ctx.caller.personId || (m.mentionedPeople ?? []).includes(ctx.caller.personId);
  };

  const findMessage = (ctx: RouteContext) => {
    const m = app.state.messages.get(ctx.params.messageId!);
    if (!m || !isMember(app, m.roomId, ctx.caller.personId) || !visible(ctx, m)) throw notFound('Could not find a message with provided ID.');
    return m;
  };

  const fromMultipart = (ctx: RouteContext): NewMessage & { uploaded: string[] } => {
    const form = ctx.form!;
    const one = (name: string) => {
      const values = form.fields[name];
      if (values && values.length > 1) throw badRequest(`${name} may be given only once.`);
      return values?.[0];
    };
    if (form.files.length > 1) throw badRequest('Only one file may be included with a message.');
    const uploaded = form.files.map((f) => {
      const id = webexId('CONTENT');
      app.state.files.set(id, { id, filename: f.filename, contentType: f.contentType, bytes: f.bytes, roomId: '', uploadedBy: ctx.caller.personId });
      return id;
    });
    return {
      uploaded,
      roomId: one('roomId'),
      toPersonId: one('toPersonId'),
      toPersonEmail: one('toPersonEmail'),
      parentId: one('parentId'),
      text: one('text'),
      markdown: one('markdown'),
      files: [...uploaded.map((id) => `${app.baseUrl}/contents/${id}`), ...(form.fields.files ?? [])],
    };
  };

  return [
    route('POST', '/messages', (ctx) => {
      let input: NewMessage;
      let uploaded: string[] = [];
      if (ctx.form) ({ uploaded, ...input } = fromMultipart(ctx));
      else {
        if (!ctx.body || typeof ctx.body !== 'object') throw badRequest('The request body must be a JSON object.');
        input = ctx.body as NewMessage;
        if (input.files !== undefined && (!Array.isArray(input.files) || input.files.some((f) => typeof f !== 'string'))) {
          throw badRequest('files must be an array of URLs.');
        }
      }
      let message;
      try {
        message = createMessage(app, ctx.caller.personId, input);
      } catch (err) {
        uploaded.forEach((id) => app.state.files.delete(id));
        throw err;
      }
      for (const id of uploaded) app.state.files.get(id)!.roomId = message.roomId;
      const addressed = input.toPersonId ? { toPersonId: input.toPersonId } : input.toPersonEmail ? { toPersonEmail: input.toPersonEmail } : {};
      return json(200, messageView(app, message, addressed));
    }),

    route('GET', '/messages', (ctx) => {
      const q = ctx.query;
      const roomId = q.get('roomId');
      if (!roomId) throw badRequest('roomId is required.');
      requireMember(app, ctx, roomId);
      const mentioned = q.get('mentionedPeople');
      const mentionedId = mentioned === 'me' ? ctx.caller.personId : mentioned;
      if (me(ctx).type === 'bot' && app.state.rooms.get(roomId)!.type === 'group' && mentionedId !== ctx.caller.personId) {
        throw forbidden('Bots must include mentionedPeople=me to list messages in group spaces.');
      }
      const before = q.get('before') ? new Date(q.get('before')!) : undefined;
      const beforeMessage = q.get('beforeMessage') ? app.state.messages.get(q.get('beforeMessage')!) : undefined;
      const parentId = q.get('parentId');
      const items = [...app.state.messages.values()]
        .filter(
          (m) =>
            m.roomId === roomId &&
            (!parentId || m.parentId === parentId) &&
            (!mentionedId || (m.mentionedPeople ?? []).includes(mentionedId)) &&
            (!before || m.created < before) &&
            (!beforeMessage || m.created < beforeMessage.created),
        )
        .reverse()
        .sort((a, b) => b.created.getTime() - a.created.getTime());
      return pageReply(items.map((m) => messageView(app, m)), q, `${app.baseUrl}/messages`, { defaultMax: 50, limit: mentionedId ? 100 : 1000 });
    }),

    route('GET', '/messages/:messageId', (ctx) => json(200, messageView(app, findMessage(ctx)))),

    route('DELETE', '/messages/:messageId', (ctx) => {
      const m = findMessage(ctx);
      const moderator = [...app.state.memberships.values()].some((x) => x.roomId === m.roomId && x.personId === ctx.caller.personId && x.isModerator);
      if (m.personId !== ctx.caller.personId && !moderator) throw forbidden('Only the author or a moderator can delete this message.');
      app.state.messages.delete(m.id);
      return noContent();
    }),

    route('GET', '/contents/:contentId', (ctx) => {
      const file = app.state.files.get(ctx.params.contentId!);
      if (!file || !isMember(app, file.roomId, ctx.caller.personId)) throw notFound('Could not find the file.');
      return {
        status: 200,
        bytes: { data: file.bytes, contentType: file.contentType },
        headers: { 'content-disposition': `attachment; filename="${file.filename.replace(/"/g, '')}"` },
      };
    }),
  ];
}
