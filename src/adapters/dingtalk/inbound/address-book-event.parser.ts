/**
 * DingTalk address-book EVENT frames (docs/dingtalk.md "Address-book events"): `headers.eventType` one of
 * `user_add_org`, `user_modify_org`, `user_leave_org`; `data` a JSON string whose user ids are under `UserId` (the
 * legacy callback form) or `userId` (the Stream form), an array or one string. The dedupe key is `headers.eventId`
 * (the frame's `messageId` when it is missing). Other event types are not ours: `ignored`.
 */
import type { StaffEvent, StaffEventType } from '../../../domain/ports/chat-inbound.port';
import { STAFF_EVENT_TYPES } from '../../../domain/ports/chat-inbound.port';

export type AddressBookParse = { ok: true; value: StaffEvent } | { ok: false; ignored: boolean; error: string };

function userIdsOf(data: Record<string, unknown>): string[] {
  const raw = data.UserId ?? data.userId ?? data.userid ?? data.UserIds ?? data.userIds;
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  return [...new Set(list.filter((u): u is string | number => typeof u === 'string' || typeof u === 'number').map(String).filter((u) => u.length > 0))];
}

export function parseAddressBookEvent(headers: Record<string, unknown> | undefined, data: unknown, now: number): AddressBookParse {
  const eventType = String(headers?.eventType ?? '');
  if (!(STAFF_EVENT_TYPES as readonly string[]).includes(eventType)) return { ok: false, ignored: true, error: `event type "${eventType}" is not handled` };
  let body: unknown = data;
  if (typeof data === 'string') {
    try {
      body = JSON.parse(data) as unknown;
    } catch {
      return { ok: false, ignored: false, error: 'data is not JSON' };
    }
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, ignored: false, error: 'data is not an object' };
  const userIds = userIdsOf(body as Record<string, unknown>);
  if (userIds.length === 0) return { ok: false, ignored: false, error: 'no user id (UserId / userId)' };
  const eventId = String(headers?.eventId ?? headers?.messageId ?? '');
  if (!eventId) return { ok: false, ignored: false, error: 'no eventId' };
  const born = Number(headers?.eventBornTime);
  return { ok: true, value: { eventId, type: eventType as StaffEventType, userIds, at: Number.isFinite(born) && born > 0 ? born : now } };
}
