import { allowedContentType, assertContentMatchesType, contentDisposition, sanitiseFileName } from '../../../../platform/src/domain/attachment/attachment-policy';

describe('attachment policy', () => {
  it('given a declared type with parameters or capitals, then it is normalised to the bare allowed type', () => {
    expect(allowedContentType('Application/PDF; charset=binary')).toBe('application/pdf');
    expect(allowedContentType('application/ofd')).toBe('application/ofd');
  });

  it.each([undefined, '', 'application/zip', 'image/svg+xml', 'text/html'])('given the type %j, then it is refused with 415', (type) => {
    expect(() => allowedContentType(type)).toThrow(expect.objectContaining({ status: 415 }));
  });

  it('given bytes that start like the declared type, then they pass; otherwise 415', () => {
    expect(() => assertContentMatchesType('application/ofd', Buffer.from('PK\x03\x04rest', 'latin1'))).not.toThrow();
    expect(() => assertContentMatchesType('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).not.toThrow();
    expect(() => assertContentMatchesType('application/pdf', Buffer.from('%PD'))).toThrow(expect.objectContaining({ status: 415 }));
    expect(() => assertContentMatchesType('image/png', Buffer.from('%PDF-1.4'))).toThrow(expect.objectContaining({ status: 415 }));
  });

  it('given a name longer than 255 characters, then it is cut by code points with the extension kept', () => {
    const name = sanitiseFileName(`${'𠀀'.repeat(300)}.pdf`);
    expect(Array.from(name)).toHaveLength(255);
    expect(name.endsWith('𠀀.pdf')).toBe(true);
  });

  it('given Windows-reserved characters or dot tricks, then they cannot survive', () => {
    expect(sanitiseFileName('a:b*c?"d".pdf')).toBe('a_b_c__d_.pdf');
    expect(sanitiseFileName('.. . ..hidden.pdf. . ')).toBe('hidden.pdf');
  });

  it('given a Chinese name with quotes, then Content-Disposition has an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition("函(1)'.pdf")).toBe("attachment; filename=\"_(1)'.pdf\"; filename*=UTF-8''%E5%87%BD%281%29%27.pdf");
  });
});
