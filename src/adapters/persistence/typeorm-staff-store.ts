/**
 * StaffStore on TypeORM: people entries in `directory_entries` (the same canonical JSON as an import writes, the
 * revision bumped so every process reloads), sync marks in `staff_sync_marks`, and the ticket and notice writes of
 * the same transaction.
 */
import type { EntityManager } from 'typeorm';
import type { Person } from '../../domain/directory/directory.types';
import type { NoticeDraft } from '../../domain/ports/notice-store.port';
import type { StaffSource, StaffStore, StaffTx } from '../../domain/ports/staff-store.port';
import type { Gate } from './gate';
import { DirectoryEntryRecord, DirectoryMetaRecord } from './records/directory-entry.record';
import { StaffSyncMarkRecord } from './records/staff-sync-mark.record';
import { canonicalJson } from './typeorm-directory-store';
import { insertNotices } from './typeorm-notice-store';
import { ticketWriters, Tx, type Writers } from './typeorm-ticket-store';

class TypeormStaffTx extends Tx implements StaffTx {
  constructor(m: EntityManager, w: Writers) {
    super(m, w);
  }

  addNotices(drafts: NoticeDraft[]): Promise<void> {
    return insertNotices(this.m, this.w.notices, drafts);
  }

  async person(id: string): Promise<Person | null> {
    const row = await this.m.findOne(DirectoryEntryRecord, { where: { kind: 'person', code: id } });
    return row ? (JSON.parse(row.body) as Person) : null;
  }

  async savePeople(people: Person[], now: Date): Promise<void> {
    if (people.length === 0) return;
    const last = await this.m.findOne(DirectoryEntryRecord, { where: { kind: 'person' }, order: { position: 'DESC' } });
    let position = (last?.position ?? -1) + 1;
    for (const p of people) {
      const values = { name: p.name.slice(0, 255), status: p.status, body: canonicalJson(p), updatedAt: now };
      const exists = await this.m.findOne(DirectoryEntryRecord, { where: { kind: 'person', code: p.id } });
      if (exists) await this.m.update(DirectoryEntryRecord, { kind: 'person', code: p.id }, values);
      else await this.m.insert(DirectoryEntryRecord, { kind: 'person', code: p.id, position: position++, ...values });
    }
    const revision = await this.m.findOne(DirectoryMetaRecord, { where: { key: 'revision' } });
    const next = String(Number(revision?.value ?? '0') + 1);
    if (revision) await this.m.update(DirectoryMetaRecord, { key: 'revision' }, { value: next });
    else await this.m.insert(DirectoryMetaRecord, { key: 'revision', value: next });
  }

  async markDeactivated(before: Person, source: StaffSource, now: Date): Promise<void> {
    await this.m.delete(StaffSyncMarkRecord, { personId: before.id });
    await this.m.insert(StaffSyncMarkRecord, { personId: before.id, entryBefore: canonicalJson(before), source, markedAt: now });
  }

  async clearMark(personId: string): Promise<void> {
    await this.m.delete(StaffSyncMarkRecord, { personId });
  }
}

export class TypeormStaffStore implements StaffStore {
  private readonly w: Writers;

  constructor(
    private readonly gate: Gate,
    /** Called after a committed transaction (the directory snapshot of this process is stale). */
    private readonly onCommitted?: () => void,
  ) {
    this.w = ticketWriters(gate);
  }

  async transaction<T>(work: (tx: StaffTx) => Promise<T>): Promise<T> {
    const result = await this.gate.tx((m) => work(new TypeormStaffTx(m, this.w)));
    this.onCommitted?.();
    return result;
  }
}
