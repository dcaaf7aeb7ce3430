/**
 * The logging surface the threshold schedulers need: a subset of winston's `Logger`, so a winston logger (or a
 * child of one) can be passed as is. Messages are constant strings; data goes in `meta`.
 */
export interface SchedulerLogger {
  debug(message: string, meta?: Record<string, unknown>): unknown;
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  error(message: string, meta?: Record<string, unknown>): unknown;
}

/** Drops everything (the default when no logger is injected). */
export const silentSchedulerLogger: SchedulerLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The message of an unknown thrown value, for log fields. */
export function errorMessage(err: unknown): string {
  // Duck-typed: errors from another realm (Node's net errors under jest) fail `instanceof Error`.
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return typeof err === 'string' ? err : String(JSON.stringify(err) ?? err);
}
