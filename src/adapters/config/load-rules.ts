/**
 * Reads the rule files of `config/`: the escalation ladder and the trigger table. YAML with duplicate keys
 * refused; every error listed with its path. Validated against the stored directory when one is given.
 */
import fs from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { cnHolidayDataFromEntries, mergeCnHolidayData, type CnHolidayData } from '../../domain/calendar/cn-holiday-data';
import { chineseDaysHolidays } from '../../domain/calendar/cn-holidays';
import type { Directory } from '../../domain/directory/directory';
import { parseLadder, type Ladder } from '../../domain/escalation/ladder';
import type { TriggerTable } from '../../domain/notifications/trigger-table';
import { parseTriggerTable } from '../../domain/notifications/trigger-table.schema';
import { err, ok, type Result } from '../../domain/shared/result';
import type { ChangeTemplates } from '../../domain/changes/change-template';
import { parseChangeTemplates } from '../../domain/changes/change-template.schema';
import { parseChangeTriggers, type ChangeTriggers } from '../../domain/changes/change-triggers';

export const LADDER_FILE = 'config/escalation.yaml';
export const TRIGGERS_FILE = 'config/triggers.yaml';

type Loaded<T> = Result<T, string[]>;

async function readYaml(file: string): Promise<Loaded<unknown>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    return err([`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true });
  if (doc.errors.length) {
    return err(doc.errors.map((e) => `${file}: line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`));
  }
  return ok(doc.toJS());
}

export async function loadLadder(file = LADDER_FILE): Promise<Loaded<Ladder>> {
  const raw = await readYaml(file);
  if (!raw.ok) return raw;
  const ladder = parseLadder(raw.value);
  return ladder.ok ? ladder : err(ladder.error.map((e) => `${file}: ${e}`));
}

export async function loadTriggerTable(file = TRIGGERS_FILE, dir?: Directory): Promise<Loaded<TriggerTable>> {
  const raw = await readYaml(file);
  if (!raw.ok) return raw;
  const table = parseTriggerTable(raw.value, dir);
  return table.ok ? ok(table.value) : err(table.error.map((e) => `${file}: ${e.path}: ${e.message}`));
}

/** The trigger table's change rows (`change_events`, docs/changes.md §6); absent = the shipped rows. */
export async function loadChangeTriggers(file = TRIGGERS_FILE, dir?: Directory): Promise<Loaded<ChangeTriggers>> {
  const raw = await readYaml(file);
  if (!raw.ok) return raw;
  const section = typeof raw.value === 'object' && raw.value !== null ? (raw.value as Record<string, unknown>).change_events : undefined;
  const rows = parseChangeTriggers(section, dir);
  return rows.ok ? ok(rows.value) : err(rows.error.map((e) => `${file}: ${e}`));
}

export const CN_HOLIDAYS_FILE = 'config/holidays-cn.yaml';

const cnOverrideSchema = z
  .object({
    years: z.array(z.number().int().min(2000).max(2100)).min(1),
    days: z.array(
      z
        .object({
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD (quote it)'),
          name: z.string().min(1),
          workday: z.boolean().optional(),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * Mainland China's holidays: the package data (chinese-days), with `config/holidays-cn.yaml` replacing or adding
 * whole years when present (filled from the State Council's notice for years the package does not hold yet).
 * An absent file is not an error.
 */
export async function loadCnHolidays(file = CN_HOLIDAYS_FILE): Promise<Loaded<CnHolidayData>> {
  const base = chineseDaysHolidays();
  try {
    await fs.access(file);
  } catch {
    return ok(base);
  }
  const raw = await readYaml(file);
  if (!raw.ok) return raw;
  const parsed = cnOverrideSchema.safeParse(raw.value);
  if (!parsed.success) {
    return err(parsed.error.issues.map((i) => `${file}: ${i.path.map(String).join('.') || '(file)'}: ${i.message}`));
  }
  const errors = parsed.data.days
    .map((d, i) => (parsed.data.years.includes(Number(d.date.slice(0, 4))) ? null : `${file}: days.${i}.date: ${d.date} is outside the listed years`))
    .filter((e): e is string => e !== null);
  if (errors.length) return err(errors);
  const override = cnHolidayDataFromEntries(
    parsed.data.days.map((d) => ({ date: d.date, name: d.name, workday: d.workday ?? false })),
    parsed.data.years,
  );
  return ok(mergeCnHolidayData(base, override));
}

/** The change templates (docs/changes.md §1), checked against the directory: every error with its path. */
export async function loadChangeTemplates(file: string, dir?: Directory): Promise<Loaded<ChangeTemplates>> {
  const raw = await readYaml(file);
  if (!raw.ok) return raw;
  const parsed = parseChangeTemplates(raw.value, dir);
  return parsed.ok ? parsed : err(parsed.error.map((e) => `${file}: ${e.path || '(file)'}: ${e.message}`));
}
