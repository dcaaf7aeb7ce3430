/**
 * The inbox before the database has opened (start-up with the database down): every call fails with
 * `DatabaseNotOpenError` until `bind` hands over the real store, so the inbound pipeline treats each frame as
 * "inbox unavailable" and spools it (appended, fsynced, acknowledged); the spool drainer moves the frames into the
 * real inbox once it is bound. After `bind`, every call goes to the real store.
 */
import type { InboxStore } from '../../domain/ports/inbox.port';

export class DatabaseNotOpenError extends Error {
  constructor() {
    super('the database is not open yet');
    this.name = 'DatabaseNotOpenError';
  }
}

export class LateBoundInboxStore implements InboxStore {
  private inbox: InboxStore | null = null;

  bind(inbox: InboxStore): void {
    this.inbox = inbox;
  }

  get bound(): boolean {
    return this.inbox !== null;
  }

  put: InboxStore['put'] = (entry) => this.real().put(entry);
  markDone: InboxStore['markDone'] = (id, at, outcome) => this.real().markDone(id, at, outcome);
  markFailed: InboxStore['markFailed'] = (id, at, error) => this.real().markFailed(id, at, error);
  pending: InboxStore['pending'] = (now, limit) => this.real().pending(now, limit);
  claim: InboxStore['claim'] = (id, now, leaseMs) => this.real().claim(id, now, leaseMs);
  entry: InboxStore['entry'] = (id) => this.real().entry(id);
  purge: InboxStore['purge'] = (before) => this.real().purge(before);

  private real(): InboxStore {
    if (!this.inbox) throw new DatabaseNotOpenError();
    return this.inbox;
  }
}
