/**
 * The demand pool's background round (docs/demands.md "Automatic conversion"): with `DEMAND_AFTER_WORKING_DAYS`
 * set, every ten minutes the pending requests pended longer than that become demands.
 */
import { Loop } from './application/outbox/loop';
import { convertLongPending, type LongPendingDeps } from './application/demands/convert-long-pending';

export function longPendingLoop(deps: LongPendingDeps, intervalMs = 10 * 60_000): Loop {
  return new Loop('demand-auto-convert', intervalMs, () => convertLongPending(deps), deps.log);
}
