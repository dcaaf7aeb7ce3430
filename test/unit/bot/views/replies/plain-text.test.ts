/** User text is shown inert: Markdown links unwrapped, tags broken, @all neutralised; templates filled. */
import { charCount, fill, neutralise, oneLine, placeholders, truncate } from '../../../../../src/bot/views/replies/plain-text';

describe('neutralise', () => {
  it.each([
    ['[点我](http://evil.example)', '点我 (http://evil.example)'],
    ['![img](http://x/y.png)', 'img (http://x/y.png)'],
    ['[](http://x)', 'http://x'],
    ['a ](b', 'a ] (b'],
    ['@all 快看', '＠all 快看'],
    ['@ALL', '＠ALL'],
    ['@所有人 紧急', '＠所有人 紧急'],
    ['@everyone', '＠everyone'],
    ['@allen 你好', '@allen 你好'],
    ['mail me: a@b.com', 'mail me: a@b.com'],
    ['<font color=red>红</font>', '< font color=red>红< /font>'],
    ['a\u0000b\u202ec', 'abc'],
    ['line1\r\nline2', 'line1\nline2'],
  ])('%j → %j', (input, output) => {
    expect(neutralise(input)).toBe(output);
  });

  it('oneLine collapses white space and cuts by code points (no broken emoji)', () => {
    expect(oneLine('a\n\n b\tc', 10, '…')).toBe('a b c');
    expect(oneLine('😀😀😀😀', 2, '…')).toBe('😀😀…');
  });
});

describe('templates', () => {
  it('fill replaces known names and leaves unknown ones visible', () => {
    expect(fill('{ref} {status} {x}', { ref: 'R-000001', status: '新建' })).toBe('R-000001 新建 {x}');
    expect(fill('{n}', { n: 3 })).toBe('3');
    expect(placeholders('{a} and {b}')).toEqual(['a', 'b']);
  });

  it('counts and cuts characters as people do', () => {
    expect(charCount('葡萄😀')).toBe(3);
    expect(truncate('abcdef', 3, '…')).toBe('abc…');
    expect(truncate('abc', 3, '…')).toBe('abc');
  });
});
