import type { CardStore } from '../../../domain/ports/card-store.port';

/**
 * HTTP robot mode's check of a card click (the body is not signed, so it is not trusted): the `outTrackId` must be
 * a card the bot delivered (a ticket card it recorded, or a picker card whose draft it kept) and the clicker must
 * hold it: for a direct-chat card the chat's user; for a group card any user, because the bot does not know a
 * group's members (the chat layer still re-checks every action's permission).
 */
export type CardHolding = 'holder' | 'unknown-card' | 'not-holder';

export type CardHolderCheck = (outTrackId: string, userId: string) => Promise<CardHolding>;

export function cardHolderCheckOn(cards: Pick<CardStore, 'cardByOutTrackId' | 'draft'>): CardHolderCheck {
  return async (outTrackId, userId) => {
    const card = await cards.cardByOutTrackId(outTrackId);
    if (card) return card.space.kind === 'group' || card.space.userId === userId ? 'holder' : 'not-holder';
    const draft = await cards.draft(outTrackId);
    if (draft) return draft.conversationType === 'group' || draft.userId === userId ? 'holder' : 'not-holder';
    return 'unknown-card';
  };
}
