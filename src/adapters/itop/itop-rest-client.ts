/**
 * Reads objects from iTop's REST/JSON API (docs/itop-import.md): `POST webservices/rest.php?version=1.3` with a
 * form-encoded `json_data` (a raw JSON body is refused), the credentials as `auth_user`/`auth_pwd` form fields
 * or HTTP Basic, `core/get` paged with `limit`/`page`. Every failure comes back as an `ItopFailure`, never
 * thrown; the password is only ever put in the request.
 */
import type { ItopFailure } from '../../domain/itop/itop-failure';
import { ITOP_REST_CODES } from '../../domain/itop/itop-failure';
import type { ItopDirectoryClass, ItopObject, ItopSnapshot } from '../../domain/itop/itop-object';
import { ITOP_DIRECTORY_CLASSES } from '../../domain/itop/itop-object';
import { err, ok, type Result } from '../../domain/shared/result';

export interface ItopRestClientOptions {
  /** The iTop root (`https://itop.example.com`) or its `…/webservices/rest.php`. */
  readonly url: string;
  readonly user: string;
  readonly password: string;
  /** `form`: auth_user/auth_pwd fields (default; survives servers that drop the Authorization header); `basic`: HTTP Basic. */
  readonly auth: 'form' | 'basic';
  /** Objects per `core/get` page; 0 asks for everything at once. */
  readonly pageSize: number;
  readonly timeoutMs?: number;
}

/** The REST endpoint of an iTop root URL. */
export function restEndpoint(url: string): string {
  const base = url.replace(/\/+$/, '');
  const script = /\/webservices\/rest\.php$/.test(base) ? base : `${base}/webservices/rest.php`;
  return `${script}?version=1.3`;
}

/** The endpoint as shown in messages and in the file: no query, no `user:password@` should the URL carry one. */
export function shownEndpoint(url: string): string {
  return restEndpoint(url).replace(/\?.*$/, '').replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

interface RestAnswer {
  code: number;
  message?: string;
  objects?: Record<string, { class?: string; key?: string | number; fields?: Record<string, unknown> }> | null;
}

export class ItopRestClient {
  private readonly endpoint: string;

  constructor(private readonly options: ItopRestClientOptions) {
    this.endpoint = restEndpoint(options.url);
  }

  /** Every object of a class, page by page; a page that only repeats keys (paging ignored) ends the reading. */
  async getAll(className: string, outputFields: readonly string[]): Promise<Result<ItopObject[], ItopFailure>> {
    const { pageSize } = this.options;
    const seen = new Map<string, ItopObject>();
    for (let page = 1; ; page += 1) {
      const request: Record<string, unknown> = {
        operation: 'core/get',
        class: className,
        key: `SELECT ${className}`,
        output_fields: outputFields.join(','),
      };
      if (pageSize > 0) Object.assign(request, { limit: pageSize, page });
      const answer = await this.post(request, className);
      if (!answer.ok) return answer;
      const objects = Object.values(answer.value.objects ?? {}).map(
        (o): ItopObject => ({ class: String(o.class ?? className), key: String(o.key ?? ''), fields: o.fields ?? {} }),
      );
      const fresh = objects.filter((o) => !seen.has(o.key));
      for (const o of fresh) seen.set(o.key, o);
      if (pageSize <= 0 || objects.length < pageSize || fresh.length === 0) break;
    }
    return ok([...seen.values()]);
  }

  /** The classes of the directory (docs/itop-import.md), Person with the extra fields the options name. */
  async readDirectory(
    extraPersonFields: readonly string[],
    onClass: (className: string, count: number) => void = () => undefined,
  ): Promise<Result<ItopSnapshot, ItopFailure>> {
    const snapshot = {} as Record<ItopDirectoryClass, ItopObject[]>;
    for (const [className, fields] of Object.entries(ITOP_DIRECTORY_CLASSES) as Array<[ItopDirectoryClass, readonly string[]]>) {
      const wanted = className === 'Person' ? [...new Set([...fields, ...extraPersonFields])] : fields;
      const read = await this.getAll(className, wanted);
      if (!read.ok) return read;
      snapshot[className] = read.value;
      onClass(className, read.value.length);
    }
    return ok(snapshot);
  }

  private async post(request: Record<string, unknown>, className: string): Promise<Result<RestAnswer, ItopFailure>> {
    const { user, password, auth } = this.options;
    const form = new URLSearchParams({ json_data: JSON.stringify(request) });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    if (auth === 'form') form.set('auth_user', user), form.set('auth_pwd', password);
    else headers.authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
    const shown = shownEndpoint(this.options.url);
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body: form.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const reason = (cause?.code ?? cause?.message ?? (e as Error).message).replace(/\/\/[^/@\s]*@/g, '//');
      return err({ kind: 'unreachable', url: shown, reason });
    }
    const text = await response.text();
    if (response.status !== 200) return err({ kind: 'http', status: response.status, url: shown });
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      return err({ kind: 'not-json', url: shown });
    }
    if (typeof answer !== 'object' || answer === null || typeof (answer as RestAnswer).code !== 'number') {
      return err({ kind: 'not-json', url: shown });
    }
    const rest = answer as RestAnswer;
    if (rest.code !== ITOP_REST_CODES.OK) return err({ kind: 'api', code: rest.code, message: String(rest.message ?? ''), className });
    return ok(rest);
  }
}
