// Failures shaped exactly like the real client's (src/webex/errors.ts): an AppError carrying the
// HTTP status, method, path, Webex's message, its errors[] and a trackingId, so callers handle
// both backends alike.
import type { AppError } from '../../errors.js';
import { webexHttpError, type WebexErrorItem } from '../../webex/errors.js';
import { trackingIdFrom, type Random } from './ids.js';

export interface SimRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
}

export function simWebexError(random: Random, status: 400 | 404 | 409, req: SimRequest, message: string, item?: WebexErrorItem): AppError {
  return webexHttpError({
    status,
    ...req,
    trackingId: trackingIdFrom(random),
    webexMessage: message,
    ...(item ? { errors: [item] } : {}),
  });
}
