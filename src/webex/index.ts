// The Webex REST client and the typed endpoint groups built on it.
export { WebexClient, type WebexClientOptions, type RequestOptions, type WebexResponse, type Query } from './http-client.js';
export { staticToken, oauthTokenProvider, type TokenProvider, type OAuthTokenOptions } from './token-provider.js';
export { WebexAdminApi, type PeopleQuery } from './admin-api.js';
export { BroadWorksApi, MAX_SUBSCRIBERS_PAGE, type SubscriberListQuery, type ProvisionBody, type UpdateBody, type PrecheckBody } from './broadworks-api.js';
export { WebexBotApi, type OutgoingMessage, type OutgoingFile, type MessageTarget } from './bot-api.js';
export { webexHttpError, parseErrorBody, type WebexErrorDetails, type WebexErrorItem } from './errors.js';
export { nextLink } from './link-header.js';
export { parseRetryAfter, backoffDelay } from './retry.js';
export * from './schemas.js';
