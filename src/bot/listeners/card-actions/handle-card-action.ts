/** One card click, routed by `params.action` (never by component ids): a picker pick or a ticket action. */
import { ACTION_IDS } from '../../action-ids';
import type { CardActionAnswer, IncomingCardAction } from '../../../domain/ports/chat-inbound.port';
import { pickFromPicker } from './pick-from-picker';
import type { ChatLayerDeps } from '../../chat-deps';
import type { KeyedLock } from '../../support/keyed-lock';
import { ticketCardAction } from './ticket-card-action';

export async function handleCardAction(deps: ChatLayerDeps, action: IncomingCardAction, lock: KeyedLock): Promise<CardActionAnswer> {
  const log = deps.log.child({ eventId: action.callbackId, outTrackId: action.outTrackId, action: action.params.action ?? null });
  if (action.params.action === ACTION_IDS.pick) return pickFromPicker(deps, action, lock, log);
  return ticketCardAction(deps, action, log);
}
