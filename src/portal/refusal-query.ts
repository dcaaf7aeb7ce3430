/**
 * A refused action survives the redirect back to the ticket page (docs/portal.md "Actions") as its code and the
 * details the sentence names (`d.agent=…`), so the page can say the card's sentence after the redirect. Only
 * these keys, only short plain values: a crafted link can change a sentence's words, never what it shows of data.
 */
import type { ErrorCode } from '../domain/errors/error-codes';
import type { DomainError } from '../domain/shared/result';

const KEYS = ['ref', 'agent', 'state', 'action', 'field', 'max', 'service', 'org', 'team', 'step', 'template'] as const;
const VALUE_MAX = 100;

/** The details of `e` as query parameters (`d.<key>`). */
export function refusalQuery(e: DomainError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of KEYS) {
    const v = e.details?.[k];
    if ((typeof v === 'string' || typeof v === 'number') && String(v).length <= VALUE_MAX) out[`d.${k}`] = String(v);
  }
  return out;
}

/** The refusal back from the query string (`err` = its code). */
export function refusalFromQuery(code: string, q: Record<string, unknown>): DomainError {
  const details: Record<string, string> = {};
  for (const k of KEYS) {
    const v = q[`d.${k}`];
    if (typeof v === 'string' && v.length <= VALUE_MAX) details[k] = v;
  }
  return { code: code.slice(0, 64) as ErrorCode, message: code, details };
}
