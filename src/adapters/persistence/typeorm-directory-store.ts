/**
 * DirectoryStore on TypeORM: an idempotent upsert of the whole directory in one transaction (a file that
 * changes nothing writes no row), `--prune` deactivation, and a cached snapshot that notices imports made by other
 * processes through the `revision` counter.
 */
import type { EntityManager } from 'typeorm';
import { Directory } from '../../domain/directory/directory';
import type { DirectoryData, Service } from '../../domain/directory/directory.types';
import type { DirectoryStore, ImportSummary } from '../../domain/ports/directory-store.port';
import { withNamedLock, type Database } from './data-source';
import { DirectoryEntryRecord, DirectoryMetaRecord } from './records/directory-entry.record';
import { StaffSyncMarkRecord } from './records/staff-sync-mark.record';

type Kind = keyof typeof KINDS;

/** Directory list → (kind, key field, status when pruned). */
const KINDS = {
  calendar: { list: 'calendars', key: 'code', pruned: 'inactive' },
  organization: { list: 'organizations', key: 'code', pruned: 'inactive' },
  person: { list: 'people', key: 'id', pruned: 'inactive' },
  team: { list: 'teams', key: 'code', pruned: 'inactive' },
  service_family: { list: 'serviceFamilies', key: 'code', pruned: 'inactive' },
  service: { list: 'services', key: 'code', pruned: 'obsolete' },
  sla: { list: 'slas', key: 'code', pruned: 'inactive' },
  contract: { list: 'contracts', key: 'code', pruned: 'obsolete' },
  delivery_model: { list: 'deliveryModels', key: 'code', pruned: 'inactive' },
} as const;

type Entry = { [k: string]: unknown; status: string };

/** JSON with sorted object keys, so equal entries serialise equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A subcategory that disappears from the file becomes obsolete (tickets keep pointing at it). */
function mergeSubcategories(next: Service, stored: Service | undefined): Service {
  if (!stored) return next;
  const kept = new Set(next.subcategories.map((s) => s.code));
  const gone = stored.subcategories
    .filter((s) => !kept.has(s.code))
    .map((s) => ({ ...s, status: 'obsolete' as const }));
  return gone.length ? { ...next, subcategories: [...next.subcategories, ...gone] } : next;
}

export interface DirectoryStoreOptions {
  /** How often the cached snapshot checks the stored revision (ms). */
  refreshMs?: number;
  /** Injectable clock for the refresh check (ms since epoch). */
  nowMs?: () => number;
}

export class TypeormDirectoryStore implements DirectoryStore {
  private cache: { revision: string; dir: Directory | null } | null = null;
  private checkedAt = 0;
  private loading: Promise<Directory | null> | null = null;
  private readonly refreshMs: number;
  private readonly nowMs: () => number;

  constructor(
    private readonly db: Database,
    options: DirectoryStoreOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 2000;
    this.nowMs = options.nowMs ?? (() => performance.timeOrigin + performance.now());
  }

  async current(): Promise<Directory | null> {
    if (this.cache && this.nowMs() - this.checkedAt < this.refreshMs) return this.cache.dir;
    this.loading ??= this.refresh().finally(() => (this.loading = null));
    return this.loading;
  }

  /** Forget the cached snapshot (after an import in this process). */
  invalidate(): void {
    this.cache = null;
  }

  private async refresh(): Promise<Directory | null> {
    const revision = await this.db.gate.run((m) => this.meta(m, 'revision'));
    this.checkedAt = this.nowMs();
    if (this.cache && this.cache.revision === (revision ?? '')) return this.cache.dir;
    const data = revision === null ? null : await this.db.gate.run((m) => this.load(m));
    this.cache = { revision: revision ?? '', dir: data ? new Directory(data) : null };
    return this.cache.dir;
  }

  async exportData(): Promise<DirectoryData | null> {
    return this.db.gate.run((m) => this.load(m));
  }

  async importData(data: DirectoryData, options: { prune: boolean; now: Date; reactivate?: string[] }): Promise<ImportSummary> {
    const summary = await withNamedLock(this.db.ds, this.db.dialect, 'directory-import', 60, () =>
      this.db.gate.tx((m) => this.upsertAll(m, data, options)),
    );
    if (!summary.noop) this.invalidate();
    return summary;
  }

  private async upsertAll(m: EntityManager, data: DirectoryData, options: { prune: boolean; now: Date; reactivate?: string[] }) {
    const stored = await m.find(DirectoryEntryRecord);
    const byKey = new Map(stored.map((r) => [`${r.kind}\u0000${r.code}`, r]));
    const summary: ImportSummary = { inserted: 0, updated: 0, deactivated: 0, reordered: 0, unchanged: 0, noop: true };
    // Staff sync (docs/domain.md §6.2): a person it deactivated stays inactive while the file's entry is the one
    // they had before; a changed entry, or `--reactivate ID`, lets the file's entry win again.
    const marks = new Map((await m.find(StaffSyncMarkRecord)).map((r) => [r.personId, r]));
    const reactivate = new Set(options.reactivate ?? []);
    const kept: string[] = [];
    let marksCleared = false;
    for (const id of reactivate) {
      if (!marks.has(id)) continue;
      await m.delete(StaffSyncMarkRecord, { personId: id });
      marks.delete(id);
      marksCleared = true;
      const row = byKey.get(`person\u0000${id}`);
      if (row && !data.people.some((p) => p.id === id)) {
        const body = canonicalJson({ ...(JSON.parse(row.body) as Entry), status: 'active' });
        await m.update(DirectoryEntryRecord, { kind: 'person', code: id }, { status: 'active', body, updatedAt: options.now });
        summary.updated++;
      }
    }
    const listed = new Set<string>();

    for (const kind of Object.keys(KINDS) as Kind[]) {
      const spec = KINDS[kind];
      const list = data[spec.list] as unknown as Entry[];
      for (const [position, raw] of list.entries()) {
        const code = String(raw[spec.key]);
        const key = `${kind}\u0000${code}`;
        listed.add(key);
        const row = byKey.get(key);
        const entry =
          kind === 'service'
            ? (mergeSubcategories(raw as unknown as Service, row ? (JSON.parse(row.body) as Service) : undefined) as unknown as Entry)
            : raw;
        let body = canonicalJson(entry);
        const mark = kind === 'person' ? marks.get(code) : undefined;
        if (mark && row && mark.entryBefore === body) {
          kept.push(code);
          body = row.body;
        } else if (mark) {
          await m.delete(StaffSyncMarkRecord, { personId: code });
          marksCleared = true;
        }
        const name = String(entry.name ?? code).slice(0, 255);
        const status = body === row?.body ? row.status : entry.status;
        if (!row) {
          await m.insert(DirectoryEntryRecord, { kind, code, name, status: entry.status, position, body, updatedAt: options.now });
          summary.inserted++;
        } else if (row.body !== body) {
          await m.update(DirectoryEntryRecord, { kind, code }, { name, status, position, body, updatedAt: options.now });
          summary.updated++;
        } else if (row.position !== position) {
          await m.update(DirectoryEntryRecord, { kind, code }, { position });
          summary.reordered++;
        } else {
          summary.unchanged++;
        }
      }
      // Entries the file no longer lists keep their relative order after the listed ones.
      const unlisted = stored
        .filter((r) => r.kind === kind && !listed.has(`${kind}\u0000${r.code}`))
        .sort((a, b) => a.position - b.position || (a.code < b.code ? -1 : 1));
      for (const [i, row] of unlisted.entries()) {
        if (row.position !== list.length + i) {
          await m.update(DirectoryEntryRecord, { kind, code: row.code }, { position: list.length + i });
          summary.reordered++;
        }
      }
    }

    if (options.prune) {
      for (const row of stored) {
        const spec = KINDS[row.kind as Kind];
        if (!spec || listed.has(`${row.kind}\u0000${row.code}`) || row.status === spec.pruned) continue;
        const body = canonicalJson({ ...(JSON.parse(row.body) as Entry), status: spec.pruned });
        await m.update(DirectoryEntryRecord, { kind: row.kind, code: row.code }, { status: spec.pruned, body, updatedAt: options.now });
        summary.deactivated++;
      }
    }

    if (kept.length > 0) summary.keptInactive = kept;
    const wroteEntries = summary.inserted + summary.updated + summary.deactivated + summary.reordered > 0 || marksCleared;
    const tzChanged = (await this.meta(m, 'timezone')) !== data.timezone;
    if (tzChanged) await this.setMeta(m, 'timezone', data.timezone);
    if (wroteEntries || tzChanged) {
      const revision = Number((await this.meta(m, 'revision')) ?? '0') + 1;
      await this.setMeta(m, 'revision', String(revision));
      summary.noop = false;
    }
    return summary;
  }

  private async meta(m: EntityManager, key: string): Promise<string | null> {
    const row = await m.findOne(DirectoryMetaRecord, { where: { key } });
    return row ? row.value : null;
  }

  private async setMeta(m: EntityManager, key: string, value: string): Promise<void> {
    const exists = await m.findOne(DirectoryMetaRecord, { where: { key } });
    if (exists) await m.update(DirectoryMetaRecord, { key }, { value });
    else await m.insert(DirectoryMetaRecord, { key, value });
  }

  private async load(m: EntityManager): Promise<DirectoryData | null> {
    const timezone = await this.meta(m, 'timezone');
    if (timezone === null) return null;
    const rows = await m.find(DirectoryEntryRecord, { order: { kind: 'ASC', position: 'ASC', code: 'ASC' } });
    const data: DirectoryData = {
      timezone,
      calendars: [],
      organizations: [],
      people: [],
      teams: [],
      serviceFamilies: [],
      services: [],
      slas: [],
      contracts: [],
      deliveryModels: [],
    };
    for (const r of rows) {
      const spec = KINDS[r.kind as Kind];
      if (spec) (data[spec.list] as unknown[]).push(JSON.parse(r.body));
    }
    return data;
  }
}
