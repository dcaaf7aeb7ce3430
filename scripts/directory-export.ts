/** npm run directory:export -- FILE — writes the stored directory (active and inactive entries) as YAML. */
import { writeDirectoryFile } from '../src/adapters/directory/directory-yaml';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { openCliDatabase, runCli } from './cli-database';

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0]!.startsWith('--')) {
    console.error('usage: npm run directory:export -- FILE');
    return 2;
  }
  const { db } = await openCliDatabase();
  try {
    const data = await new TypeormDirectoryStore(db).exportData();
    if (!data) {
      console.error('no directory is stored yet: import one with npm run directory:import -- FILE');
      return 1;
    }
    await writeDirectoryFile(argv[0]!, data);
    console.log(`directory exported to ${argv[0]}`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli('directory export', () => main(process.argv.slice(2)));
