/**
 * Partial updates of an incident's card (docs/interfaces.md "Ticket card", docs/domain.md §3.2): DingTalk keeps each
 * holder's private data until an update names that holder again (it merges private data per user), so while the
 * incident itself is unchanged (same version, same directory) an update needs the private data only of the holders
 * new since the last one, or whose own buttons changed (a caller who joined or left). A storm join then costs one
 * holder's render, not one per holder already joined. This ledger remembers, per card, the state the last complete
 * render of this process was made from and who was marked since; anything else (another version, a directory
 * refresh, a failed update, a restart) means a complete render. One per process (`privateLedgerFor`).
 */
import type { Directory } from '../../domain/directory/directory';
import type { ChatGateway } from '../../domain/ports/chat-gateway.port';

interface Entry {
  /** What the last complete render was made from (null: none yet, or it failed). */
  basis: string | null;
  dir: Directory | null;
  /** Holders whose private data the next update must carry. */
  pending: Set<string>;
}

/** Cards remembered before the oldest are forgotten (a forgotten card's next update is complete). */
const REMEMBER = 10_000;

export class CardPrivateLedger {
  private readonly cards = new Map<string, Entry>();

  /** These holders' private data must be in the next update of the card (new holders, or their buttons changed). */
  mark(outTrackId: string, userIds: readonly string[]): void {
    const e = this.cards.get(outTrackId);
    if (e) for (const u of userIds) e.pending.add(u);
  }

  /**
   * An update's turn: the holders to render when a partial update will do (the card's last complete render was
   * made from `basis` and `dir`), else null (render every holder). The marks are taken either way; marks made
   * while this update renders wait for the next one.
   */
  take(outTrackId: string, basis: string, dir: Directory): string[] | null {
    let e = this.cards.get(outTrackId);
    if (!e) {
      e = { basis: null, dir: null, pending: new Set() };
      this.cards.set(outTrackId, e);
      this.forgetOldest();
    }
    const pending = [...e.pending];
    e.pending.clear();
    return e.basis === basis && e.dir === dir ? pending : null;
  }

  /** A complete render made from `basis` and `dir` was sent (or delivered with the card). */
  complete(outTrackId: string, basis: string, dir: Directory): void {
    const e = this.cards.get(outTrackId);
    if (e) Object.assign(e, { basis, dir });
    else {
      this.cards.set(outTrackId, { basis, dir, pending: new Set() });
      this.forgetOldest();
    }
  }

  /** An update failed: the next one renders every holder. */
  failed(outTrackId: string): void {
    const e = this.cards.get(outTrackId);
    if (e) Object.assign(e, { basis: null, dir: null });
  }

  private forgetOldest(): void {
    while (this.cards.size > REMEMBER) {
      const oldest = this.cards.keys().next().value;
      if (oldest === undefined) break;
      this.cards.delete(oldest);
    }
  }
}

const perGateway = new WeakMap<ChatGateway, CardPrivateLedger>();

/** The process's ledger for cards sent through `gateway` (shared by every caller, like `cardUpdatesFor`). */
export function privateLedgerFor(gateway: ChatGateway): CardPrivateLedger {
  let l = perGateway.get(gateway);
  if (!l) {
    l = new CardPrivateLedger();
    perGateway.set(gateway, l);
  }
  return l;
}
