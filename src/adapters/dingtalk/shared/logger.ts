/**
 * The logging surface the DingTalk adapter needs: the application's `Log` port (a winston logger fits as is).
 * Messages are constant strings; data goes in `meta`. Never put tokens, secrets or sessionWebhook URLs in either.
 */
import { silentLog, type Log } from '../../../domain/ports/log.port';

export type Logger = Log;

/** A logger that drops everything (default when none is injected). */
export const silentLogger: Logger = silentLog;

/** The message of an unknown thrown value, for log fields. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : JSON.stringify(err);
}
