/**
 * Import a directory file into the store: validate everything first (nothing written on any error), then one
 * idempotent transaction. Used by the CLI and by start-up.
 */
import type { DirectoryIssue } from '../../domain/directory/validate-directory';
import type { DirectoryStore, ImportSummary } from '../../domain/ports/directory-store.port';
import { loadDirectoryFile } from './directory-yaml';

export type DirectoryImportResult =
  | { ok: true; summary: ImportSummary; warnings: DirectoryIssue[] }
  | { ok: false; errors: DirectoryIssue[]; warnings: DirectoryIssue[] };

export async function importDirectoryFile(
  file: string,
  store: DirectoryStore,
  options: { prune: boolean; now: Date },
): Promise<DirectoryImportResult> {
  const loaded = await loadDirectoryFile(file);
  if (!loaded.ok) return loaded;
  const summary = await store.importData(loaded.value.data, options);
  return { ok: true, summary, warnings: loaded.value.warnings };
}
