/**
 * The trigger-table file (config/triggers.yaml) as an administrator writes it, and its validation:
 *
 *   version: 1
 *   events:
 *     <event>:                       one of EVENT_CODES; every event needs a row
 *       request: [<term>, …]         recipients for requests ([] = nobody)
 *       incident: [<term>, …]        recipients for incidents
 *       problem: [<term>, …]         optional: recipients for problems (default nobody; docs/domain.md §9)
 *       notify_actor: true           optional: tell the actor of the event as well
 *
 * Terms follow `recipient-term.ts`. Every problem is reported at once with its path (`events.ttr2.request[1]`).
 * With a directory, `person:<id>` and `team:<code>` must name an existing person and team. Duplicate map keys
 * are refused by the YAML reader (`uniqueKeys`); here a row spelled twice (`ttr2` and `TTR-2`) and a term listed
 * twice in one list are refused.
 */
import { z } from 'zod';
import type { Directory } from '../directory/directory';
import { formatPath, issuesFromZod, show } from '../directory/directory-issue';
import { err, ok } from '../shared/result';
import { EVENT_CODES, isEventCode, type EventCode } from './event-codes';
import { parseRecipientTerm, type RecipientTerm } from './recipient-term';
import type { TriggerRow, TriggerTable, TriggerTableIssue, TriggerTableResult } from './trigger-table';

export const TRIGGER_TABLE_VERSION = 1;

/** A term string → its parsed form; with a directory, named people and teams must exist. */
export const recipientTermSchema = (dir?: Directory) =>
  z.string().transform((raw, ctx): RecipientTerm => {
    const parsed = parseRecipientTerm(raw);
    if (!parsed.ok) {
      for (const message of parsed.error) ctx.addIssue({ code: 'custom', message, input: raw });
      return z.NEVER;
    }
    if (dir) {
      let bad = false;
      for (const alt of parsed.value.alternatives) {
        if (alt.kind === 'person' && !dir.person(alt.id)) {
          ctx.addIssue({ code: 'custom', message: `unknown person "${alt.id}" in "${alt.text}"`, input: raw });
          bad = true;
        }
        if (alt.kind === 'team_role' && alt.team.kind === 'team' && !dir.team(alt.team.code)) {
          ctx.addIssue({ code: 'custom', message: `unknown team "${alt.team.code}" in "${alt.text}"`, input: raw });
          bad = true;
        }
      }
      if (bad) return z.NEVER;
    }
    return parsed.value;
  });

export const triggerRowSchema = (dir?: Directory) =>
  z.strictObject({
    request: z.array(recipientTermSchema(dir)),
    incident: z.array(recipientTermSchema(dir)),
    problem: z.array(recipientTermSchema(dir)).optional(),
    notify_actor: z.boolean().optional(),
  });

const TOP_KEYS = [
  'version',
  'events',
  // The change rows (docs/changes.md §6), read by `parseChangeTriggers`.
  'change_events',
];

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `TTR-2`, `ttr_2`, `Agent-Note` → the key they were probably meant as. */
const normalizeEvent = (key: string): string => key.toLowerCase().replace(/[\s_-]/g, '');
const EVENT_BY_NORMAL = new Map<string, EventCode>(EVENT_CODES.map((c) => [normalizeEvent(c), c]));

/** A term listed twice in one list (compared in canonical form). */
function duplicateTerms(list: unknown, base: readonly (string | number)[]): TriggerTableIssue[] {
  if (!Array.isArray(list)) return [];
  const seen = new Map<string, number>();
  const out: TriggerTableIssue[] = [];
  list.forEach((item, i) => {
    if (typeof item !== 'string') return;
    const parsed = parseRecipientTerm(item);
    const key = parsed.ok ? parsed.value.text : item.trim();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out.push({ path: formatPath([...base, i]), message: `"${key}" is listed twice (also at [${first}])` });
  });
  return out;
}

/** Validates a trigger-table document (already read from YAML/JSON) against the vocabulary and, optionally, a directory. */
export function parseTriggerTable(raw: unknown, dir?: Directory): TriggerTableResult {
  const errors: TriggerTableIssue[] = [];
  if (!isMap(raw)) {
    return err([{ path: '', message: `expected a map with "version" and "events", got ${show(raw)}` }]);
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) errors.push({ path: key, message: `unknown key "${key}" (expected: ${TOP_KEYS.join(', ')})` });
  }
  if (raw.version === undefined) errors.push({ path: 'version', message: `is required: write "version: ${TRIGGER_TABLE_VERSION}"` });
  else if (raw.version !== TRIGGER_TABLE_VERSION) {
    errors.push({ path: 'version', message: `unsupported version ${show(raw.version)}: this bot reads version ${TRIGGER_TABLE_VERSION}` });
  }

  const events = raw.events;
  if (!isMap(events)) {
    errors.push({
      path: 'events',
      message: events === undefined ? 'is required: a map from event to its recipients' : `expected a map, got ${show(events)}`,
    });
    return err(errors);
  }

  const rows: Partial<Record<EventCode, TriggerRow>> = {};
  const rowSchema = triggerRowSchema(dir);
  for (const [key, value] of Object.entries(events)) {
    const base = ['events', key];
    if (!isEventCode(key)) {
      const meant = EVENT_BY_NORMAL.get(normalizeEvent(key));
      if (meant && meant in events) {
        errors.push({ path: formatPath(base), message: `duplicate row: "${key}" is the same event as "${meant}"` });
      } else if (meant) {
        errors.push({ path: formatPath(base), message: `unknown event "${key}"; did you mean "${meant}"?` });
      } else {
        errors.push({ path: formatPath(base), message: `unknown event "${key}" (expected one of: ${EVENT_CODES.join(', ')})` });
      }
      continue;
    }
    if (isMap(value)) {
      errors.push(...duplicateTerms(value.request, [...base, 'request']));
      errors.push(...duplicateTerms(value.incident, [...base, 'incident']));
      errors.push(...duplicateTerms(value.problem, [...base, 'problem']));
    }
    const parsed = rowSchema.safeParse(value, { reportInput: true });
    if (!parsed.success) {
      errors.push(...issuesFromZod(parsed.error.issues, base));
      continue;
    }
    rows[key] = {
      event: key,
      request: parsed.data.request,
      incident: parsed.data.incident,
      problem: parsed.data.problem ?? [],
      notifyActor: parsed.data.notify_actor ?? false,
    };
  }
  for (const code of EVENT_CODES) {
    if (!(code in events)) {
      errors.push({ path: formatPath(['events', code]), message: `no row for event "${code}": add one (an empty list notifies nobody)` });
    }
  }
  if (errors.length > 0) return err(errors);
  return ok({ version: TRIGGER_TABLE_VERSION, rows: rows as Record<EventCode, TriggerRow> } satisfies TriggerTable);
}
