import type { IncomingChatMessage } from '../../../domain/ports/chat-inbound.port';
import { err, ok, type Result } from '../../../domain/shared/result';
import type { IncomingFile } from '../../../domain/attachments/attachment';

/**
 * A robot message payload (docs/dingtalk.md §1.8) → IncomingChatMessage. Tolerates missing `text` (quota exhausted),
 * other msgtypes (text = null; their files and an audio's recognition in `files`/`recognition`) and numbers where
 * strings are documented; refuses what cannot be routed
 * (not an object, no conversation, no message id).
 */
export type ParseOutcome<T> = Result<T, string>;

export function parseJsonPayload(data: unknown): ParseOutcome<Record<string, unknown>> {
  let value = data;
  if (typeof data === 'string' || Buffer.isBuffer(data)) {
    try {
      value = JSON.parse(data.toString()) as unknown;
    } catch {
      return err('payload is not JSON');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return err('payload is not an object');
  return ok(value as Record<string, unknown>);
}

const asString = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
const asNumber = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** C0 controls except \t and \n, DEL, C1 controls: never part of what a person typed; stripped before storing. */
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The longest text stored from one message, in characters (code points). The chat layer refuses texts over its
 * `MESSAGE_MAX_CHARS` (4,000) and needs only to see that a text is longer: the composition root passes that + 1.
 */
export const DEFAULT_MAX_TEXT_CHARS = 10_000;

export function cleanText(text: string, maxChars: number = DEFAULT_MAX_TEXT_CHARS): string {
  const clean = text.replace(CONTROL_CHARS, '').trim();
  if (clean.length <= maxChars) return clean; // UTF-16 length ≥ code points: nothing to cut
  return [...clean.slice(0, maxChars * 2)].slice(0, maxChars).join(''); // never spread 5 MB
}

function textOf(msg: Record<string, unknown>): string | null {
  const msgtype = asString(msg.msgtype);
  if (msgtype === 'text') {
    const content = asString((msg.text as Record<string, unknown> | undefined)?.content);
    return content === undefined ? null : content.trim();
  }
  if (msgtype === 'richText') {
    const rich = (msg.content as Record<string, unknown> | undefined)?.richText;
    if (!Array.isArray(rich)) return null;
    const parts = rich.map((p) => asString((p as Record<string, unknown> | null)?.text)).filter((t): t is string => !!t);
    return parts.length > 0 ? parts.join('').trim() : null;
  }
  return null;
}

const objectOf = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A picture's code: `downloadCode`, else `pictureDownloadCode` (docs/dingtalk.md §1.8). */
const pictureCode = (c: Record<string, unknown>): string | undefined => asString(c.downloadCode) || asString(c.pictureDownloadCode) || undefined;

/** The longest file name kept from a message (longer names are cut when stored). */
const FILE_NAME_MAX = 255;

/**
 * The files a `picture`, `richText`, `file`, `video` or `audio` message carries (docs/dingtalk.md §1.8), in message
 * order; those without a download code are left out (nothing to fetch).
 */
export function filesOf(msg: Record<string, unknown>): IncomingFile[] {
  const msgtype = asString(msg.msgtype);
  const content = objectOf(msg.content);
  const duration = asNumber(content.duration);
  const withDuration = (f: IncomingFile): IncomingFile => (duration !== undefined ? { ...f, durationMs: duration } : f);
  switch (msgtype) {
    case 'picture': {
      const code = pictureCode(content);
      return code ? [{ kind: 'picture', downloadCode: code, name: null }] : [];
    }
    case 'richText': {
      const parts = Array.isArray(content.richText) ? content.richText.map(objectOf) : [];
      return parts
        .filter((p) => asString(p.type) === 'picture' || (p.text === undefined && pictureCode(p)))
        .map((p) => pictureCode(p))
        .filter((code): code is string => !!code)
        .map((code) => ({ kind: 'picture' as const, downloadCode: code, name: null }));
    }
    case 'file': {
      const code = asString(content.downloadCode);
      const name = asString(content.fileName);
      return code ? [{ kind: 'file', downloadCode: code, name: name ? cleanText(name, FILE_NAME_MAX) || null : null }] : [];
    }
    case 'video':
    case 'audio': {
      const code = asString(content.downloadCode);
      return code ? [withDuration({ kind: msgtype, downloadCode: code, name: null })] : [];
    }
    default:
      return [];
  }
}

/** An `audio` message's speech recognition text, or null. */
function recognitionOf(msg: Record<string, unknown>, maxChars: number | undefined): string | null {
  if (asString(msg.msgtype) !== 'audio') return null;
  const text = asString(objectOf(msg.content).recognition);
  return text === undefined ? null : cleanText(text, maxChars) || null;
}

function textOrNull(text: string | null, maxChars: number | undefined): string | null {
  return text === null ? null : cleanText(text, maxChars);
}

/**
 * @param fallbackId used as the dedupe key when the payload has no `msgId` (prefixed, so it never collides).
 */
export function parseRobotMessage(data: unknown, nowMs: number, fallbackId?: string, maxTextChars?: number): ParseOutcome<IncomingChatMessage> {
  const parsed = parseJsonPayload(data);
  if (!parsed.ok) return parsed;
  const msg = parsed.value;
  const conversationId = asString(msg.conversationId);
  if (!conversationId) return err('no conversationId');
  const msgId = asString(msg.msgId) || (fallbackId ? `frame:${fallbackId}` : undefined);
  if (!msgId) return err('no msgId');
  const conversationType = asString(msg.conversationType) === '2' ? 'group' : 'dm';
  const botId = asString(msg.chatbotUserId);
  const atUsers = Array.isArray(msg.atUsers) ? (msg.atUsers as Array<Record<string, unknown> | null>) : [];
  const botMentioned = atUsers.some((u) => !!botId && asString(u?.dingtalkId) === botId);
  const atUserIds = atUsers
    .filter((u) => !(botId && asString(u?.dingtalkId) === botId))
    .map((u) => asString(u?.staffId))
    .filter((s): s is string => !!s);
  const webhook = asString(msg.sessionWebhook);
  const files = filesOf(msg);
  const recognition = recognitionOf(msg, maxTextChars);
  return {
    ok: true,
    value: {
      msgId,
      senderUserId: asString(msg.senderStaffId) ?? '',
      senderNick: asString(msg.senderNick) ?? '',
      conversationType,
      conversationId,
      mentioned: conversationType === 'dm' || msg.isInAtList === true || botMentioned,
      atUserIds: [...new Set(atUserIds)],
      text: textOrNull(textOf(msg), maxTextChars),
      msgType: asString(msg.msgtype) ?? 'unknown',
      createdAt: asNumber(msg.createAt) ?? nowMs,
      sessionWebhook: webhook && /^https?:\/\//.test(webhook) ? webhook : null,
      sessionWebhookExpiresAt: asNumber(msg.sessionWebhookExpiredTime) ?? null,
      ...(files.length > 0 ? { files } : {}),
      ...(recognition !== null ? { recognition } : {}),
    },
  };
}
