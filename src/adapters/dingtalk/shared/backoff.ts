/** Exponential backoff with jitter, shared by the Stream reconnect loop and the OpenAPI retries. */
export interface BackoffOptions {
  /** First delay. */
  initialMs: number;
  /** Cap on any delay (jitter included). */
  maxMs: number;
  /** Growth per attempt; default 2. */
  multiplier?: number;
  /** Random extra delay as a fraction of the computed delay (0..1); default 0.2. */
  jitterRatio?: number;
}

/** Delay before retry number `attempt` (0-based): `initial·multiplier^attempt·(1 + jitter·random)`, capped. */
export function backoffDelay(options: BackoffOptions, attempt: number, random: () => number = Math.random): number {
  const multiplier = options.multiplier ?? 2;
  const jitter = options.jitterRatio ?? 0.2;
  const base = options.initialMs * Math.pow(multiplier, Math.max(0, Math.min(attempt, 30)));
  return Math.round(Math.min(options.maxMs, base * (1 + jitter * random())));
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
