/**
 * npm run faq:import -- FILE [--prune]
 * Validates the whole file first (against the stored directory's services): on any error prints one
 * `path (line N): message` line per error and writes nothing (exit 1). Otherwise one idempotent transaction
 * (exit 0); a file that changes nothing writes no rows. `--prune` retires imported entries the file no longer has.
 */
import { importFaqFile } from '../src/adapters/faq/faq-yaml';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { TypeormFaqStore } from '../src/adapters/persistence/typeorm-faq-store';
import { formatDirectoryIssue } from '../src/domain/directory/validate-directory';
import { openCliDatabase, runCli } from './cli-database';

async function main(argv: string[]): Promise<number> {
  const prune = argv.includes('--prune');
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--prune');
  if (files.length !== 1 || unknown.length) {
    console.error('usage: npm run faq:import -- FILE [--prune]');
    return 2;
  }
  const { db } = await openCliDatabase();
  try {
    const dir = await new TypeormDirectoryStore(db).current();
    if (!dir) {
      console.error('no directory is stored: run npm run directory:import -- FILE first (FAQ entries name its services)');
      return 1;
    }
    const result = await importFaqFile(files[0]!, new TypeormFaqStore(db.gate), dir, { prune, now: new Date() });
    if (!result.ok) {
      for (const e of result.error) console.error(formatDirectoryIssue(e));
      console.error(`${result.error.length} error(s); nothing was written.`);
      return 1;
    }
    const s = result.value;
    console.log(s.noop ? 'faq unchanged: nothing written' : `faq imported: ${s.inserted} added, ${s.updated} updated, ${s.retired} retired, ${s.unchanged} unchanged`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli('faq import', () => main(process.argv.slice(2)));
