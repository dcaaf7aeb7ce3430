import type { CardStore } from '../../../domain/ports/card-store.port';

/**
 * HTTP robot mode's check of a card click (the body is not signed, so it is not trusted): the `outTrackId` must be
 * a card the bot delivered (a ticket card it recorded, or a picker card whose draft it kept) and the clicker must
 * hold it: one of the card's recorded spaces is the clicker's direct chat, or it is in a group (any user, because
 * the bot does not know a group's members; the chat layer still re-checks every action's permission). One ticket
 * card instance is delivered to many spaces, so every recorded space of its `outTrackId` counts.
 */
export type CardHolding = 'holder' | 'unknown-card' | 'not-holder';

export type CardHolderCheck = (outTrackId: string, userId: string) => Promise<CardHolding>;

export function cardHolderCheckOn(cards: Pick<CardStore, 'spacesOfCard' | 'draft'>): CardHolderCheck {
  return async (outTrackId, userId) => {
    const spaces = await cards.spacesOfCard(outTrackId);
    if (spaces.length > 0) {
      return spaces.some((c) => c.space.kind === 'group' || c.space.userId === userId) ? 'holder' : 'not-holder';
    }
    const draft = await cards.draft(outTrackId);
    if (draft) return draft.conversationType === 'group' || draft.userId === userId ? 'holder' : 'not-holder';
    return 'unknown-card';
  };
}
