import { attachmentName, checkAttachment, formatSize, isThumbnailType, sniffContentType } from '../../../../src/domain/attachments/attachment';

describe('attachment rules', () => {
  it('refuses empty, program and oversized files; takes the rest', () => {
    expect(checkAttachment({ name: 'a.png', size: 0 }, 100)).toEqual({ ok: false, error: { code: 'empty' } });
    expect(checkAttachment({ name: 'setup.EXE', size: 10 }, 100)).toEqual({ ok: false, error: { code: 'unsupported', name: 'setup.EXE' } });
    expect(checkAttachment({ name: 'a.png', size: 101 }, 100)).toEqual({ ok: false, error: { code: 'too_large', size: 101, maxBytes: 100 } });
    expect(checkAttachment({ name: 'a.png', size: 100 }, 100)).toEqual({ ok: true, value: undefined });
    expect(checkAttachment({ name: 'logs.zip', size: 5 }, 100).ok).toBe(true);
  });

  it('names: the file own name without path parts, else kind-n.ext from the content type', () => {
    expect(attachmentName({ kind: 'file', name: 'C:\\tmp\\report.xlsx' }, 'application/octet-stream', 1)).toBe('report.xlsx');
    expect(attachmentName({ kind: 'picture', name: null }, 'image/png', 2)).toBe('picture-2.png');
    expect(attachmentName({ kind: 'audio', name: null }, 'application/octet-stream', 1)).toBe('audio-1.amr');
  });

  it('sizes and thumbnails', () => {
    expect(formatSize(850)).toBe('850 B');
    expect(formatSize(12_595)).toBe('12.3 KB');
    expect(formatSize(4.5 * 1024 * 1024)).toBe('4.5 MB');
    expect(isThumbnailType('picture', 'image/png')).toBe(true);
    expect(isThumbnailType('picture', 'image/webp')).toBe(false);
    expect(isThumbnailType('file', 'image/png')).toBe(false);
  });
});


describe('sniffContentType', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
  it('keeps a served type that says something; reads pictures and recordings served as octet-stream', () => {
    expect(sniffContentType(png, 'text/plain')).toBe('text/plain');
    expect(sniffContentType(png, 'application/octet-stream')).toBe('image/png');
    expect(sniffContentType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), '')).toBe('image/jpeg');
    expect(sniffContentType(new TextEncoder().encode('#!AMR\n'), 'application/octet-stream')).toBe('audio/amr');
    expect(sniffContentType(new TextEncoder().encode('hello'), 'application/octet-stream')).toBe('application/octet-stream');
  });
});
