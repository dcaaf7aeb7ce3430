/**
 * Reads and writes FAQ files (docs/faq-format.md) with the directory file's reader: syntax errors and validation
 * issues carry the line they point at, every issue at once, in the order of the file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Document } from 'yaml';
import type { Directory } from '../../domain/directory/directory';
import type { DirectoryIssue } from '../../domain/directory/directory-issue';
import type { FaqEntry } from '../../domain/faq/faq';
import { validateFaqFile } from '../../domain/faq/faq-file';
import type { FaqFileEntry, FaqImportSummary, FaqStore } from '../../domain/ports/faq-store.port';
import { err, ok, type Result } from '../../domain/shared/result';
import { parseDirectoryText } from '../directory/directory-yaml';

export function loadFaqText(text: string, dir: Directory | null): Result<FaqFileEntry[], DirectoryIssue[]> {
  const source = parseDirectoryText(text);
  if (!source.ok) return source;
  const result = validateFaqFile(source.value.raw, dir);
  if (result.ok) return result;
  return err(
    result.error
      .map((i) => {
        const line = source.value.lineOf(i.path);
        return line === undefined ? i : { ...i, line };
      })
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  );
}

export async function loadFaqFile(filePath: string, dir: Directory | null): Promise<Result<FaqFileEntry[], DirectoryIssue[]>> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (e) {
    return err([{ path: '', message: `cannot read ${filePath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
  return loadFaqText(text, dir);
}

/** Validate everything first (nothing written on any error), then one idempotent transaction. */
export async function importFaqFile(
  filePath: string,
  store: FaqStore,
  dir: Directory | null,
  options: { prune: boolean; now: Date },
): Promise<Result<FaqImportSummary, DirectoryIssue[]>> {
  const loaded = await loadFaqFile(filePath, dir);
  if (!loaded.ok) return loaded;
  return ok(await store.importEntries(loaded.value, options));
}

/** The FAQ file of the stored entries: imported ones keep their code; entries made in chat get `F-000012`. */
export function faqToYaml(entries: readonly FaqEntry[]): string {
  const faqs = entries.map((e) => ({
    code: e.code ?? `F-${String(e.id).padStart(6, '0')}`,
    question: e.question,
    answer: e.answer,
    service: e.service,
    ...(e.subcategory ? { subcategory: e.subcategory } : {}),
    ...(e.keywords.length ? { keywords: e.keywords } : {}),
    status: e.status,
  }));
  const doc = new Document({ version: 1, faqs }, { schema: 'core' });
  return doc.toString({ lineWidth: 0 });
}

export async function writeFaqFile(filePath: string, entries: readonly FaqEntry[]): Promise<void> {
  await writeFile(filePath, faqToYaml(entries), 'utf8');
}
