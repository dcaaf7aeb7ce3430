/** The demand pool (docs/demands.md): stored demands, and the product team's webhook they are posted to. */
import type { Demand } from '../demands/demand';
import type { DemandWebhookBody } from '../demands/demand';

export interface DemandStore {
  get(id: number): Promise<Demand | null>;
  /** Every demand, oldest first (export). */
  all(): Promise<Demand[]>;
}

export interface DemandPoolClient {
  /** POST the body, signed; resolves on a 2xx answer, throws otherwise (the outbox retries). */
  post(body: DemandWebhookBody): Promise<void>;
}
