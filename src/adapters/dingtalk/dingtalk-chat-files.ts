/**
 * ChatFiles on DingTalk (docs/dingtalk.md §2.7): a message file's `downloadCode` → `POST
 * /v1.0/robot/messageFiles/download` → a short-lived URL, read whole but never past `maxBytes` (the announced
 * `Content-Length` is checked first, then the bytes as they come: a larger file is dropped, nothing kept); an image
 * for a card → `oapi media/upload?type=image` → its media id. Never logs the URL (it is a credential).
 */
import axios, { type AxiosInstance } from 'axios';
import type { Readable } from 'node:stream';
import type { ChatFiles, DownloadedFile, DownloadRefusal } from '../../domain/ports/chat-files.port';
import { err, ok, type Result } from '../../domain/shared/result';
import type { DingTalkOpenApiClient } from './openapi/dingtalk-openapi.client';
import { errorMessage } from '../logging/error-message';

export interface DingTalkChatFilesOptions {
  /** Per download of the file itself (default 60 s). */
  timeoutMs?: number;
  axiosInstance?: AxiosInstance;
}

export class DingTalkChatFiles implements ChatFiles {
  private readonly http: AxiosInstance;

  constructor(
    private readonly client: Pick<DingTalkOpenApiClient, 'messageFileUrl' | 'uploadMedia'>,
    private readonly options: DingTalkChatFilesOptions = {},
  ) {
    this.http = options.axiosInstance ?? axios.create({ maxRedirects: 3 });
  }

  async download(downloadCode: string, maxBytes: number): Promise<Result<DownloadedFile, DownloadRefusal>> {
    let url: string;
    try {
      url = await this.client.messageFileUrl(downloadCode);
    } catch (e) {
      return err({ code: 'UNAVAILABLE', message: errorMessage(e) });
    }
    try {
      const res = await this.http.get<Readable>(url, { responseType: 'stream', timeout: this.options.timeoutMs ?? 60_000, validateStatus: () => true });
      const stream = res.data;
      if (res.status < 200 || res.status >= 300) {
        stream.destroy();
        return err({ code: 'UNAVAILABLE', message: `HTTP ${res.status}` });
      }
      const announced = Number(res.headers['content-length']);
      if (Number.isFinite(announced) && announced > maxBytes) {
        stream.destroy();
        return err({ code: 'TOO_LARGE', size: announced });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream) {
        const b = chunk as Buffer;
        size += b.length;
        if (size > maxBytes) {
          stream.destroy();
          return err({ code: 'TOO_LARGE', size: null });
        }
        chunks.push(b);
      }
      const type = String(res.headers['content-type'] ?? '').trim();
      return ok({ bytes: Buffer.concat(chunks, size), contentType: type || 'application/octet-stream' });
    } catch (e) {
      return err({ code: 'UNAVAILABLE', message: errorMessage(e) });
    }
  }

  uploadImage(bytes: Uint8Array, name: string, contentType: string): Promise<string> {
    return this.client.uploadMedia('image', bytes, name, contentType);
  }
}
