/**
 * The FAQ file (docs/faq-format.md): `version: 1` and a `faqs:` list of `{code, question, answer, service,
 * subcategory?, keywords?, status?}`. Every problem is reported at once with its path (`faqs[3].answer`); the
 * reader adds the line. Services and subcategories must exist in the directory; text is neutralised like ticket text.
 */
import type { Directory } from '../directory/directory';
import { show, type DirectoryIssue } from '../directory/directory-issue';
import { err, ok, type Result } from '../shared/result';
import { charCount } from '../shared/text';
import { FAQ_ANSWER_MAX, FAQ_KEYWORD_MAX, FAQ_KEYWORDS_MAX, FAQ_QUESTION_MAX, FAQ_STATUSES, neutraliseFaqText, type FaqFileEntry, type FaqStatus } from './faq';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FIELDS = new Set(['code', 'question', 'answer', 'service', 'subcategory', 'keywords', 'status']);

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateFaqFile(raw: unknown, dir: Directory | null): Result<FaqFileEntry[], DirectoryIssue[]> {
  const issues: DirectoryIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  if (!isMap(raw)) return err([{ path: '', message: 'expected a map with `version: 1` and a `faqs:` list' }]);
  if (raw.version !== 1) issue('version', `must be 1, got ${show(raw.version)}`);
  for (const key of Object.keys(raw)) if (key !== 'version' && key !== 'faqs') issue(key, 'unknown key');
  if (!Array.isArray(raw.faqs)) {
    issue('faqs', `expected a list, got ${show(raw.faqs)}`);
    return err(issues);
  }
  const out: FaqFileEntry[] = [];
  const codes = new Map<string, number>();
  raw.faqs.forEach((item: unknown, i: number) => {
    const at = `faqs[${i}]`;
    if (!isMap(item)) return issue(at, `expected a map, got ${show(item)}`);
    for (const key of Object.keys(item)) if (!FIELDS.has(key)) issue(`${at}.${key}`, 'unknown key');
    const str = (key: string, required: boolean, max: number): string | null => {
      const v = item[key];
      if (v === undefined || v === null) {
        if (required) issue(`${at}.${key}`, 'is required');
        return null;
      }
      if (typeof v !== 'string') {
        issue(`${at}.${key}`, `expected a string, got ${show(v)}`);
        return null;
      }
      const text = neutraliseFaqText(v);
      if (required && text === '') issue(`${at}.${key}`, 'must not be empty');
      if (charCount(text) > max) issue(`${at}.${key}`, `is ${charCount(text)} characters long; at most ${max} are allowed`);
      return text;
    };
    const code = str('code', true, 64);
    if (code !== null && code !== '' && !CODE.test(code)) issue(`${at}.code`, `${show(code)} is not a code (letters, digits, ".", "_", "-")`);
    if (code) {
      const first = codes.get(code);
      if (first !== undefined) issue(`${at}.code`, `${show(code)} is also the code of faqs[${first}]`);
      else codes.set(code, i);
    }
    const question = str('question', true, FAQ_QUESTION_MAX);
    const answer = str('answer', true, FAQ_ANSWER_MAX);
    const service = str('service', true, 64);
    const subcategory = str('subcategory', false, 64);
    if (service && dir) {
      const s = dir.service(service);
      if (!s) issue(`${at}.service`, `unknown service ${show(service)}`);
      else if (subcategory && !s.subcategories.some((c) => c.code === subcategory)) {
        issue(`${at}.subcategory`, `unknown subcategory ${show(subcategory)} of service ${show(service)}`);
      }
    }
    let keywords: string[] = [];
    if (item.keywords !== undefined && item.keywords !== null) {
      if (!Array.isArray(item.keywords)) issue(`${at}.keywords`, `expected a list of strings, got ${show(item.keywords)}`);
      else {
        if (item.keywords.length > FAQ_KEYWORDS_MAX) issue(`${at}.keywords`, `has ${item.keywords.length} keywords; at most ${FAQ_KEYWORDS_MAX} are allowed`);
        item.keywords.forEach((k: unknown, j: number) => {
          if (typeof k !== 'string' || neutraliseFaqText(k) === '') issue(`${at}.keywords[${j}]`, `expected a non-empty string, got ${show(k)}`);
          else if (charCount(k) > FAQ_KEYWORD_MAX) issue(`${at}.keywords[${j}]`, `is longer than ${FAQ_KEYWORD_MAX} characters`);
        });
        keywords = item.keywords.filter((k: unknown): k is string => typeof k === 'string').map(neutraliseFaqText).filter((k) => k !== '');
      }
    }
    let status: FaqStatus = 'published';
    if (item.status !== undefined) {
      if (typeof item.status === 'string' && (FAQ_STATUSES as readonly string[]).includes(item.status)) status = item.status as FaqStatus;
      else issue(`${at}.status`, `must be one of ${FAQ_STATUSES.join(', ')}, got ${show(item.status)}`);
    }
    if (code && question && answer && service) out.push({ code, question, answer, service, subcategory, keywords, status });
  });
  return issues.length > 0 ? err(issues) : ok(out);
}
