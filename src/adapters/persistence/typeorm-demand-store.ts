/** Demands in the `demands` table (docs/demands.md). */
import { In, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Demand, DemandState } from '../../domain/demands/demand';
import type { DemandStore } from '../../domain/ports/demand-pool.port';
import { DemandRecord } from './records/demand.record';

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
  constructor(private readonly ds: DataSource) {}

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
    const base: FindOptionsWhere<DemandRecord> = state ? { state } : {};
    let where: FindOptionsWhere<DemandRecord>[] = [base];
    if (scope) {
      // OR of the two: carded to one of the teams, or of one of the services
      where = [];
      if (scope.teams.length > 0) where.push({ ...base, team: In([...scope.teams]) });
      if (scope.services.length > 0) where.push({ ...base, service: In([...scope.services]) });
      if (where.length === 0) return [];
    }
    const rows = await this.ds.getRepository(DemandRecord).find({ where, order: { id: 'DESC' }, take: Math.max(1, options.limit) });
    return rows.map(toDemand);
  }
}
