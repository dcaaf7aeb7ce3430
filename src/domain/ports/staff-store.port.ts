/**
 * The staff sync's unit of work (docs/domain.md §6.2): people written into the stored directory, the tickets their
 * departure hands back, and the notices to the leads, in one transaction.
 */
import type { Person } from '../directory/directory.types';
import type { NoticeWriter } from './notice-store.port';
import type { TicketTx } from './ticket-store.port';

/** Why a person is inactive because of the sync: an address-book event or an HR file. */
export type StaffSource = 'dingtalk' | 'hr';

export interface StaffTx extends TicketTx, NoticeWriter {
  /** The stored entry of a person (active or not), or null. */
  person(id: string): Promise<Person | null>;
  /** Create or replace people entries and bump the directory revision (other processes reload it). */
  savePeople(people: Person[], now: Date): Promise<void>;
  /** Remember that the sync deactivated `before.id`, and the entry they had before. */
  markDeactivated(before: Person, source: StaffSource, now: Date): Promise<void>;
  /** Forget the mark (the person is active again). */
  clearMark(personId: string): Promise<void>;
}

export interface StaffStore {
  transaction<T>(work: (tx: StaffTx) => Promise<T>): Promise<T>;
}
