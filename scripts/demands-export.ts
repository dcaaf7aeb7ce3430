/**
 * npm run demands:export -- FILE
 * Writes every demand (docs/demands.md) as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese text):
 * `demand,state,title,description,caller,service,team,votes,source_refs,created_at,updated_at`; source refs `;`-separated.
 */
import { writeFileSync } from 'node:fs';
import { TypeormDemandStore } from '../src/adapters/persistence/typeorm-demand-store';
import { formatDemandRef } from '../src/domain/demands/demand';
import { openCliDatabase, runCli } from './cli-database';

export function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || file.startsWith('--')) {
    console.error('demands:export: name the CSV file to write, e.g. npm run demands:export -- demands.csv');
    return 1;
  }
  const { db } = await openCliDatabase();
  try {
    const demands = await new TypeormDemandStore(db.ds).all();
    const header = ['demand', 'state', 'title', 'description', 'caller', 'service', 'team', 'votes', 'source_refs', 'created_at', 'updated_at'];
    const rows = demands.map((d) =>
      [formatDemandRef(d.id), d.state, d.title, d.description, d.caller, d.service, d.team, d.votes, d.sourceRefs.join(';'), d.createdAt.toISOString(), d.updatedAt.toISOString()]
        .map(csvCell)
        .join(','),
    );
    writeFileSync(file, '\ufeff' + [header.join(','), ...rows].join('\r\n') + '\r\n');
    console.log(`demands:export: ${demands.length} demands written to ${file}`);
    return 0;
  } finally {
    await db.close();
  }
}

if (require.main === module) runCli('demands:export', main);
