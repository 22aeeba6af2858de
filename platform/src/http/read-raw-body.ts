import type { Context } from 'koa';
import type { IncomingMessage } from 'node:http';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/problem-error';

/**
 * Read a raw (non-JSON) request body into one buffer, never holding more than
 * `maxBytes`: a declared Content-Length above the limit is refused before a
 * byte is read, and a body that passes the limit while streaming (chunked, or
 * a lying Content-Length) stops being collected at once. Either way the 413
 * is answered immediately; see {@link discardRest} for what happens to the
 * bytes still arriving. Compressed bodies are refused: what is stored and
 * hashed must be the file exactly as the client holds it.
 * @throws PayloadTooLargeError, UnsupportedMediaTypeError (Content-Encoding), BadRequestError (client aborted).
 */
export async function readRawBody(ctx: Context, maxBytes: number): Promise<Buffer> {
  const encoding = (ctx.get('Content-Encoding') || 'identity').trim().toLowerCase();
  if (encoding !== 'identity') throw new UnsupportedMediaTypeError(`Send the file uncompressed (Content-Encoding ${encoding} is not accepted).`);
  const tooLarge = () => {
    discardRest(ctx);
    return new PayloadTooLargeError(`The body is larger than the limit of ${maxBytes} bytes.`, maxBytes);
  };
  const declared = ctx.request.length;
  if (declared !== undefined && declared > maxBytes) throw tooLarge();
  const req = ctx.req;
  if (req.readableEnded) return Buffer.alloc(0);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        cleanup();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new BadRequestError(`The upload was interrupted (${err.message}).`));
    };
    const onClose = () => {
      cleanup();
      reject(new BadRequestError('The upload was interrupted before it ended.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** How long a client that is still sending may go on after its 413 before the connection is cut. */
const LINGER_MS = 10_000;

/**
 * After an early 413, read and throw away (never keep) what the client is
 * still sending, and cut the connection if it goes on for more than
 * {@link LINGER_MS} after the answer. Closing at once instead would make the
 * kernel reset the connection over the unread bytes, and a reset destroys the
 * 413 in the client's buffer before it is read: browsers would then show a
 * network error instead of "file too large". This is nginx's lingering close.
 * Also for any other refusal made before the body is read.
 */
export function discardRest(ctx: Context): void {
  const req: IncomingMessage = ctx.req;
  if (req.readableEnded) return;
  req.on('data', () => undefined);
  req.on('error', () => undefined);
  req.resume();
  ctx.res.once('finish', () => {
    if (req.readableEnded) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
    req.once('end', () => clearTimeout(timer));
  });
}
