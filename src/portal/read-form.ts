/** The body of a page write: an HTML form (urlencoded) or JSON, at most 64 KiB, as string fields. */
import type { IncomingMessage } from 'node:http';

const MAX = 64 * 1024;

export async function readForm(req: IncomingMessage, type: string): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX) throw Object.assign(new Error('the form is too large'), { status: 413, expose: true });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (type.includes('application/json')) {
    try {
      const j = JSON.parse(text) as unknown;
      if (!j || typeof j !== 'object' || Array.isArray(j)) return {};
      return Object.fromEntries(Object.entries(j as Record<string, unknown>).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}
