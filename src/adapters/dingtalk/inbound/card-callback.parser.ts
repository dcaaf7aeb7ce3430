import type { IncomingCardAction } from '../../../domain/ports/chat-inbound.port';
import { err, ok } from '../../../domain/shared/result';
import { parseJsonPayload, type ParseOutcome } from './robot-message.parser';

/**
 * A card callback payload (docs/dingtalk.md §1.9, docs/dingtalk-cards.md §2.3) → IncomingCardAction with flat string params:
 * the button's extra `params` (an object or its JSON string) first, then named params, then `form` fields (a Form
 * submission, an object or its JSON string) on top; a Form submission is also kept apart as `form`. A SELECT's
 * `{index, value}` becomes its value. The only parser of this wire format: the bot reads the flat strings.
 * Accepts `content` or `value`, `cardPrivateData.params` or `params` beside `cardPrivateData`.
 */
function flatValue(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && !Array.isArray(v) && 'value' in (v as object)) return flatValue((v as { value: unknown }).value);
  return JSON.stringify(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function flatten(source: Record<string, unknown>, out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(source)) {
    const s = flatValue(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** A Form submission's `form` param: an object, or (older or hand-built templates) its JSON string. */
export function formOf(params: Record<string, unknown>): Record<string, unknown> | undefined {
  const raw = params.form;
  if (isPlainObject(raw)) return raw;
  if (typeof raw !== 'string' || !raw.trim().startsWith('{')) return undefined;
  const parsed = parseJsonPayload(raw);
  return parsed.ok ? parsed.value : undefined;
}

/** A button's extra `params`: an object, or (templates that pass it through as a string) its JSON string. */
function nestedParamsOf(params: Record<string, unknown>): Record<string, unknown> | undefined {
  const raw = params.params;
  if (isPlainObject(raw)) return raw;
  if (typeof raw !== 'string' || !raw.trim().startsWith('{')) return undefined;
  const parsed = parseJsonPayload(raw);
  return parsed.ok ? parsed.value : undefined;
}

export function flattenCardParams(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const form = formOf(params);
  const nested = nestedParamsOf(params);
  if (nested) flatten(nested, out);
  flatten(Object.fromEntries(Object.entries(params).filter(([k]) => !((k === 'params' && nested) || (k === 'form' && form)))), out);
  if (form) flatten(form, out);
  return out;
}

function contentOf(raw: unknown): { actionIds: string[]; params: Record<string, unknown> } | undefined {
  const parsed = parseJsonPayload(raw);
  if (!parsed.ok) return undefined;
  const priv = isPlainObject(parsed.value.cardPrivateData) ? parsed.value.cardPrivateData : {};
  const params = isPlainObject(priv.params) ? priv.params : isPlainObject(parsed.value.params) ? parsed.value.params : undefined;
  if (!params) return undefined;
  const actionIds = Array.isArray(priv.actionIds) ? priv.actionIds.filter((a): a is string => typeof a === 'string') : [];
  return { actionIds, params };
}

export function parseCardCallback(data: unknown, callbackId: string): ParseOutcome<IncomingCardAction> {
  const parsed = parseJsonPayload(data);
  if (!parsed.ok) return parsed;
  const msg = parsed.value;
  const outTrackId = typeof msg.outTrackId === 'string' ? msg.outTrackId : '';
  const userId = typeof msg.userId === 'string' ? msg.userId : '';
  if (!outTrackId) return err('no outTrackId');
  if (!userId) return err('no userId');
  const content = contentOf(msg.content) ?? contentOf(msg.value);
  if (!content) return err('no callback params');
  const form = formOf(content.params);
  const value: IncomingCardAction = { callbackId, outTrackId, userId, params: flattenCardParams(content.params), actionIds: content.actionIds };
  if (form) value.form = flatten(form);
  return ok(value);
}
