// Coded errors: one small union of codes, each with a message a person can act on.
export type ErrorCode =
  | 'config_invalid'
  | 'database_locked'
  | 'database_unreachable'
  | 'migration_failed'
  | 'migration_unknown'
  | 'not_found'
  | 'invalid_input'
  | 'webex_error'
  | 'webex_timeout'
  | 'webex_rate_limited'
  | 'webex_unauthorized'
  | 'webex_forbidden'
  | 'conflict'
  | 'not_supported'
  | 'applied_not_recorded'
  /** Webex refused to post the bot's answer (after what could be repeated was). */
  | 'reply_not_delivered';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
