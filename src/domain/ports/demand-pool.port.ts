/** The demand pool (docs/demands.md): stored demands, and the product team's webhook they are posted to. */
import type { Demand, DemandState } from '../demands/demand';
import type { DemandWebhookBody } from '../demands/demand';

export interface DemandStore {
  get(id: number): Promise<Demand | null>;
  /** Every demand, oldest first (export). */
  all(): Promise<Demand[]>;
  /**
   * The workbench page's demand pool (docs/portal.md "Demand pool"): newest first, at most `limit`; those carded to
   * one of `scope.teams` or of one of `scope.services` (scope null: every demand); in this state if given.
   */
  list(options: { scope: { teams: readonly string[]; services: readonly string[] } | null; state?: DemandState; limit: number }): Promise<Demand[]>;
}

export interface DemandPoolClient {
  /** POST the body, signed; resolves on a 2xx answer, throws otherwise (the outbox retries). */
  post(body: DemandWebhookBody): Promise<void>;
}
