/**
 * Reading an HR export for `npm run people:sync` (docs/domain.md §6.2): CSV with the header
 * `id,name,dingtalk_user_id,org,status[,profiles]` (profiles `;`-separated; RFC 4180 quoting), or JSON (an array of
 * objects with the same keys, `profiles` a list or a `;`-separated string). Each row keeps its line in the file.
 */
import type { HrRow } from '../../domain/staff/hr-rows';

const COLUMNS = ['id', 'name', 'dingtalk_user_id', 'org', 'status', 'profiles'] as const;
const REQUIRED = COLUMNS.slice(0, 5);

export type HrFileParse = { ok: true; rows: HrRow[] } | { ok: false; errors: string[] };

const splitProfiles = (v: unknown): string[] | undefined => {
  const list = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(';') : [];
  const out = list.map((p) => p.trim()).filter((p) => p.length > 0);
  return out.length > 0 ? out : undefined;
};

/** CSV records with the line each starts on (a quoted field may span lines). */
function csvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (any || field.length > 0) out.push({ line: start, fields: [...fields, field] });
      fields = [];
      field = '';
      any = false;
      line++;
      start = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || field.length > 0) out.push({ line: start, fields: [...fields, field] });
  return out;
}

function parseCsv(text: string): HrFileParse {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  if (!header) return { ok: false, errors: ['line 1: the file is empty (header id,name,dingtalk_user_id,org,status[,profiles])'] };
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const errors: string[] = [];
  const missing = REQUIRED.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (missing.length > 0) errors.push(`line ${header.line}: missing column(s) ${missing.join(', ')}`);
  if (unknown.length > 0) errors.push(`line ${header.line}: unknown column(s) ${unknown.join(', ')}`);
  if (errors.length > 0) return { ok: false, errors };
  const rows = records.map(({ line, fields }): HrRow => {
    const get = (c: string) => {
      const i = names.indexOf(c);
      return i >= 0 ? fields[i] : undefined;
    };
    if (fields.length !== names.length) errors.push(`line ${line}: ${fields.length} fields, the header has ${names.length}`);
    return { line, id: get('id'), name: get('name'), dingtalk_user_id: get('dingtalk_user_id'), org: get('org'), status: get('status'), profiles: splitProfiles(get('profiles')) };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

/** The line on which each element of the top-level array starts. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      if (depth === 1) lines.push(line);
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === 1) lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') depth--;
    else if (depth === 1 && /[-0-9tfn]/.test(c) && !/[-0-9a-z.]/.test(text[i - 1] ?? '')) lines.push(line);
  }
  return lines;
}

function parseJson(text: string): HrFileParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`line 1: not valid JSON (${(e as Error).message})`] };
  }
  if (!Array.isArray(doc)) return { ok: false, errors: ['line 1: the JSON must be an array of people'] };
  const lines = elementLines(text);
  const errors: string[] = [];
  const rows = doc.map((entry, i): HrRow => {
    const line = lines[i] ?? 1;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      errors.push(`line ${line}: an entry must be an object`);
      return { line };
    }
    const e = entry as Record<string, unknown>;
    const unknown = Object.keys(e).filter((k) => !(COLUMNS as readonly string[]).includes(k));
    if (unknown.length > 0) errors.push(`line ${line}: unknown key(s) ${unknown.join(', ')}`);
    const str = (k: string) => {
      const v = e[k];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string') errors.push(`line ${line}: ${k} must be a string (quote ids: "0100")`);
      return String(v);
    };
    return { line, id: str('id'), name: str('name'), dingtalk_user_id: str('dingtalk_user_id'), org: str('org'), status: str('status'), profiles: splitProfiles(e.profiles) };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

/** JSON when the file is named `.json` or starts with `[`; CSV otherwise. */
export function parseHrExport(fileName: string, text: string): HrFileParse {
  const json = fileName.toLowerCase().endsWith('.json') || text.trimStart().startsWith('[');
  return json ? parseJson(text) : parseCsv(text);
}
