import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {}

/** Read a request body as text, refusing more than `limitBytes` (no body-parser dependency). */
export async function readBodyText(req: IncomingMessage, limitBytes = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limitBytes) throw new BodyTooLargeError(`body larger than ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parse JSON text; `undefined` for empty or malformed input (callers answer 400 or drop). */
export function parseJsonOrUndefined(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
