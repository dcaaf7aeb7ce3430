/**
 * Files of chat messages (docs/dingtalk.md §2.7): download what a person sent (DingTalk's `downloadCode` →
 * a short-lived URL → the bytes), and upload a picture so a card can show it (an image media id, `@lA…`).
 */
import type { Result } from '../shared/result';

export type DownloadRefusal =
  /** Larger than `maxBytes`: reading stopped there, nothing kept. `size` is what DingTalk announced, when it did. */
  | { code: 'TOO_LARGE'; size: number | null }
  /** DingTalk would not hand it out (expired code, network, server): `message` for the log only. */
  | { code: 'UNAVAILABLE'; message: string };

export interface DownloadedFile {
  bytes: Uint8Array;
  /** The served `Content-Type` (`application/octet-stream` when none). */
  contentType: string;
}

export interface ChatFiles {
  /** The whole file, or a refusal: never a part of it. */
  download(downloadCode: string, maxBytes: number): Promise<Result<DownloadedFile, DownloadRefusal>>;
  /** Upload an image for cards; its media id. Throws when DingTalk refuses (the card then lists the file only). */
  uploadImage(bytes: Uint8Array, name: string, contentType: string): Promise<string>;
}
