/**
 * Updates of one card are coalesced (docs/interfaces.md "Ticket card"): at most one `PUT` per card in flight; while
 * one is in flight, a newer render replaces the one waiting (only the latest state is sent; `updateWith` renders it
 * only when its turn comes), and a render equal to the last one sent is not sent again. Everyone who asked resolves when a render at least as new as theirs was
 * sent (or rejects with its failure, so their outbox event is retried). One per process (`cardUpdatesFor`).
 */
import type { CardView, ChatGateway } from '../../domain/ports/chat-gateway.port';

/** Renders the card's current state when its turn comes (reads what it needs then). */
export type CardRender = () => Promise<CardView>;

interface Waiting {
  render: CardRender;
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface CardState {
  inFlight: boolean;
  waiting: Waiting | null;
  lastSent: string | null;
  /** The public part of the last render sent (`publicKeyOf`). */
  lastPublic: string | null;
}

/** A view without its private data: what every holder sees. */
function publicKeyOf(view: CardView): string {
  const { privateActions: _a, privateNotice: _n, privateForm: _f, privatePartial: _p, ...shared } = view;
  return JSON.stringify(shared);
}

function namesNoHolder(view: CardView): boolean {
  return Object.keys(view.privateActions).length === 0 && Object.keys(view.privateNotice ?? {}).length === 0 && Object.keys(view.privateForm ?? {}).length === 0;
}

/** Cards remembered (the last render sent) before the oldest idle ones are forgotten. */
const REMEMBER = 10_000;

export class CoalescedCardUpdates {
  private readonly cards = new Map<string, CardState>();

  constructor(private readonly send: (outTrackId: string, view: CardView) => Promise<void>) {}

  update(outTrackId: string, view: CardView): Promise<void> {
    return this.updateWith(outTrackId, () => Promise.resolve(view));
  }

  /**
   * `update`, rendered only when this update's turn comes: while one is rendered or in flight, the newest `render`
   * waits in its place and runs once after it (a storm of changes to one card costs one render per `PUT`, not one
   * per change). `render` must read the card's current state itself.
   */
  updateWith(outTrackId: string, render: CardRender): Promise<void> {
    let s = this.cards.get(outTrackId);
    if (!s) {
      s = { inFlight: false, waiting: null, lastSent: null, lastPublic: null };
      this.cards.set(outTrackId, s);
      this.forgetIdle();
    }
    if (!s.inFlight) return this.start(outTrackId, s, render);
    if (s.waiting) {
      s.waiting.render = render;
      return s.waiting.promise;
    }
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    s.waiting = { render, promise, resolve, reject };
    return promise;
  }

  /**
   * `view` was just delivered with the card itself (createAndDeliver): an equal render asked for next is not sent
   * again. Ignored while an update is in flight (that one decides).
   */
  delivered(outTrackId: string, view: CardView): void {
    const s = this.cards.get(outTrackId);
    if (s?.inFlight) return;
    if (s) Object.assign(s, { lastSent: JSON.stringify(view), lastPublic: publicKeyOf(view) });
    else {
      this.cards.set(outTrackId, { inFlight: false, waiting: null, lastSent: JSON.stringify(view), lastPublic: publicKeyOf(view) });
      this.forgetIdle();
    }
  }

  private async start(outTrackId: string, s: CardState, render: CardRender): Promise<void> {
    s.inFlight = true;
    try {
      const view = await render();
      const key = JSON.stringify(view);
      const shared = publicKeyOf(view);
      // A render equal to the last one sent is not sent again; nor a partial one (`privatePartial`) that names no
      // holder and whose public part is the last one's.
      const unchanged = key === s.lastSent || (view.privatePartial === true && namesNoHolder(view) && shared === s.lastPublic);
      if (!unchanged) {
        await this.send(outTrackId, view);
        s.lastSent = key;
        s.lastPublic = shared;
      }
    } catch (e) {
      s.lastSent = null;
      s.lastPublic = null;
      throw e;
    } finally {
      s.inFlight = false;
      const next = s.waiting;
      s.waiting = null;
      if (next) this.start(outTrackId, s, next.render).then(next.resolve, next.reject);
    }
  }

  private forgetIdle(): void {
    if (this.cards.size <= REMEMBER) return;
    for (const [id, s] of this.cards) {
      if (this.cards.size <= REMEMBER) break;
      if (!s.inFlight && !s.waiting) this.cards.delete(id);
    }
  }
}

const perGateway = new WeakMap<ChatGateway, CoalescedCardUpdates>();

/** The process's card updates through `gateway` (one coalescer per gateway, shared by every caller). */
export function cardUpdatesFor(gateway: ChatGateway): CoalescedCardUpdates {
  let u = perGateway.get(gateway);
  if (!u) {
    u = new CoalescedCardUpdates((id, view) => gateway.updateCard(id, view));
    perGateway.set(gateway, u);
  }
  return u;
}
