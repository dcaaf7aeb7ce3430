/**
 * Reads the rule files of `config/`: the escalation ladder and the trigger table. YAML with duplicate keys
 * refused; every error listed with its path. Validated against the stored directory when one is given.
 */
import fs from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { Directory } from '../../domain/directory/directory';
import { parseLadder, type Ladder } from '../../domain/escalation/ladder';
import type { TriggerTable } from '../../domain/notifications/trigger-table';
import { parseTriggerTable } from '../../domain/notifications/trigger-table.schema';

export const LADDER_FILE = 'config/escalation.yaml';
export const TRIGGERS_FILE = 'config/triggers.yaml';

type Loaded<T> = { ok: true; value: T } | { ok: false; errors: string[] };

async function readYaml(file: string): Promise<Loaded<unknown>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, errors: [`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`] };
  }
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    return { ok: false, errors: doc.errors.map((e) => `${file}: line ${(e.linePos?.[0]?.line ?? 0) || '?'}: ${e.message}`) };
  }
  return { ok: true, value: doc.toJS() };
}

export async function loadLadder(file = LADDER_FILE): Promise<Loaded<Ladder>> {
  const raw = await readYaml(file);
  if (!raw.ok) return raw;
  const ladder = parseLadder(raw.value);
  return ladder.ok ? ladder : { ok: false, errors: ladder.errors.map((e) => `${file}: ${e}`) };
}

export async function loadTriggerTable(file = TRIGGERS_FILE, dir?: Directory): Promise<Loaded<TriggerTable>> {
  const raw = await readYaml(file);
  if (!raw.ok) return raw;
  const table = parseTriggerTable(raw.value, dir);
  return table.ok ? { ok: true, value: table.value } : { ok: false, errors: table.errors.map((e) => `${file}: ${e.path}: ${e.message}`) };
}
