/** The shipped trigger table (config/triggers.yaml), read the way the start-up reader does, for the notification tests. */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { Directory } from '../../../../src/domain/directory/directory';
import { parseTriggerTable } from '../../../../src/domain/notifications/trigger-table.schema';
import type { TriggerTable } from '../../../../src/domain/notifications/trigger-table';

export const TRIGGERS_FILE = path.join(__dirname, '..', '..', '..', '..', 'config', 'triggers.yaml');

export function readYaml(text: string): unknown {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  return doc.toJS();
}

export function shippedRaw(): unknown {
  return readYaml(fs.readFileSync(TRIGGERS_FILE, 'utf8'));
}

export function shippedTable(dir?: Directory): TriggerTable {
  const r = parseTriggerTable(shippedRaw(), dir);
  if (!r.ok) throw new Error(`config/triggers.yaml invalid: ${JSON.stringify(r.error, null, 2)}`);
  return r.value;
}

/** The shipped table with some rows replaced (each replacement written as in the file). */
export function tableWith(rows: Record<string, unknown>, dir?: Directory): TriggerTable {
  const raw = shippedRaw() as { version: number; events: Record<string, unknown> };
  const r = parseTriggerTable({ ...raw, events: { ...raw.events, ...rows } }, dir);
  if (!r.ok) throw new Error(JSON.stringify(r.error, null, 2));
  return r.value;
}
