/**
 * The chat layer's words: both catalogs have the same entries with the same placeholders; every error code the
 * domain and the ticket service return has a sentence; the winner of a claim race is named; handlers hold no
 * Chinese literals (the words live in the catalogs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { botCatalogEn } from '../../../../../src/bot/views/replies/catalog.en';
import { botCatalogZhCN } from '../../../../../src/bot/views/replies/catalog.zh-CN';
import { errorSentence } from '../../../../../src/bot/views/replies/error-sentence';
import { placeholders } from '../../../../../src/bot/views/replies/plain-text';
import { ERROR_CODES, isErrorCode, type ErrorCode } from '../../../../../src/domain/errors/error-codes';
import type { DomainError } from '../../../../../src/domain/shared/result';
import { demoDirectory } from '../../../../support/demo';

const ROOT = path.join(__dirname, '..', '..', '..', '..', '..');

function leaves(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  if (value && typeof value === 'object') {
    return Object.assign({}, ...Object.entries(value).map(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)));
  }
  return {};
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('catalogs', () => {
  const zh = leaves(botCatalogZhCN);
  const en = leaves(botCatalogEn);
  delete zh.locale;
  delete en.locale;

  it('have the same entries', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it.each(Object.keys(leaves(botCatalogZhCN)).filter((k) => k !== 'locale'))('%s: same placeholders in both languages', (key) => {
    expect(placeholders(en[key]!).sort()).toEqual(placeholders(zh[key]!).sort());
  });

  it('every error code returned by the domain, the ticket service or the chat layer has a sentence', () => {
    const codes = new Set<string>();
    // The domain, the use cases, the chat layer's own refusals, and the in-process filing limit (INTAKE.TOO_MANY).
    const folders = [['src', 'domain'], ['src', 'application'], ['src', 'bot'], ['src', 'adapters', 'memory']];
    for (const file of folders.flatMap((f) => sourceFiles(path.join(ROOT, ...f)))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:fail\(|code: )'([A-Z]+\.[A-Z_]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(20);
    // Every code in the source is declared (so the compiler holds the catalogs to it), and has a sentence.
    expect([...codes].filter((c) => !isErrorCode(c))).toEqual([]);
    const missing = ERROR_CODES.filter((c) => !botCatalogZhCN.error[c] || !botCatalogEn.error[c]);
    expect(missing.sort()).toEqual([]);
  });

  it('sentences carry only the placeholders errorSentence fills', () => {
    const filled = ['ref', 'agent', 'state', 'action', 'field', 'max', 'service', 'org', 'step', 'team', 'template', 'problem'];
    for (const c of [botCatalogZhCN, botCatalogEn]) {
      for (const template of Object.values(c.error)) expect(placeholders(template).filter((p) => !filled.includes(p))).toEqual([]);
    }
  });

  /** Files that hold words the bot reads (input grammars), not words it shows. */
  const READ_WORDS = /(catalog\.(zh-CN|en)|command-grammar|intake-match|small-talk|plain-text)\.ts$/;

  it('no Chinese literal outside the catalogs and the input grammars in src/bot', () => {
    const offenders = sourceFiles(path.join(ROOT, 'src', 'bot'))
      .filter((f) => !READ_WORDS.test(f))
      .filter((f) => {
        const code = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        return /[\u4e00-\u9fff]/.test(code);
      })
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});

describe('errorSentence', () => {
  const dir = demoDirectory();

  it('names the winner of a claim race and the state in words', () => {
    const error: DomainError = { code: 'TICKET.ALREADY_ASSIGNED', message: '', details: { ref: 'R-000012', agent: 'bjxiaoshouyunying', state: 'assigned' } };
    expect(errorSentence(error, botCatalogZhCN, dir)).toBe('北京分公司-销售运营 已认领 R-000012。');
    expect(errorSentence(error, botCatalogEn, dir)).toBe('北京分公司-销售运营 already claimed R-000012.');
  });

  it('fills the field and action names in the reader\'s language', () => {
    expect(errorSentence({ code: 'TICKET.FIELD_REQUIRED', message: '', details: { field: 'reason' } }, botCatalogZhCN, dir)).toBe('请填写原因后再提交。');
    expect(errorSentence({ code: 'TICKET.NOT_ALLOWED', message: '', details: { action: 'claim' } }, botCatalogEn, dir)).toBe('You may not claim this ticket.');
    expect(errorSentence({ code: 'ORG.NO_CONTRACT', message: '', details: { org: 'customers' } }, botCatalogZhCN, dir)).toContain('外部客户');
  });

  it('an unknown code still reads as a sentence with the code for support', () => {
    expect(errorSentence({ code: 'X.Y' as ErrorCode, message: '' }, botCatalogEn, null)).toBe('That did not work (X.Y). Please try again later, or contact an administrator.');
  });
});
