/**
 * Typed DingTalk API failures. Both error envelopes end here:
 * - new API (`api.dingtalk.com/v1.0/...`): non-2xx + `{code, message, requestid}`; card APIs may answer 200 with
 *   `success: false`;
 * - legacy API (`oapi.dingtalk.com`, sessionWebhook): HTTP 200 + `{errcode != 0, errmsg, sub_code?}`.
 * `kind` drives the retry policy; `code` is DingTalk's own code (a string, legacy numbers stringified).
 */
export type DingTalkErrorKind =
  /** QPS limits (QpsLimit*, 90018, 90002, 429): retry after a pause. */
  | 'throttled'
  /** Monthly org quota (ApiCountLimitForOrg, 90020): retrying does not help this month. */
  | 'quota'
  /** Token missing, invalid or expired: refresh the token and retry once. */
  | 'token'
  /** App credentials rejected (invalidClientIdOrSecret, 40096): fix the configuration. */
  | 'credentials'
  /** Missing permission scope (AccessTokenPermissionDenied). */
  | 'permission'
  /** 5xx or an unreadable answer: retry with backoff. */
  | 'server'
  /** No answer (connection refused/reset, timeout): retry with backoff. */
  | 'network'
  /** Anything else the caller did wrong (bad parameter, unknown user/conversation): not retried. */
  | 'client';

export class DingTalkApiError extends Error {
  override readonly name: string = 'DingTalkApiError';
  constructor(
    readonly api: string,
    readonly kind: DingTalkErrorKind,
    readonly code: string,
    message: string,
    readonly httpStatus: number | null,
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** true when a later attempt may succeed (throttled, 5xx, network, expired token). */
  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'server' || this.kind === 'network' || this.kind === 'token';
  }
}

export class DingTalkThrottledError extends DingTalkApiError {
  override readonly name = 'DingTalkThrottledError';
}
export class DingTalkAuthError extends DingTalkApiError {
  override readonly name = 'DingTalkAuthError';
}
export class DingTalkServerError extends DingTalkApiError {
  override readonly name = 'DingTalkServerError';
}
export class DingTalkNetworkError extends DingTalkApiError {
  override readonly name = 'DingTalkNetworkError';
}

/** New-API codes that mean "slow down". */
const NEW_THROTTLE_CODES = new Set([
  'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
  'Forbidden.AccessDenied.QpsLimitForApi',
  'Throttling',
]);
const LEGACY_THROTTLE_CODES = new Set(['90018', '90002', '90006']);
const LEGACY_TOKEN_CODES = new Set(['40014', '40000', '42001', '40001']);

export function makeDingTalkError(
  api: string,
  kind: DingTalkErrorKind,
  code: string,
  message: string,
  httpStatus: number | null,
  requestId?: string,
): DingTalkApiError {
  const Ctor =
    kind === 'throttled'
      ? DingTalkThrottledError
      : kind === 'token' || kind === 'credentials' || kind === 'permission'
        ? DingTalkAuthError
        : kind === 'server'
          ? DingTalkServerError
          : kind === 'network'
            ? DingTalkNetworkError
            : DingTalkApiError;
  return new Ctor(api, kind, code, message, httpStatus, requestId);
}

function kindOfNewCode(code: string, status: number): DingTalkErrorKind {
  if (NEW_THROTTLE_CODES.has(code) || /QpsLimit/i.test(code) || status === 429) return 'throttled';
  if (/ApiCountLimitForOrg/i.test(code)) return 'quota';
  if (code === 'InvalidAuthentication' || code.startsWith('AuthenticationFailed')) return 'token';
  if (code === 'invalidClientIdOrSecret') return 'credentials';
  if (/AccessTokenPermissionDenied/i.test(code)) return 'permission';
  if (status >= 500) return 'server';
  return 'client';
}

function kindOfLegacyCode(errcode: string, subCode: string | undefined): DingTalkErrorKind {
  const codes = [errcode, subCode ?? ''];
  if (codes.some((c) => LEGACY_THROTTLE_CODES.has(c))) return 'throttled';
  if (codes.includes('90020')) return 'quota';
  if (codes.some((c) => LEGACY_TOKEN_CODES.has(c))) return 'token';
  if (errcode === '40096' || errcode === '40089') return 'credentials';
  if (errcode === '-1') return 'server'; // "系统繁忙"
  return 'client';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/**
 * Turn one HTTP answer into a typed error, or null when it is a success. `data` is the parsed body (or a string
 * when the body was not JSON, e.g. the per-IP ban page).
 */
export function classifyDingTalkAnswer(api: string, status: number, data: unknown): DingTalkApiError | null {
  const body = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  const requestId = str(body?.requestid) ?? str(body?.request_id) ?? str(body?.requestId);
  if (status < 200 || status >= 300) {
    const code = str(body?.code) ?? str(body?.errcode) ?? `HTTP_${status}`;
    const message = str(body?.message) ?? str(body?.errmsg) ?? `HTTP ${status}`;
    const kind = body?.errcode !== undefined ? kindOfLegacyCode(code, str(body?.sub_code)) : kindOfNewCode(code, status);
    return makeDingTalkError(api, kind === 'client' && status >= 500 ? 'server' : kind, code, message, status, requestId);
  }
  if (!body) {
    if (data === '' || data === undefined || data === null) return null;
    return makeDingTalkError(api, 'server', 'UNREADABLE_ANSWER', 'answer is not JSON', status, requestId);
  }
  if (body.errcode !== undefined && str(body.errcode) !== '0') {
    const errcode = str(body.errcode) ?? 'unknown';
    const subCode = str(body.sub_code);
    const message = str(body.errmsg) ?? str(body.sub_msg) ?? 'DingTalk error';
    return makeDingTalkError(api, kindOfLegacyCode(errcode, subCode), subCode ? `${errcode}/${subCode}` : errcode, message, status, requestId);
  }
  if (body.success === false) {
    const code = str(body.code) ?? str(body.errorCode) ?? 'card.failed';
    const message = str(body.message) ?? str(body.errorMsg) ?? 'DingTalk answered success=false';
    return makeDingTalkError(api, kindOfNewCode(code, status), code, message, status, requestId);
  }
  return null;
}

/** Network-level failure (no HTTP answer). */
export function networkError(api: string, err: unknown): DingTalkApiError {
  const e = err as { code?: string; message?: string };
  return makeDingTalkError(api, 'network', e?.code ?? 'NETWORK', e?.message ?? 'network error', null);
}
