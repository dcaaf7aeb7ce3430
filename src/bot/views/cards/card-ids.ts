/**
 * Stable `outTrackId`s (DingTalk allows ≤ 100 characters): one card per ticket and delivery target, so a ticket's
 * card is updated in place, never duplicated; one picker card per incoming message.
 */
import type { CardSpace } from '../../../domain/ports/chat-gateway.port';

export const OUT_TRACK_ID_MAX = 100;

/** Characters DingTalk ids are made of; anything else becomes `_`, and long ids are cut. */
function safePart(id: string, max: number): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, max);
}

/** `R-000012-u-1000000259` for a direct chat, `R-000012-g-<conversation>` for a group. */
export function ticketCardId(ref: string, space: CardSpace): string {
  const room = OUT_TRACK_ID_MAX - ref.length - 3;
  return space.kind === 'dm' ? `${ref}-u-${safePart(space.userId, room)}` : `${ref}-g-${safePart(space.conversationId, room)}`;
}

/** The picker card answering message `msgId` (its draft is stored under the same id). */
export function pickerCardId(msgId: string): string {
  return `pick-${safePart(msgId, OUT_TRACK_ID_MAX - 5)}`;
}

/** The ticket ref a ticket card id starts with (`R-000012-u-…` → `R-000012`), else null. */
export function refOfCardId(outTrackId: string): string | null {
  return /^([RI]-\d+)-[ug]-/.exec(outTrackId)?.[1] ?? null;
}
