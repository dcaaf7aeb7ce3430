import { attachmentWords } from '../../../../../src/bot/views/replies/attachment-words';

describe('attachment words', () => {
  it('both languages have the same entries and placeholders', () => {
    const zh = attachmentWords('zh-CN') as unknown as Record<string, string>;
    const en = attachmentWords('en') as unknown as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zh)) expect([k, holes(en[k]!)]).toEqual([k, holes(zh[k]!)]);
    expect(zh.voiceHeard).toBe('按语音识别：{text}');
    expect(en.voiceHeard).toBe('From your voice message: {text}');
  });
});
