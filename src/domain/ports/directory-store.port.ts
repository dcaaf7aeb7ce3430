/**
 * The stored directory: the current snapshot for rules, and the idempotent import the CLI and start-up use.
 */
import type { Directory } from '../directory/directory';
import type { DirectoryData } from '../directory/directory.types';

export interface ImportSummary {
  inserted: number;
  updated: number;
  deactivated: number;
  /** Entries whose content is unchanged but whose place in the list moved (kept for a faithful export). */
  reordered: number;
  unchanged: number;
  /** true when nothing was written at all. */
  noop: boolean;
  /** People the staff sync deactivated whose entry the file left unchanged: they stay inactive (docs/domain.md §6.2). */
  keptInactive?: string[];
}

export interface DirectoryStore {
  /** The current directory (cached; refreshed when another process imports). null when none is stored yet. */
  current(): Promise<Directory | null>;
  /** Upsert everything in `data` in one transaction; `prune` deactivates what `data` no longer lists. */
  importData(data: DirectoryData, options: { prune: boolean; now: Date; reactivate?: string[] }): Promise<ImportSummary>;
  /** Everything stored, active and inactive, as directory data (for export). */
  exportData(): Promise<DirectoryData | null>;
}
