/**
 * Demands (`D-`, docs/demands.md): a feature request lifted out of the ticket queue into the product's demand pool,
 * with the requests it came from and its votes. Its webhook body is built here; the signature and the POST are
 * the adapter's.
 */
export const DEMAND_STATES = ['open', 'accepted', 'rejected', 'done'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

export interface Demand {
  /** Own sequence: `D-000001`. 0 before the first save. */
  id: number;
  title: string;
  description: string;
  /** Person id of the first caller. */
  caller: string;
  service: string;
  /** Where it is carded: the service's provider team, or the configured product team. */
  team: string;
  /** Refs of the requests it came from (the first, then each joined vote). */
  sourceRefs: string[];
  /** 1 + the requests that joined it. */
  votes: number;
  state: DemandState;
  createdAt: Date;
  updatedAt: Date;
}

export function formatDemandRef(id: number): string {
  return `D-${String(id).padStart(6, '0')}`;
}

export function parseDemandRef(ref: string): number | null {
  const m = /^\s*[Dd]-?(\d{1,12})\s*$/.exec(ref);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The webhook's JSON body (docs/demands.md "Webhook"); keys fixed. */
export interface DemandWebhookBody {
  demand: string;
  title: string;
  description: string;
  service: string;
  caller: string;
  source_refs: string[];
  votes: number;
  created_at: string;
}

export function demandWebhookBody(d: Demand): DemandWebhookBody {
  return {
    demand: formatDemandRef(d.id),
    title: d.title,
    description: d.description,
    service: d.service,
    caller: d.caller,
    source_refs: d.sourceRefs,
    votes: d.votes,
    created_at: d.createdAt.toISOString(),
  };
}

/** Outbox retries of the webhook: 6 tries in all, waiting 5 s, 10 s, 20 s, 40 s, 80 s between them; then dead. */
export const DEMAND_WEBHOOK_RETRY = { maxAttempts: 6, backoffMs: 5_000 } as const;
