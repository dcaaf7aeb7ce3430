/**
 * Card updates are coalesced (priority 3): a second update of a card whose update still waits for a slot joins it,
 * its keys winning (DingTalk merges by key; an update that replaces the maps replaces what waited). Both callers get
 * the outcome of the one call. An update that has its slot (or is being retried) is no longer joined.
 */
import type { SendPriority } from './send-scheduler';

export interface UpdateCardInput {
  outTrackId: string;
  cardParamMap?: Record<string, string>;
  privateData?: Record<string, Record<string, string>>;
  /** true (default): merge by key; false: replace the whole maps. */
  mergeByKey?: boolean;
  /** Default 3 (a card update). */
  priority?: SendPriority;
}

export class PendingCardUpdate {
  done!: Promise<void>;
  private closed = false;

  constructor(
    private input: UpdateCardInput,
    private readonly onClose: () => void,
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  join(newer: UpdateCardInput): void {
    this.input = mergeUpdates(this.input, newer);
  }

  /** The update to send (no one joins any more). */
  take(): UpdateCardInput {
    if (!this.closed) {
      this.closed = true;
      this.onClose();
    }
    return this.input;
  }
}

export class CardUpdateCoalescer {
  private readonly waiting = new Map<string, PendingCardUpdate>();

  update(key: string, input: UpdateCardInput, start: (pending: PendingCardUpdate) => Promise<void>): Promise<void> {
    const open = this.waiting.get(key);
    if (open?.isOpen) {
      open.join(input);
      return open.done;
    }
    const pending: PendingCardUpdate = new PendingCardUpdate(input, () => {
      if (this.waiting.get(key) === pending) this.waiting.delete(key);
    });
    this.waiting.set(key, pending);
    pending.done = start(pending);
    return pending.done;
  }
}

/** One update doing what `older` then `newer` would. */
export function mergeUpdates(older: UpdateCardInput, newer: UpdateCardInput): UpdateCardInput {
  if (newer.mergeByKey === false) return newer;
  const cardParamMap = older.cardParamMap || newer.cardParamMap ? { ...older.cardParamMap, ...newer.cardParamMap } : undefined;
  let privateData: UpdateCardInput['privateData'];
  if (older.privateData || newer.privateData) {
    privateData = { ...older.privateData };
    for (const [userId, map] of Object.entries(newer.privateData ?? {})) privateData[userId] = { ...privateData[userId], ...map };
  }
  return { outTrackId: newer.outTrackId, cardParamMap, privateData, mergeByKey: older.mergeByKey ?? true };
}
