/** FaqStore on TypeORM (`faq_entries`). */
import { In, type EntityManager } from 'typeorm';
import type { FaqCounter, FaqEntry, FaqStatus } from '../../domain/faq/faq';
import type { FaqFileEntry, FaqImportSummary, FaqStore, NewFaqEntry } from '../../domain/ports/faq-store.port';
import type { Gate } from './gate';
import { FaqRecord } from './records/faq.record';

const toEntry = (r: FaqRecord): FaqEntry => ({
  id: Number(r.id),
  code: r.code,
  question: r.question,
  answer: r.answer,
  service: r.service,
  subcategory: r.subcategory,
  keywords: JSON.parse(r.keywords) as string[],
  status: r.status as FaqStatus,
  author: r.author,
  source: r.source,
  shown: Number(r.shown),
  solved: Number(r.solved),
  stillHelp: Number(r.stillHelp),
  createdAt: new Date(r.createdAt),
  updatedAt: new Date(r.updatedAt),
});

const COUNTER_COLUMNS: Record<FaqCounter, string> = { shown: 'shown', solved: 'solved', stillHelp: 'still_help' };

/** The fields the FAQ file states, as stored. */
function fileFields(e: FaqFileEntry): Pick<FaqRecord, 'question' | 'answer' | 'service' | 'subcategory' | 'keywords' | 'status'> {
  return { question: e.question, answer: e.answer, service: e.service, subcategory: e.subcategory, keywords: JSON.stringify(e.keywords), status: e.status };
}

function sameFields(r: FaqRecord, e: FaqFileEntry): boolean {
  const f = fileFields(e);
  return (Object.keys(f) as Array<keyof typeof f>).every((k) => r[k] === f[k]);
}

export class TypeormFaqStore implements FaqStore {
  constructor(private readonly gate: Gate) {}

  async published(services: readonly string[] | null): Promise<FaqEntry[]> {
    if (services !== null && services.length === 0) return [];
    const rows = await this.gate.run((m) =>
      m.getRepository(FaqRecord).find({ where: { status: 'published', ...(services ? { service: In([...services]) } : {}) }, order: { id: 'ASC' } }),
    );
    return rows.map(toEntry);
  }

  async get(id: number): Promise<FaqEntry | null> {
    const row = await this.gate.run((m) => m.getRepository(FaqRecord).findOneBy({ id }));
    return row ? toEntry(row) : null;
  }

  async all(): Promise<FaqEntry[]> {
    return (await this.gate.run((m) => m.getRepository(FaqRecord).find({ order: { id: 'ASC' } }))).map(toEntry);
  }

  async add(entry: NewFaqEntry, now: Date): Promise<FaqEntry> {
    const saved = await this.gate.run((m) =>
      m.getRepository(FaqRecord).save({
        ...entry,
        keywords: JSON.stringify(entry.keywords),
        shown: 0,
        solved: 0,
        stillHelp: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return toEntry(saved as FaqRecord);
  }

  async setStatus(id: number, status: FaqStatus, now: Date): Promise<boolean> {
    const r = await this.gate.run((m) => m.getRepository(FaqRecord).update({ id }, { status, updatedAt: now }));
    return (r.affected ?? 0) > 0;
  }

  importEntries(entries: readonly FaqFileEntry[], options: { prune: boolean; now: Date }): Promise<FaqImportSummary> {
    return this.gate.tx(async (m: EntityManager) => {
      const repo = m.getRepository(FaqRecord);
      const existing = await repo.createQueryBuilder('f').where('f.code IS NOT NULL').getMany();
      const byCode = new Map(existing.map((r) => [r.code!, r]));
      const summary: FaqImportSummary = { inserted: 0, updated: 0, unchanged: 0, retired: 0, noop: true };
      for (const e of entries) {
        const row = byCode.get(e.code);
        if (!row) {
          await repo.insert({ code: e.code, ...fileFields(e), author: 'system', source: null, shown: 0, solved: 0, stillHelp: 0, createdAt: options.now, updatedAt: options.now });
          summary.inserted++;
        } else if (sameFields(row, e)) {
          summary.unchanged++;
        } else {
          await repo.update({ id: row.id }, { ...fileFields(e), updatedAt: options.now });
          summary.updated++;
        }
      }
      if (options.prune) {
        const kept = new Set(entries.map((e) => e.code));
        for (const row of existing) {
          if (kept.has(row.code!) || row.status === 'retired') continue;
          await repo.update({ id: row.id }, { status: 'retired', updatedAt: options.now });
          summary.retired++;
        }
      }
      summary.noop = summary.inserted + summary.updated + summary.retired === 0;
      return summary;
    });
  }

  async count(id: number, counter: FaqCounter): Promise<void> {
    const column = COUNTER_COLUMNS[counter];
    await this.gate.run((m) => m.query(`UPDATE faq_entries SET ${column} = ${column} + 1 WHERE id = ?`, [id]));
  }
}
