/**
 * Validates a parsed directory file (docs/directory-format.md) and turns it into `DirectoryData`. Pure: takes
 * whatever a YAML or JSON parser produced. Every problem is reported at once: each entry is parsed on its own,
 * then the checks across entries run on all the entries that parsed.
 */
import type { DirectoryIssue } from './directory-issue';
import { issuesFromZod, show } from './directory-issue';
import type { DirectoryListKey } from './directory-file.schema';
import { DEFAULT_TIMEZONE, DIRECTORY_LISTS, timeZoneSchema, versionSchema } from './directory-file.schema';
import type { Indexed, KnownKeys, ParsedEntries } from './directory-checks';
import { checkDirectory } from './directory-checks';
import type { DirectoryData } from './directory.types';
import { err, ok, type Result } from '../shared/result';

export type { DirectoryIssue } from './directory-issue';

/** A directory that did not validate: every error (`issues`), and the warnings found on the way. */
export interface DirectoryRejection {
  issues: DirectoryIssue[];
  warnings: DirectoryIssue[];
}

export type DirectoryValidation = Result<{ data: DirectoryData; warnings: DirectoryIssue[] }, DirectoryRejection>;

const TOP_KEYS = ['version', 'timezone', ...Object.keys(DIRECTORY_LISTS)];
const LIST_KEYS = Object.keys(DIRECTORY_LISTS) as DirectoryListKey[];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

export function validateDirectory(raw: unknown): DirectoryValidation {
  if (raw === null || raw === undefined) return err({ issues: [{ path: '', message: 'the file is empty' }], warnings: [] });
  if (!isPlainObject(raw)) {
    const message = `expected a map with version, organizations, people, …; got ${show(raw)}`;
    return err({ issues: [{ path: '', message }], warnings: [] });
  }
  const errors: DirectoryIssue[] = [];
  for (const key of Object.keys(raw)) if (!TOP_KEYS.includes(key)) errors.push({ path: key, message: `unknown key "${key}"` });

  if (raw.version === undefined) errors.push({ path: 'version', message: 'is required (version: 1)' });
  else if (!versionSchema.safeParse(raw.version).success) {
    errors.push({ path: 'version', message: `unsupported version ${show(raw.version)}: this reader knows version 1` });
  }
  let timezone = DEFAULT_TIMEZONE;
  if (raw.timezone !== undefined && raw.timezone !== null) {
    const zone = timeZoneSchema.safeParse(raw.timezone, { reportInput: true });
    if (zone.success) timezone = zone.data;
    else errors.push(...issuesFromZod(zone.error.issues, ['timezone']));
  }

  const entries = {} as Record<DirectoryListKey, Indexed<unknown>[]>;
  const known = {} as KnownKeys;
  for (const list of LIST_KEYS) {
    const result = parseList(list, raw[list]);
    entries[list] = result.entries;
    known[list] = result.known;
    errors.push(...result.errors);
  }

  const parsed = entries as unknown as ParsedEntries;
  const checked = checkDirectory(parsed, known);
  errors.push(...checked.errors);
  if (errors.length > 0) return err({ issues: errors, warnings: checked.warnings });

  const values = <T>(list: Indexed<T>[]): T[] => list.map((e) => e.value);
  const data: DirectoryData = {
    timezone,
    calendars: values(parsed.calendars),
    organizations: values(parsed.organizations),
    people: values(parsed.people),
    teams: values(parsed.teams),
    serviceFamilies: values(parsed.service_families),
    services: values(parsed.services),
    slas: values(parsed.slas),
    contracts: values(parsed.contracts),
    deliveryModels: values(parsed.delivery_models),
  };
  return ok({ data, warnings: checked.warnings });
}

/** Parses each entry of one top-level list on its own; an absent list is empty. */
function parseList(list: DirectoryListKey, items: unknown) {
  const entries: Indexed<unknown>[] = [];
  const errors: DirectoryIssue[] = [];
  if (items === undefined || items === null) return { entries, errors, known: new Set<string>() };
  if (!Array.isArray(items)) {
    return { entries, errors: [{ path: list, message: `expected a list, got ${show(items)}` }], known: null };
  }
  const known = new Set<string>();
  items.forEach((item: unknown, index) => {
    const key = isPlainObject(item) ? (item.code ?? item.id) : undefined;
    if (typeof key === 'string' || typeof key === 'number') known.add(String(key));
    const parsed = DIRECTORY_LISTS[list].safeParse(item, { reportInput: true });
    if (parsed.success) {
      entries.push({ index, value: parsed.data });
      return;
    }
    errors.push(...issuesFromZod(parsed.error.issues, [list, index]));
    // Salvage the rest of the entry for the checks across entries (its other references are still checked):
    // drop the offending fields and parse again; nothing salvaged is ever returned as data, errors exist.
    if (!isPlainObject(item)) return;
    const bad = new Set(parsed.error.issues.map((i) => i.path[0]).filter((k): k is string => typeof k === 'string'));
    if (bad.size === 0) return;
    const rest = Object.fromEntries(Object.entries(item).filter(([k]) => !bad.has(k)));
    const salvaged = DIRECTORY_LISTS[list].safeParse(rest);
    if (salvaged.success) entries.push({ index, value: salvaged.data });
  });
  return { entries, errors, known };
}

/** `contracts[3].sla: unknown SLA "sla-gold"` (with `line 12: ` in front when the line is known). */
export const formatDirectoryIssue = (issue: DirectoryIssue): string =>
  `${issue.line !== undefined ? `line ${issue.line}: ` : ''}${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`;
