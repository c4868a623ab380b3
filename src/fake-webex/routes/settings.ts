// Org settings (settings.yml): only `allow-admin-invite-emails` ("Automatic Activation Emails").
import type { FakeApp } from '../app.js';
import { requireOrgAdmin } from '../auth.js';
import { badRequest, notFound } from '../http/errors.js';
import { json, route, type Route } from '../http/router.js';
import { SETTING_NAMES } from '../state.js';

export function settingsRoutes(app: FakeApp): Route[] {
  const settingsOf = (orgId: string) => {
    let settings = app.state.orgSettings.get(orgId);
    if (!settings) app.state.orgSettings.set(orgId, (settings = new Map()));
    return settings;
  };

  return [
    route('GET', '/settings/organizations/:orgId/settings/:settingKey', (ctx) => {
      const orgId = requireOrgAdmin(app, ctx, ctx.params.orgId!);
      const key = ctx.params.settingKey!;
      const value = settingsOf(orgId).get(key);
      if (value === undefined || !SETTING_NAMES[key]) throw notFound(`Setting ${key} not found.`);
      return json(200, { key, value, name: SETTING_NAMES[key] });
    }),

    route('POST', '/settings/organizations/:orgId/settings', (ctx) => {
      const orgId = requireOrgAdmin(app, ctx, ctx.params.orgId!);
      const body = (ctx.body ?? {}) as { key?: unknown; value?: unknown };
      if (typeof body.key !== 'string' || !SETTING_NAMES[body.key]) {
        throw badRequest(`Invalid setting key: ${JSON.stringify(body.key ?? null)}.`);
      }
      if (typeof body.value !== 'boolean') throw badRequest('The setting value must be a boolean.');
      settingsOf(orgId).set(body.key, body.value);
      return json(200, { key: body.key, value: body.value, name: SETTING_NAMES[body.key] });
    }),
  ];
}
