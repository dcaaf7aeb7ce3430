/**
 * npm run people:sync -- FILE [--dry-run] — staff status from an HR export (docs/domain.md §6.2): CSV
 * (`id,name,dingtalk_user_id,org,status[,profiles]`) or JSON. Every bad row is named with its line and nothing is
 * written (exit 1); otherwise the diff is printed (`+ added`, `~ changed`, `- deactivated`) and applied in one
 * transaction: people who left become inactive, their assigned tickets go back to their team's queue and the leads
 * are told. A run that changes nothing prints `no changes`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { loadCnHolidays } from '../src/adapters/config/load-rules';
import { parseHrExport } from '../src/adapters/directory/hr-export-file';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { TypeormStaffStore } from '../src/adapters/persistence/typeorm-staff-store';
import { planStaffChanges, syncStaff } from '../src/application/staff/sync-staff';
import { renderStaffLeftNotice } from '../src/bot/views/replies/staff-notices';
import { countersFor } from '../src/domain/calendar/calendar-counters';
import type { Directory } from '../src/domain/directory/directory';
import { checkHrRows } from '../src/domain/staff/hr-rows';
import { formatStaffChange } from '../src/domain/staff/staff-change';
import { openCliDatabase, runCli } from './cli-database';

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length !== 1 || argv.some((a) => a.startsWith('--') && a !== '--dry-run')) {
    console.error('usage: npm run people:sync -- FILE [--dry-run]');
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  const parsed = parseHrExport(file, text);
  if (!parsed.ok) {
    for (const e of parsed.errors) console.error(e);
    console.error(`${parsed.errors.length} error(s); nothing was written.`);
    return 1;
  }
  const { config, db } = await openCliDatabase();
  try {
    const directory = new TypeormDirectoryStore(db);
    const dir = await directory.current();
    if (!dir) {
      console.error('no directory is stored yet: import one with npm run directory:import -- FILE');
      return 1;
    }
    const checked = checkHrRows(dir, parsed.rows);
    if (!checked.ok) {
      for (const e of checked.error) console.error(e);
      console.error(`${checked.error.length} error(s); nothing was written.`);
      return 1;
    }
    const cn = await loadCnHolidays();
    if (!cn.ok) throw new Error(`invalid holiday file: ${cn.error.join('; ')}`);
    const deps = {
      store: new TypeormStaffStore(db.gate, () => directory.invalidate()),
      directory,
      clock: { now: () => new Date() },
      counters: (d: Directory) => countersFor(d, cn.value),
      words: renderStaffLeftNotice,
      defaultLocale: config.locale,
    };
    const plan = await planStaffChanges(deps, checked.value);
    if (plan.length === 0) {
      console.log('no changes');
      return 0;
    }
    for (const c of plan) console.log(formatStaffChange(c));
    if (dryRun) {
      console.log(`dry run: ${plan.length} change(s), nothing written`);
      return 0;
    }
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 32);
    const result = await syncStaff(deps, checked.value, { eventKey: `hr:${hash}`, source: 'hr' });
    console.log(
      `applied: ${result.changes.length} change(s); ${result.returned.length} ticket(s) back in their team's queue${result.returned.length ? ` (${result.returned.join(', ')})` : ''}; ${result.told.length} lead(s) told`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runCli('people sync', () => main(process.argv.slice(2)));
