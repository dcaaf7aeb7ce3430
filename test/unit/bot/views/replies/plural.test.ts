/**
 * Counts in the reader's language: English "1 person" / "2 people", "1 request" / "2 requests"; Chinese has one
 * form. Every count-of-people or count-of-requests text of the English catalog takes its noun from `count`.
 */
import { DUPLICATE_CARD_ACTIONS } from '../../../../../src/bot/listeners/card-actions/duplicate-card-actions';
import { ACTION_IDS } from '../../../../../src/bot/action-ids';
import { botCatalogEn } from '../../../../../src/bot/views/replies/catalog.en';
import { botCatalogZhCN } from '../../../../../src/bot/views/replies/catalog.zh-CN';
import { counted, plural } from '../../../../../src/bot/views/replies/plural';

function leaves(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  if (value && typeof value === 'object') {
    return Object.assign({}, ...Object.entries(value).map(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)));
  }
  return {};
}

describe('plural', () => {
  it.each([
    [0, '0 people', '0 requests'],
    [1, '1 person', '1 request'],
    [2, '2 people', '2 requests'],
    [21, '21 people', '21 requests'],
  ])('English %i: %s, %s', (n, people, requests) => {
    expect(counted(botCatalogEn, 'people', n)).toBe(people);
    expect(counted(botCatalogEn, 'requests', n)).toBe(requests);
  });

  it.each([
    [1, '1 人', '1 个请求'],
    [2, '2 人', '2 个请求'],
  ])('Chinese %i: %s, %s (one form)', (n, people, requests) => {
    expect(counted(botCatalogZhCN, 'people', n)).toBe(people);
    expect(counted(botCatalogZhCN, 'requests', n)).toBe(requests);
  });

  it('picks the form by the locale\'s plural rules, not by the template', () => {
    const text = { one: 'one:{count}', other: 'other:{count}' };
    expect([0, 1, 2].map((n) => plural(text, n, 'en'))).toEqual(['other:0', 'one:1', 'other:2']);
    expect([0, 1, 2].map((n) => plural(text, n, 'zh-CN'))).toEqual(['other:0', 'other:1', 'other:2']);
  });

  it('no English text writes a number placeholder before a fixed "people"/"persons"/"requests"', () => {
    const en = leaves(botCatalogEn);
    const offenders = Object.entries(en).filter(([k, v]) => !k.startsWith('count.') && /\{[a-zA-Z]+\} (people|persons|person|requests|request)\b/.test(v));
    expect(offenders).toEqual([]);
  });

  it('"incident made from N requests" after the make-incident button, singular and plural', () => {
    const done = DUPLICATE_CARD_ACTIONS[ACTION_IDS.makeIncident]!.done as (c: typeof botCatalogEn, v: unknown, ref: string) => string;
    expect(done(botCatalogEn, { incident: 'I-000007', count: 1 }, 'R-000001')).toBe('Incident I-000007 made from 1 request.');
    expect(done(botCatalogEn, { incident: 'I-000007', count: 2 }, 'R-000001')).toBe('Incident I-000007 made from 2 requests.');
    expect(done(botCatalogZhCN, { incident: 'I-000007', count: 2 }, 'R-000001')).toBe('已由 2 个请求创建工单 I-000007。');
  });
});
