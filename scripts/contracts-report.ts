/**
 * npm run contracts:report [-- [--json] [--date YYYY-MM-DD]] — every active organisation with active people, the services its people can
 * file for today and those they cannot, with the reason (docs/domain.md §2 "Contracts report").
 */
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { contractsReport, formatContractsReport } from '../src/domain/directory/contracts-report';
import { openCliDatabase, runCli } from './cli-database';

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const at = argv.indexOf('--date');
  const date = at >= 0 ? argv[at + 1] : undefined;
  const rest = argv.filter((a, i) => a !== '--json' && i !== at && !(at >= 0 && i === at + 1));
  if (rest.length > 0 || (at >= 0 && !/^\d{4}-\d{2}-\d{2}$/.test(date ?? ''))) {
    console.error('usage: npm run contracts:report [-- [--json] [--date YYYY-MM-DD]]');
    return 2;
  }
  const { db } = await openCliDatabase();
  try {
    const dir = await new TypeormDirectoryStore(db).current();
    if (!dir) {
      console.error('no directory is stored yet: import one with npm run directory:import -- FILE');
      return 1;
    }
    // --date: the report as of noon that day in the directory's zone (UTC noon is that day in every zone within ±12 h)
    const report = contractsReport(dir, date ? new Date(`${date}T12:00:00Z`) : new Date());
    console.log(json ? JSON.stringify(report, null, 2) : formatContractsReport(report));
    return 0;
  } finally {
    await db.close();
  }
}

runCli('contracts report', () => main(process.argv.slice(2)));
