// Errors the fake answers with, in Webex's shape: { message, errors: [{ description }], trackingId }.
// BroadWorks validation errors also carry a numeric errorCode per item, as the provisioning API does.

export interface WebexErrorItem {
  description: string;
  errorCode?: number;
}

export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: WebexErrorItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(message: string, trackingId: string, errors?: WebexErrorItem[]) {
  return { message, errors: errors ?? [{ description: message }], trackingId };
}

export const MESSAGES = {
  unauthorized: 'The request requires a valid access token set in the Authorization request header.',
  forbidden: 'The server understood the request, but refused to fulfill it because the access token is missing required scopes or the person does not have access to the resource.',
  notFound: 'The requested resource could not be found.',
  methodNotAllowed: 'The requested method is not supported for this resource.',
};

export const badRequest = (message: string, errors?: WebexErrorItem[]) => new FakeHttpError(400, message, errors);
export const notFound = (message = MESSAGES.notFound) => new FakeHttpError(404, message);
export const forbidden = (message = MESSAGES.forbidden) => new FakeHttpError(403, message);
export const conflict = (message: string) => new FakeHttpError(409, message);
