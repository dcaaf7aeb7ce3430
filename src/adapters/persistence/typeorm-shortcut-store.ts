/** ShortcutStore on TypeORM: the `portal_shortcuts` table (docs/portal.md "Shortcuts"). */
import type { Gate } from './gate';
import { ShortcutRecord } from './records/shortcut.record';
import type { Shortcut, ShortcutStore } from '../../domain/ports/portal-store.port';
import { parseQueueFilter, queueQueryString, type QueueFilter, type QueueSort } from '../../domain/portal/queue-filter';

function toShortcut(r: ShortcutRecord): Shortcut {
  // Stored as the query string the page uses: re-parsed, so a filter saved by an older version still opens.
  const parsed = parseQueueFilter(Object.fromEntries(new URLSearchParams(`${r.filter}&sort=${r.sort}`)));
  return { id: r.id, owner: r.owner, name: r.name, filter: parsed.filter, sort: parsed.sort, pinned: !!r.pinned, createdAt: new Date(r.createdAt) };
}

export class TypeormShortcutStore implements ShortcutStore {
  constructor(private readonly gate: Gate) {}

  private repo() {
    return this.gate.ds.getRepository(ShortcutRecord);
  }

  async list(owner: string): Promise<Shortcut[]> {
    const rows = await this.gate.run(() => this.repo().find({ where: { owner }, order: { pinned: 'DESC', id: 'ASC' } }));
    return rows.map(toShortcut);
  }

  async add(s: Omit<Shortcut, 'id'>): Promise<Shortcut> {
    const filter: QueueFilter = s.filter;
    const sort: QueueSort = s.sort;
    const saved = await this.gate.run(() =>
      this.repo().save(
        this.repo().create({ owner: s.owner, name: s.name, filter: queueQueryString(filter, 'newest'), sort, pinned: s.pinned ? 1 : 0, createdAt: s.createdAt }),
      ),
    );
    return toShortcut(saved);
  }

  async setPinned(owner: string, id: number, pinned: boolean): Promise<boolean> {
    const res = await this.gate.run(() => this.repo().update({ id, owner }, { pinned: pinned ? 1 : 0 }));
    return (res.affected ?? 0) > 0;
  }

  async remove(owner: string, id: number): Promise<boolean> {
    const res = await this.gate.run(() => this.repo().delete({ id, owner }));
    return (res.affected ?? 0) > 0;
  }
}
