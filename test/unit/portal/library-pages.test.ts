/** The FAQ, demand pool and contracts report views (docs/portal.md): reasons in the page's language, data escaped. */
import { portalCatalog } from '../../../src/portal/i18n/portal-catalog';
import { reasonText, renderContracts, renderFaq } from '../../../src/portal/views/library-pages';
import { demoDirectory } from '../../support/demo';

const zh = portalCatalog('zh-CN');
const en = portalCatalog('en');

describe('library pages', () => {
  it('says the contracts report reasons in the page language, dates filled in, unknown ones as they are', () => {
    expect(reasonText(zh.library, 'contract ended 2025-12-31')).toBe('合同已于 2025-12-31 结束');
    expect(reasonText(en.library, 'contract starts 2027-01-01')).toBe('contract starts 2027-01-01');
    expect(reasonText(zh.library, 'no contract')).toBe('没有合同');
    expect(reasonText(zh.library, 'something new')).toBe('something new');
  });

  it('escapes what comes from data and shows counters only for managed services', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const e = { id: 7, code: null, question: '<script>x</script>', answer: 'a & b', service: 'BJ-IT', subcategory: null, keywords: [], status: 'published' as const, author: 'system', source: null, shown: 3, solved: 1, stillHelp: 0, createdAt: at, updatedAt: at };
    const dir = demoDirectory();
    const plain = renderFaq(zh, dir, { words: '"q"', entries: [e], manages: [] });
    expect(plain).not.toContain('<script>x');
    expect(plain).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(plain).toContain('value="&quot;q&quot;"');
    expect(plain).not.toContain('faq-counters');
    expect(renderFaq(en, dir, { words: '', entries: [e], manages: ['BJ-IT'] })).toContain('data-testid="faq-counters"');
    expect(renderFaq(en, dir, { words: 'zzz', entries: [], manages: [] })).toContain(en.library.faq.noMatch);
    expect(renderContracts(zh, { date: '2026-12-01', orgs: [{ org: 'o<1>', name: 'O', people: 1, contracts: [], can: [], cannot: [] }] })).toContain(zh.library.contracts.nothing);
  });
});
