import { UnsupportedMediaTypeError, ValidationError } from '../../errors/problem-error';

/** 20 MiB: a multi-page scanned 书面公函 fits; a video of an inspection does not belong in the database. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** Longest stored file name, in characters (the column is varchar(255)). */
export const MAX_FILE_NAME_LENGTH = 255;

/** Where a bad file name is reported: the upload takes it from the query string. */
const FILE_NAME_POINTER = '/query/fileName';

/**
 * The evidence formats we accept, each with the leading bytes every genuine
 * file of that type starts with. Checking them means a renamed executable
 * declared as a PDF is refused instead of stored and later served as one.
 * OFD (GB/T 33190, the Chinese e-document format of official letters) is a
 * ZIP container.
 */
export const ALLOWED_ATTACHMENT_TYPES: Readonly<Record<string, { label: string; magic: readonly number[] }>> = {
  'application/pdf': { label: 'PDF', magic: [...Buffer.from('%PDF-', 'latin1')] },
  'image/png': { label: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'image/jpeg': { label: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  'application/ofd': { label: 'OFD', magic: [0x50, 0x4b, 0x03, 0x04] },
};

const allowedList = () => Object.keys(ALLOWED_ATTACHMENT_TYPES).join(', ');

/**
 * The declared media type without parameters, lower-cased, if it is on the
 * allow list.
 * @throws UnsupportedMediaTypeError for a missing or unlisted type.
 */
export function allowedContentType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (!type) throw new UnsupportedMediaTypeError(`Send the file with its Content-Type; allowed: ${allowedList()}.`);
  if (!Object.hasOwn(ALLOWED_ATTACHMENT_TYPES, type)) throw new UnsupportedMediaTypeError(`Files of type ${type} are not accepted as evidence; allowed: ${allowedList()}.`);
  return type;
}

/**
 * @throws UnsupportedMediaTypeError when the bytes do not start like a file of
 *   the declared type (a renamed executable, a PNG declared as a PDF).
 */
export function assertContentMatchesType(contentType: string, bytes: Uint8Array): void {
  const spec = ALLOWED_ATTACHMENT_TYPES[contentType];
  if (!spec) throw new UnsupportedMediaTypeError(`Files of type ${contentType} are not accepted as evidence; allowed: ${allowedList()}.`);
  const matches = bytes.length >= spec.magic.length && spec.magic.every((b, i) => bytes[i] === b);
  if (!matches) throw new UnsupportedMediaTypeError(`The content is not a ${spec.label} file, although it was declared as ${contentType}.`);
}

/** C0/C1 controls and the bidirectional overrides that can disguise "gpj.exe" as "exe.jpg". */
const INVISIBLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** Characters that are path syntax or illegal in Windows names; replaced so a download saves anywhere. */
const RESERVED = /[<>:"|?*]/g;

/**
 * The name to store and to offer on download: only the last path segment of
 * what the client sent, NFC-normalised (so one name has one spelling), with
 * controls removed, no leading dots (so `..` cannot survive) or trailing
 * dots and spaces, at most 255 characters with the extension kept.
 * Names never reach a file system, but they do reach browsers' save dialogs
 * and other systems' exports, where `../../etc/passwd` must mean `passwd`.
 * @throws ValidationError when nothing usable is left.
 */
export function sanitiseFileName(raw: string): string {
  const cleaned = raw.normalize('NFC').replace(INVISIBLE, '');
  const base = cleaned.split(/[/\\]/).pop() ?? '';
  const name = base.replace(RESERVED, '_').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!name) throw new ValidationError('The file name is empty once its path is removed; send a name such as 协查函.pdf.', [{ pointer: FILE_NAME_POINTER, message: 'must contain a file name' }]);
  return truncateKeepingExtension(name, MAX_FILE_NAME_LENGTH);
}

/** Cut by code points (what PostgreSQL counts), never splitting a surrogate pair, keeping a short extension. */
function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length === 0 || extension.length > 16) return chars.slice(0, max).join('');
  const stem = Array.from(name.slice(0, dot));
  return stem.slice(0, max - extension.length).join('').trimEnd() + extension.join('');
}

/**
 * A Content-Disposition value that saves under the stored name: an ASCII
 * fallback for old clients and the exact UTF-8 name per RFC 6266 / 8187, so
 * Chinese names survive every browser.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
