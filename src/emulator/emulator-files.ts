/**
 * Files in the emulator (docs/dingtalk-emulator.md "Files"): what people send the bot (pictures, files, videos,
 * voice) is kept under a `downloadCode`; `POST /v1.0/robot/messageFiles/download` answers a `downloadUrl` on this
 * server that serves the bytes; `POST /media/upload?type=…` (multipart, legacy token) keeps an uploaded image and
 * answers its `media_id` (`@lA…`), which `GET /emulator/media/<id>` serves (the page shows card thumbnails).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { DINGTALK_API } from '../adapters/dingtalk/openapi/dingtalk-api-names';
import type { OpenApiCore } from './emulator-openapi.routes';
import type { CardRecord, SendRobotMessageInput, SentFile, SentRobotMessage } from './emulator.types';

export interface EmulatorFile {
  bytes: Buffer;
  contentType: string;
  name: string;
}

export const FILE_MSGTYPES = ['picture', 'richText', 'file', 'video', 'audio'] as const;
export type FileMsgtype = (typeof FILE_MSGTYPES)[number];

/** The largest body the emulator reads (an upload, a page's file): big enough to try a 20 MB limit. */
const BODY_MAX = 64 * 1024 * 1024;

export class EmulatorFiles {
  private readonly files = new Map<string, EmulatorFile>();
  private readonly media = new Map<string, EmulatorFile>();
  /** Download URLs handed out: token → code (a URL is not the code itself, as on DingTalk). */
  private readonly urls = new Map<string, string>();

  /** Keep a sent file; its `downloadCode`. */
  put(file: EmulatorFile): string {
    const code = 'emu' + randomBytes(18).toString('base64url');
    this.files.set(code, file);
    return code;
  }

  file(code: string): EmulatorFile | undefined {
    return this.files.get(code);
  }

  urlToken(code: string): string {
    const token = randomUUID();
    this.urls.set(token, code);
    return token;
  }

  byToken(token: string): EmulatorFile | undefined {
    const code = this.urls.get(token);
    return code ? this.files.get(code) : undefined;
  }

  addMedia(file: EmulatorFile): string {
    const id = '@lA' + randomBytes(16).toString('base64url');
    this.media.set(id, file);
    return id;
  }

  mediaOf(id: string): EmulatorFile | undefined {
    return this.media.get(id);
  }

  mediaIds(): string[] {
    return [...this.media.keys()];
  }

  /** The robot message's `content` for a file message (docs/dingtalk.md §1.8), its file kept. */
  contentOf(msgtype: FileMsgtype, sent: SentFile): Record<string, unknown> {
    const name = sent.name ?? (msgtype === 'file' ? 'file.bin' : msgtype);
    const code = this.put({ bytes: sent.bytes, contentType: sent.contentType, name });
    switch (msgtype) {
      case 'picture':
        return { downloadCode: code, pictureDownloadCode: code };
      case 'richText':
        return { richText: [...(sent.text ? [{ text: sent.text }] : []), { type: 'picture', downloadCode: code, pictureDownloadCode: code }] };
      case 'file':
        return { downloadCode: code, fileName: name, spaceId: 'emuspace', fileId: randomUUID() };
      case 'video':
        return { downloadCode: code, duration: sent.durationMs ?? 5000, videoType: 'mp4' };
      case 'audio':
        return { downloadCode: code, duration: sent.durationMs ?? 3000, ...(sent.recognition !== undefined ? { recognition: sent.recognition } : {}) };
    }
  }
}

async function readRaw(req: IncomingMessage, limit = BODY_MAX): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** The first part of a multipart/form-data body: its bytes, type and file name. */
export function firstMultipartFile(body: Buffer, contentType: string): EmulatorFile | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const start = body.indexOf(delimiter);
  if (start < 0) return null;
  const headerEnd = body.indexOf('\r\n\r\n', start);
  const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd);
  if (headerEnd < 0 || next < 0) return null;
  const headers = body.subarray(start + delimiter.length, headerEnd).toString('utf8');
  return {
    bytes: Buffer.from(body.subarray(headerEnd + 4, next)),
    contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
    name: /filename="([^"]*)"/i.exec(headers)?.[1] ?? 'media',
  };
}

function answer(core: OpenApiCore, ctx: Context, api: string, status: number, body: unknown, code?: string): void {
  core.state.recordCall(api, status, code);
  ctx.status = status;
  ctx.body = body;
}

export function registerEmulatorFileRoutes(router: Router, core: OpenApiCore, files: EmulatorFiles, baseUrl: () => string): void {
  router.post('/v1.0/robot/messageFiles/download', async (ctx) => {
    const api = DINGTALK_API.messageFileDownload;
    const body = JSON.parse((await readRaw(ctx.req, 64 * 1024)).toString('utf8') || '{}') as Record<string, unknown>;
    const token = ctx.get('x-acs-dingtalk-access-token');
    if (!token || !core.state.tokenValid(token)) {
      return answer(core, ctx, api, 400, { code: 'InvalidAuthentication', message: '不合法的access_token', requestid: randomUUID() }, 'InvalidAuthentication');
    }
    if (core.faults.take(api)) return answer(core, ctx, api, 503, { code: 'ServiceUnavailable', message: 'the service is temporarily unavailable', requestid: randomUUID() }, 'ServiceUnavailable');
    const code = typeof body.downloadCode === 'string' ? body.downloadCode : '';
    if (!code || !files.file(code) || typeof body.robotCode !== 'string' || !body.robotCode) {
      // Emulator code: DingTalk's answer for an unknown or expired code is not documented.
      return answer(core, ctx, api, 400, { code: 'InvalidParameter.DownloadCode', message: 'downloadCode is invalid or expired', requestid: randomUUID() }, 'InvalidParameter.DownloadCode');
    }
    answer(core, ctx, api, 200, { downloadUrl: `${baseUrl()}/emulator/files/${files.urlToken(code)}` });
  });

  router.get('/emulator/files/:token', (ctx) => {
    const file = files.byToken(String(ctx.params.token));
    if (!file) {
      ctx.status = 404;
      ctx.body = 'no such file';
      return;
    }
    ctx.set('Content-Type', file.contentType);
    ctx.set('Content-Length', String(file.bytes.length));
    ctx.body = file.bytes;
  });

  router.post('/media/upload', async (ctx) => {
    const api = DINGTALK_API.mediaUpload;
    const token = typeof ctx.query.access_token === 'string' ? ctx.query.access_token : '';
    if (!token || !core.state.tokenValid(token)) {
      return answer(core, ctx, api, 200, { errcode: 88, errmsg: '不合法的access_token', sub_code: '40014', request_id: randomUUID() }, '88/40014');
    }
    const fault = core.faults.take(api);
    if (fault) {
      const throttled = fault.kind === 'throttle';
      return answer(core, ctx, api, throttled ? 200 : fault.status, { errcode: throttled ? 88 : -1, errmsg: '系统繁忙' }, throttled ? '88' : '-1');
    }
    const type = typeof ctx.query.type === 'string' ? ctx.query.type : '';
    if (!['image', 'voice', 'video', 'file'].includes(type)) return answer(core, ctx, api, 200, { errcode: 40004, errmsg: '不合法的媒体文件类型' }, '40004');
    const file = firstMultipartFile(await readRaw(ctx.req), ctx.get('content-type'));
    if (!file || file.bytes.length === 0) return answer(core, ctx, api, 200, { errcode: 41005, errmsg: '缺少多媒体文件数据' }, '41005');
    const mediaId = files.addMedia(file);
    core.state.bump();
    answer(core, ctx, api, 200, { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: Date.now() });
  });

  router.get('/emulator/media/:id', (ctx) => {
    const file = files.mediaOf(String(ctx.params.id));
    if (!file) {
      ctx.status = 404;
      return;
    }
    ctx.set('Content-Type', file.contentType);
    ctx.body = file.bytes;
  });
}

/** What the page's file routes need of the emulator. */
export interface EmulatorFilePageHost {
  sendRobotMessage(input: SendRobotMessageInput): SentRobotMessage;
  cards(): CardRecord[];
}

/**
 * The page's side: `POST /emulator/api/files` sends a picture, file, video or voice message as the chosen person
 * (`{fromUserId, conversationId, msgtype, name, contentType, base64, recognition, text}`); `GET
 * /emulator/api/card-images` lists each card's `image` media id (the page shows it as the card's thumbnail).
 */
export function registerEmulatorFilePageRoutes(router: Router, host: EmulatorFilePageHost, dmOf: (userId: string) => string): void {
  router.post('/emulator/api/files', async (ctx) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readRaw(ctx.req)).toString('utf8')) as Record<string, unknown>;
    } catch {
      ctx.status = 400;
      ctx.body = { error: 'a JSON body is required (at most 64 MB)' };
      return;
    }
    const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const msgtype = s(body.msgtype) ?? '';
    const fromUserId = s(body.fromUserId);
    if (!fromUserId || !(FILE_MSGTYPES as readonly string[]).includes(msgtype)) {
      ctx.status = 400;
      ctx.body = { error: `fromUserId and msgtype (${FILE_MSGTYPES.join(', ')}) are required` };
      return;
    }
    const conversationId = s(body.conversationId);
    try {
      ctx.body = host.sendRobotMessage({
        fromUserId,
        conversationId: conversationId && conversationId !== dmOf(fromUserId) ? conversationId : undefined,
        msgtype,
        file: {
          bytes: Buffer.from(s(body.base64) ?? '', 'base64'),
          contentType: s(body.contentType) || 'application/octet-stream',
          ...(s(body.name) ? { name: s(body.name) } : {}),
          ...(s(body.recognition) !== undefined ? { recognition: s(body.recognition) } : {}),
          ...(s(body.text) ? { text: s(body.text) } : {}),
        },
      });
    } catch (e) {
      ctx.status = 400;
      ctx.body = { error: (e as Error).message };
    }
  });

  router.get('/emulator/api/card-images', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = Object.fromEntries(host.cards().filter((c) => c.publicData.image).map((c) => [c.outTrackId, c.publicData.image]));
  });
}
