/**
 * npm run directory:import -- FILE [--prune] [--reactivate PERSON_ID]…
 * Validates the whole file first: on any error prints one `path: message` line per error and writes nothing
 * (exit 1). Otherwise one idempotent transaction (exit 0); a file that changes nothing writes no rows.
 */
import { importDirectoryFile } from '../src/adapters/directory/import-directory';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { formatDirectoryIssue } from '../src/domain/directory/validate-directory';
import { openCliDatabase, runCli } from './cli-database';

async function main(argv: string[]): Promise<number> {
  const prune = argv.includes('--prune');
  // --reactivate ID: a person the staff sync deactivated becomes active again (docs/domain.md §6.2)
  const reactivate = argv.flatMap((a, i) => (argv[i - 1] === '--reactivate' ? [a] : []));
  const files = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--reactivate');
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--prune' && a !== '--reactivate');
  if (files.length !== 1 || unknown.length || reactivate.some((id) => id.startsWith('--')) || argv.at(-1) === '--reactivate') {
    console.error('usage: npm run directory:import -- FILE [--prune] [--reactivate PERSON_ID]…');
    return 2;
  }
  const { db } = await openCliDatabase();
  try {
    const store = new TypeormDirectoryStore(db);
    const result = await importDirectoryFile(files[0]!, store, { prune, now: new Date(), reactivate });
    for (const w of (result.ok ? result.value : result.error).warnings) console.warn(`warning: ${formatDirectoryIssue(w)}`);
    if (!result.ok) {
      for (const e of result.error.issues) console.error(formatDirectoryIssue(e));
      console.error(`${result.error.issues.length} error(s); nothing was written.`);
      return 1;
    }
    const s = result.value.summary;
    if (s.keptInactive?.length) console.log(`kept inactive by staff sync: ${s.keptInactive.join(', ')}`);
    console.log(
      s.noop
        ? 'directory unchanged: nothing written'
        : `directory imported: ${s.inserted} added, ${s.updated} updated, ${s.deactivated} deactivated, ${s.unchanged} unchanged`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runCli('directory import', () => main(process.argv.slice(2)));
