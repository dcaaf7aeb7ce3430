/** npm run faq:export -- FILE: every stored FAQ entry as an FAQ file (re-importable; docs/faq-format.md). */
import { writeFaqFile } from '../src/adapters/faq/faq-yaml';
import { TypeormFaqStore } from '../src/adapters/persistence/typeorm-faq-store';
import { openCliDatabase, runCli } from './cli-database';

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0]!.startsWith('--')) {
    console.error('usage: npm run faq:export -- FILE');
    return 2;
  }
  const { db } = await openCliDatabase();
  try {
    const entries = await new TypeormFaqStore(db.gate).all();
    await writeFaqFile(argv[0]!, entries);
    console.log(`faq exported: ${entries.length} entries to ${argv[0]}`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli('faq export', () => main(process.argv.slice(2)));
