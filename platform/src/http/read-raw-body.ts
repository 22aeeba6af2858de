import type { Context } from 'koa';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/problem-error';

/**
 * Read a raw (non-JSON) request body into one buffer, never holding more than
 * `maxBytes`: a declared Content-Length above the limit is refused before a
 * byte is read, and a body that passes the limit while streaming (chunked, or
 * a lying Content-Length) stops being read at once. Either way the answer is
 * 413 and the connection is closed after it, so the rest of the body is not
 * read at all. Compressed bodies are refused: what is stored and hashed must
 * be the file exactly as the client holds it.
 * @throws PayloadTooLargeError, UnsupportedMediaTypeError (Content-Encoding), BadRequestError (client aborted).
 */
export async function readRawBody(ctx: Context, maxBytes: number): Promise<Buffer> {
  const encoding = (ctx.get('Content-Encoding') || 'identity').trim().toLowerCase();
  if (encoding !== 'identity') throw new UnsupportedMediaTypeError(`Send the file uncompressed (Content-Encoding ${encoding} is not accepted).`);
  const tooLarge = () => {
    ctx.set('Connection', 'close');
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
        req.pause();
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
