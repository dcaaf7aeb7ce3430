/**
 * The demand pool's webhook (docs/demands.md "Webhook"): `POST DEMAND_POOL_URL` with the JSON body,
 * `X-Signature: sha256=<hex HMAC-SHA256(body, DEMAND_POOL_SECRET)>` and `X-Demand-Id`; any 2xx is success, anything
 * else (or no answer in 10 s) throws so the outbox retries. The URL and the secret are never logged.
 */
import { createHmac } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import type { DemandWebhookBody } from '../../domain/demands/demand';
import type { DemandPoolClient } from '../../domain/ports/demand-pool.port';

export function demandSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export class HttpDemandPoolClient implements DemandPoolClient {
  private readonly http: AxiosInstance;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    options: { timeoutMs?: number } = {},
  ) {
    this.http = axios.create({ timeout: options.timeoutMs ?? 10_000, maxRedirects: 0 });
  }

  async post(body: DemandWebhookBody): Promise<void> {
    const text = JSON.stringify(body);
    let status: number;
    try {
      const res = await this.http.post(this.url, text, {
        headers: { 'Content-Type': 'application/json', 'X-Signature': demandSignature(text, this.secret), 'X-Demand-Id': body.demand },
        validateStatus: () => true,
        transformRequest: [(data: unknown) => data],
      });
      status = res.status;
    } catch (e) {
      throw new Error(`demand pool unreachable: ${(e as { code?: string }).code ?? (e as Error).message}`);
    }
    if (status < 200 || status >= 300) throw new Error(`demand pool answered HTTP ${status}`);
  }
}
