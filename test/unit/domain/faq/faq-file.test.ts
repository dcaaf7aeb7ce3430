/** The FAQ file: every error at once with its path and line; text neutralised; answers over 2,000 characters refused. */
import { loadFaqText } from '../../../../src/adapters/faq/faq-yaml';
import { Directory } from '../../../../src/domain/directory/directory';
import { formatDirectoryIssue } from '../../../../src/domain/directory/validate-directory';
import { demoData } from '../../../support/demo';

const dir = new Directory(demoData());

describe('FAQ file', () => {
  it('reports every error at once, with path and line', () => {
    const text = [
      'version: 1',
      'faqs:',
      '  - code: ok-one',
      '    question: 怎么开发票？',
      '    answer: 在订单里申请开票。',
      '    service: BJ-SALES-OPS',
      '  - code: too-long',
      '    question: 长答案',
      `    answer: ${'很'.repeat(2001)}`,
      '    service: BJ-SALES-OPS',
      '  - code: ok-one',
      '    question: 重复的 code',
      '    answer: x',
      '    service: NO-SUCH',
      '    status: live',
      '  - question: 没有 code',
      '    answer: y',
      '    service: BJ-IT',
      '    subcategory: nope',
      '    keywords: [1]',
    ].join('\n');
    const r = loadFaqText(text, dir);
    expect(r.ok).toBe(false);
    const lines = r.ok ? [] : r.error.map(formatDirectoryIssue);
    expect(lines).toEqual([
      'line 9: faqs[1].answer: is 2001 characters long; at most 2000 are allowed',
      'line 11: faqs[2].code: "ok-one" is also the code of faqs[0]',
      'line 14: faqs[2].service: unknown service "NO-SUCH"',
      'line 15: faqs[2].status: must be one of draft, published, retired, got "live"',
      'line 16: faqs[3].code: is required',
      'line 19: faqs[3].subcategory: unknown subcategory "nope" of service "BJ-IT"',
      'line 20: faqs[3].keywords[0]: expected a non-empty string, got number 1',
    ]);
  });

  it('reads a valid file, neutralising text (no @all, no Markdown links) and defaulting status to published', () => {
    const r = loadFaqText(
      ['version: 1', 'faqs:', '  - code: a', '    question: "@all 怎么开票"', '    answer: "看 [这里](http://x.example) <b>吧</b>"', '    service: BJ-SALES-OPS', '    keywords: [开票]'].join('\n'),
      dir,
    );
    expect(r.ok && r.value).toEqual([
      { code: 'a', question: '＠all 怎么开票', answer: '看 这里 (http://x.example) < b>吧< /b>', service: 'BJ-SALES-OPS', subcategory: null, keywords: ['开票'], status: 'published' },
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const r = loadFaqText('version: 1\nfaqs:\n  - code: [unclosed\n', dir);
    expect(r.ok ? [] : r.error.map((e) => e.line)).toEqual([4]);
  });
});
