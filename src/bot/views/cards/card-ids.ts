/**
 * Stable `outTrackId`s (DingTalk allows ≤ 100 characters): one card instance per ticket, delivered to every holder,
 * so a ticket's card is updated in place with one `PUT`, never duplicated; one picker card per incoming message.
 */
export const OUT_TRACK_ID_MAX = 100;

/** Characters DingTalk ids are made of; anything else becomes `_`, and long ids are cut. */
function safePart(id: string, max: number): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, max);
}

/** The ticket's one card instance: its ref (`R-000012`). */
export function ticketCardId(ref: string): string {
  return ref;
}

/** The picker card answering message `msgId` (its draft is stored under the same id). */
export function pickerCardId(msgId: string): string {
  return `pick-${safePart(msgId, OUT_TRACK_ID_MAX - 5)}`;
}

/** The FAQ card answering message `msgId` before filing (the message is kept as an intake draft under the same id). */
export function faqCardId(msgId: string): string {
  return `faq-${safePart(msgId, OUT_TRACK_ID_MAX - 4)}`;
}

/**
 * The ticket ref of a ticket card id, else null: `R-000012` (one instance per ticket), or a card delivered per
 * person before that (`R-000012-u-<userId>`, `R-000012-g-<conversation>`), which keeps being updated by its id.
 */
export function refOfCardId(outTrackId: string): string | null {
  return /^([RIP]-\d+)(?:$|-[ug]-)/.exec(outTrackId)?.[1] ?? null;
}
