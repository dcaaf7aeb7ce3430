/**
 * Attachments (docs/domain.md "Attachments"): pictures, files, videos and voice messages a person sends the bot,
 * stored with a ticket. Pure rules: what a received file is, whether it may be stored (size limit, refused types),
 * its name, and the window in which a file sent after a filing (or after `附件 R-…`) attaches to that ticket.
 */
import { err, ok, type Result } from '../shared/result';

/** DingTalk's non-text robot message types, as attachments (`richText` pictures are `picture`). */
/** The history action written with every attachment added, in its transaction (`application/tickets/attachments.ts`). */
export const ATTACHED = 'attach';

export const ATTACHMENT_KINDS = ['picture', 'file', 'video', 'audio'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** A file a chat message carries, before it is downloaded: DingTalk's `downloadCode` and what the message says of it. */
export interface IncomingFile {
  kind: AttachmentKind;
  downloadCode: string;
  /** `content.fileName` of a `file` message; null for pictures, videos and voice (a name is made up). */
  name: string | null;
  /** Voice and video length in ms, when DingTalk says. */
  durationMs?: number;
}

/** What the card lists and the page shows; the bytes are read separately. */
export interface AttachmentInfo {
  id: number;
  ticketId: number;
  kind: AttachmentKind;
  name: string;
  contentType: string;
  size: number;
  /** The uploaded image's media id (`@lA…`) shown on the card, or null (no thumbnail: the list is the fallback). */
  mediaId: string | null;
  addedBy: string;
  addedAt: Date;
}

/** An attachment to store: its info (no id yet) and its bytes. */
export interface NewAttachment extends Omit<AttachmentInfo, 'id'> {
  content: Uint8Array;
  /** The chat message it came from: one attachment per message and file, ever (`uq_attachments_source`). */
  sourceMsg: string;
  /** Its place among the message's files (a richText with two pictures: 0 and 1). */
  sourceIndex: number;
}

/** How long after a filing, or after `附件 R-…`, the same person's next picture or file attaches to that ticket. */
export const ATTACH_WINDOW_MS = 2 * 60_000;

/** Default of ATTACHMENT_MAX_MB (docs/interfaces.md): under Debian MariaDB's 16 MiB `max_allowed_packet`. */
export const DEFAULT_ATTACHMENT_MAX_MB = 10;

/**
 * Files never stored: programs and scripts a colleague could be tricked into running. Everything else people
 * send to show a problem (pictures, logs, documents, archives, recordings) is kept.
 */
const REFUSED_EXTENSIONS = new Set(['exe', 'msi', 'bat', 'cmd', 'com', 'scr', 'pif', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'ps1', 'sh', 'dll', 'jar', 'apk', 'ipa', 'lnk', 'reg', 'hta']);

export type AttachmentRefusal =
  | { code: 'too_large'; size: number; maxBytes: number }
  | { code: 'unsupported'; name: string }
  | { code: 'empty' };

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim());
  return m ? m[1]!.toLowerCase() : '';
}

/** May a downloaded file be stored? Checked before anything is written (nothing half-stored). */
export function checkAttachment(file: { name: string; size: number }, maxBytes: number): Result<void, AttachmentRefusal> {
  if (file.size <= 0) return err({ code: 'empty' });
  if (REFUSED_EXTENSIONS.has(extensionOf(file.name))) return err({ code: 'unsupported', name: file.name });
  if (file.size > maxBytes) return err({ code: 'too_large', size: file.size, maxBytes });
  return ok(undefined);
}

const EXTENSION_OF_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'audio/amr': 'amr',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

const DEFAULT_EXTENSION: Record<AttachmentKind, string> = { picture: 'jpg', file: 'bin', video: 'mp4', audio: 'amr' };

/**
 * The name an attachment is stored under: the file's own name (path parts and control characters removed, at most
 * 120 characters), else `<kind>-<n>.<ext>` with the extension of its content type (`picture-1.png`).
 */
export function attachmentName(file: Pick<IncomingFile, 'kind' | 'name'>, contentType: string, ordinal: number): string {
  const own = (file.name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop()!.trim();
  if (own) return [...own].slice(-120).join('');
  const ext = EXTENSION_OF_TYPE[contentType.split(';')[0]!.trim().toLowerCase()] ?? DEFAULT_EXTENSION[file.kind];
  return `${file.kind}-${ordinal}.${ext}`;
}

/** Sizes as people read them: `850 B`, `12.3 KB`, `4.5 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Is a picture shown as the card's thumbnail (an image type DingTalk's media upload takes)? */
export function isThumbnailType(kind: AttachmentKind, contentType: string): boolean {
  return kind === 'picture' && /^image\/(jpeg|png|gif|bmp)/i.test(contentType);
}

/**
 * The content type to store: the served one, unless it says nothing (`application/octet-stream`, empty: what file
 * storage often serves), then the picture or recording the first bytes show (PNG, JPEG, GIF, BMP, WebP, AMR, MP4).
 */
export function sniffContentType(bytes: Uint8Array, served: string): string {
  const declared = served.split(';')[0]!.trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream' && declared !== 'binary/octet-stream') return served;
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const ascii = (from: number, text: string) => [...text].every((ch, i) => bytes[from + i] === ch.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF8')) return 'image/gif';
  if (ascii(0, 'BM')) return 'image/bmp';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, '#!AMR')) return 'audio/amr';
  if (ascii(4, 'ftyp')) return 'video/mp4';
  return 'application/octet-stream';
}
