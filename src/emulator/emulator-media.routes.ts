/**
 * The emulator's media store (docs/dingtalk-emulator.md "Media"): `POST /media/upload?access_token=…&type=image`
 * (multipart, field `media`) answers `{errcode:0, media_id}` like DingTalk's legacy API; the stored bytes are
 * served at `GET /emulator/api/media/:mediaId` so the page and tests can show and decode them.
 */
import { randomUUID } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { DINGTALK_API } from '../adapters/dingtalk/openapi/dingtalk-api-names';
import type { OpenApiCore } from './emulator-openapi.routes';

export interface StoredMedia {
  mediaId: string;
  type: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  at: Date;
}

const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
const MAX_KEPT = 200;

/** The parts of a multipart/form-data body (enough for one file field). */
export function parseMultipart(body: Buffer, contentType: string): Array<{ name: string; filename?: string; contentType?: string; data: Buffer }> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) return [];
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: Array<{ name: string; filename?: string; contentType?: string; data: Buffer }> = [];
  let pos = body.indexOf(boundary);
  while (pos >= 0) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) break;
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) break;
    const headers = body.subarray(start + 2, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /name="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(disposition)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
    parts.push({ name, filename, contentType: type, data: body.subarray(headerEnd + 4, next - 2) });
    pos = next;
  }
  return parts;
}

async function rawBody(ctx: Context): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > MAX_MEDIA_BYTES) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function registerMediaRoutes(router: Router, core: OpenApiCore, media: Map<string, StoredMedia>): void {
  const api = DINGTALK_API.mediaUpload;
  const legacy = (ctx: Context, status: number, errcode: number, errmsg: string) => {
    core.state.recordCall(api, status, String(errcode));
    ctx.status = status;
    ctx.body = { errcode, errmsg };
  };
  router.post('/media/upload', async (ctx) => {
    const body = await rawBody(ctx);
    const token = typeof ctx.query.access_token === 'string' ? ctx.query.access_token : '';
    if (!core.state.tokenValid(token)) return legacy(ctx, 200, 40014, '不合法的access_token');
    const fault = core.faults.take(api);
    if (fault) return legacy(ctx, fault.kind === 'throttle' ? 200 : fault.status, fault.kind === 'throttle' ? 88 : -1, '系统繁忙');
    if (!body) return legacy(ctx, 200, 40004, '媒体文件超过大小限制 (emulator)');
    const file = parseMultipart(body, ctx.get('content-type')).find((p) => p.name === 'media');
    if (!file || file.data.length === 0) return legacy(ctx, 200, 40005, '缺少媒体文件 media (emulator)');
    const type = typeof ctx.query.type === 'string' ? ctx.query.type : 'file';
    const mediaId = `@lADP${randomUUID().replace(/-/g, '')}`;
    media.set(mediaId, {
      mediaId,
      type,
      filename: file.filename ?? 'media',
      contentType: file.contentType ?? 'application/octet-stream',
      bytes: Buffer.from(file.data),
      at: new Date(core.state.now()),
    });
    if (media.size > MAX_KEPT) media.delete(media.keys().next().value as string);
    core.state.recordCall(api, 200);
    ctx.body = { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: core.state.now() };
  });
  router.get('/emulator/api/media/:mediaId', (ctx) => {
    const item = media.get(ctx.params.mediaId ?? '');
    if (!item) {
      ctx.status = 404;
      ctx.body = { error: 'no such media' };
      return;
    }
    ctx.type = item.contentType;
    ctx.body = item.bytes;
  });
}
