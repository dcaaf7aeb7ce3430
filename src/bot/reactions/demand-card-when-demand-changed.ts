/**
 * The demand card (docs/demands.md "The demand card"), an outbox reaction: `DemandCreated` delivers the demand's one
 * card instance (`D-…`) to the direct chats of its team's active contacts (its lead when it has none), the people
 * the text notice goes to; `DemandVoted` updates it in place through the coalesced card `PUT` tickets use (one in
 * flight per card, the latest render wins), so the vote count follows. It renders the demand as stored now, so a
 * replay delivers or updates the same card again (harmless). A card that cannot be delivered is logged, not retried:
 * the team's text notice is the retried, dead-lettered path, and retrying the event would post the webhook again.
 */
import type { Reaction } from '../../application/outbox/reactions';
import type { CardSpace } from '../../domain/ports/chat-gateway.port';
import type { ChatLayerDeps } from '../chat-deps';
import { cardUpdatesFor } from '../support/card-updates';
import { demandCardId, renderDemandCard } from '../views/cards/render-demand-card';

export function demandCardWhenDemandChanged(deps: ChatLayerDeps): Reaction {
  return async ({ event }) => {
    if ((event.type !== 'DemandCreated' && event.type !== 'DemandVoted') || !deps.demands) return;
    const id = Number(event.data.demandId);
    if (!Number.isSafeInteger(id)) return;
    const demands = deps.demands;
    const log = deps.log.child({ ticketRef: event.ref, demand: demandCardId(id) });
    const dir = await deps.directory.current();
    const render = async () => {
      const demand = await demands.get(id);
      if (!demand) throw new Error(`demand ${id} is not stored`);
      return renderDemandCard(demand, dir, deps.defaultLocale, deps.pageBase);
    };
    try {
      if (event.type === 'DemandVoted') {
        await cardUpdatesFor(deps.gateway).updateWith(demandCardId(id), render);
        return;
      }
      const demand = await demands.get(id);
      if (!demand || !dir) return;
      const view = renderDemandCard(demand, dir, deps.defaultLocale, deps.pageBase);
      const contacts = dir.teamRole(demand.team, 'contact');
      const people = contacts.length > 0 ? contacts : dir.teamRole(demand.team, 'lead');
      const spaces: CardSpace[] = people.flatMap((p) => (p.dingtalkUserId ? [{ kind: 'dm' as const, userId: p.dingtalkUserId }] : []));
      if (spaces.length === 0) return;
      const report = await deps.gateway.deliverCard(demandCardId(id), spaces, view, 'act');
      cardUpdatesFor(deps.gateway).delivered(demandCardId(id), view);
      if (report.failed.length > 0) log.warn('chat.demand.card_not_delivered', { failed: report.failed.length, code: report.failed[0]!.code });
    } catch (e) {
      log.warn('chat.demand.card_failed', { error: (e as Error).message });
    }
  };
}
