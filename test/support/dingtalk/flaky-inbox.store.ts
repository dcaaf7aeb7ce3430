import type { InboxStore } from '../../../src/domain/ports/inbox.port';
import { InMemoryInboxStore } from './in-memory-inbox.store';

/** The in-memory inbox whose writes fail while `down` (the database blinked); `puts` counts every stored write. */
export class FlakyInboxStore extends InMemoryInboxStore {
  down = false;
  puts = 0;

  override async put(entry: Parameters<InboxStore['put']>[0]): Promise<boolean> {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:3306');
    const isNew = await super.put(entry);
    if (isNew) this.puts += 1;
    return isNew;
  }
}
