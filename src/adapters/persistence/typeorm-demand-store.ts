/** Demands in the `demands` table (docs/demands.md). */
import type { DataSource, EntityManager } from 'typeorm';
import type { Demand, DemandState } from '../../domain/demands/demand';
import type { DemandStore } from '../../domain/ports/demand-pool.port';
import { DemandRecord } from './records/demand.record';
import { marks, SqlRows } from './sql-rows';

export function toDemand(r: DemandRecord): Demand {
  return {
    id: Number(r.id),
    title: r.title,
    description: r.description,
    caller: r.caller,
    service: r.service,
    team: r.team,
    sourceRefs: JSON.parse(r.sourceRefs) as string[],
    votes: Number(r.votes),
    state: r.state as DemandState,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export class TypeormDemandStore implements DemandStore {
  /** The prepared statements: `list` runs on every chat message (the demand-vote search), so not the query builder. */
  private readonly rows: SqlRows<DemandRecord>;

  constructor(private readonly ds: DataSource) {
    this.rows = new SqlRows(ds, DemandRecord);
  }

  /** Insert a new demand (inside the caller's transaction when `m` is given); returns its id. */
  async insert(d: Omit<Demand, 'id'>, m: EntityManager = this.ds.manager): Promise<number> {
    const res = await m.getRepository(DemandRecord).insert({ ...d, sourceRefs: JSON.stringify(d.sourceRefs) });
    return Number(res.identifiers[0]!.id);
  }

  async get(id: number): Promise<Demand | null> {
    const r = await this.ds.getRepository(DemandRecord).findOneBy({ id });
    return r ? toDemand(r) : null;
  }

  async all(): Promise<Demand[]> {
    return (await this.ds.getRepository(DemandRecord).find({ order: { id: 'ASC' } })).map(toDemand);
  }

  async list(options: { scope: { teams: readonly string[]; services: readonly string[] } | null; state?: DemandState; limit: number }): Promise<Demand[]> {
    const { scope, state } = options;
    const r = this.rows;
    const parts: string[] = [];
    const params: unknown[] = [];
    if (state) {
      parts.push(`${r.column('state')} = ?`);
      params.push(state);
    }
    if (scope) {
      // OR of the two: carded to one of the teams, or of one of the services
      const ors: string[] = [];
      if (scope.teams.length > 0) {
        ors.push(`${r.column('team')} IN (${marks(scope.teams.length)})`);
        params.push(...scope.teams);
      }
      if (scope.services.length > 0) {
        ors.push(`${r.column('service')} IN (${marks(scope.services.length)})`);
        params.push(...scope.services);
      }
      if (ors.length === 0) return [];
      parts.push(`(${ors.join(' OR ')})`);
    }
    const found = await r.select(this.ds.manager, parts.length ? parts.join(' AND ') : '1 = 1', params, `ORDER BY ${r.column('id')} DESC LIMIT ${Math.max(1, Math.floor(options.limit))}`);
    return found.map(toDemand);
  }
}
