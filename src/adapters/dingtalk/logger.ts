/**
 * The logging surface the DingTalk adapter needs: a subset of winston's `Logger`, so a winston logger (or a child
 * of one) can be passed as is. Messages are constant strings; data goes in `meta`. Never put tokens, secrets or
 * sessionWebhook URLs in either.
 */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): unknown;
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  error(message: string, meta?: Record<string, unknown>): unknown;
  child(meta: Record<string, unknown>): Logger;
}

/** A logger that drops everything (default when none is injected). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** The message of an unknown thrown value, for log fields. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : JSON.stringify(err);
}
