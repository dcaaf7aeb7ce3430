/** The FAQ's store (docs/domain.md §8): entries, their counters, and the FAQ file's import. */
import type { FaqCounter, FaqEntry, FaqFileEntry, FaqStatus } from '../faq/faq';

export type { FaqFileEntry } from '../faq/faq';

export interface FaqImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Entries of an earlier import missing from the file, retired by `--prune`. */
  retired: number;
  /** Nothing was written. */
  noop: boolean;
}

/** A new entry made in chat (from a problem or a resolved request). */
export type NewFaqEntry = Omit<FaqEntry, 'id' | 'shown' | 'solved' | 'stillHelp' | 'createdAt' | 'updatedAt'>;

export interface FaqStore {
  /** Published entries of these services (all of them when `services` is null). */
  published(services: readonly string[] | null): Promise<FaqEntry[]>;
  get(id: number): Promise<FaqEntry | null>;
  /** Every entry, by id. */
  all(): Promise<FaqEntry[]>;
  /** Insert a new entry; returns it with its id. */
  add(entry: NewFaqEntry, now: Date): Promise<FaqEntry>;
  /** Set the status of entry `id` (false when there is no such entry). */
  setStatus(id: number, status: FaqStatus, now: Date): Promise<boolean>;
  /** One transaction: insert or update by `code`; `prune` retires imported entries the file no longer has. */
  importEntries(entries: readonly FaqFileEntry[], options: { prune: boolean; now: Date }): Promise<FaqImportSummary>;
  /** Add one to a counter of entry `id`. */
  count(id: number, counter: FaqCounter): Promise<void>;
}
