/**
 * Posts a new demand to the demand pool (docs/demands.md "Webhook") when its `DemandCreated` event is handled:
 * reloads the demand (the payload carries only its id) and POSTs it signed. A failure throws, so the outbox retries
 * it with the demand webhook's policy (`DEMAND_WEBHOOK_RETRY`) and dead-letters it after the last try; an
 * administrator replays it like any outbox dead letter. Idempotent on the pool's side by `X-Demand-Id`.
 */
import { demandWebhookBody } from '../../domain/demands/demand';
import type { DemandPoolClient, DemandStore } from '../../domain/ports/demand-pool.port';
import type { Log } from '../../domain/ports/log.port';
import type { Reaction } from '../outbox/reactions';

export function postDemandWhenDemandCreated(deps: { demands: DemandStore; pool: DemandPoolClient; log: Log }): Reaction {
  return async (record) => {
    const event = record.event;
    if (event.type !== 'DemandCreated') return;
    const id = Number(event.data.demandId);
    const demand = Number.isSafeInteger(id) ? await deps.demands.get(id) : null;
    if (!demand) {
      deps.log.warn('demand.webhook.no_such_demand', { outboxId: record.id, ticketRef: event.ref, demandId: event.data.demandId ?? null });
      return;
    }
    await deps.pool.post(demandWebhookBody(demand));
    deps.log.info('demand.webhook.posted', { outboxId: record.id, ticketRef: event.ref, demandId: id, attempts: record.attempts });
  };
}
