/**
 * Import a directory file into the store: validate everything first (nothing written on any error), then one
 * idempotent transaction. Used by the CLI and by start-up.
 */
import type { DirectoryIssue, DirectoryRejection } from '../../domain/directory/validate-directory';
import type { DirectoryStore, ImportSummary } from '../../domain/ports/directory-store.port';
import { ok, type Result } from '../../domain/shared/result';
import { loadDirectoryFile } from './directory-yaml';

export type DirectoryImportResult = Result<{ summary: ImportSummary; warnings: DirectoryIssue[] }, DirectoryRejection>;

export async function importDirectoryFile(
  file: string,
  store: DirectoryStore,
  options: { prune: boolean; now: Date; reactivate?: string[] },
): Promise<DirectoryImportResult> {
  const loaded = await loadDirectoryFile(file);
  if (!loaded.ok) return loaded;
  const summary = await store.importData(loaded.value.data, options);
  return ok({ summary, warnings: loaded.value.warnings });
}
