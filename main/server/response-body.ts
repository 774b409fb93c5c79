/**
 * What `send_head` returns for `do_GET` to copy: a Buffer (small files and listings, sent
 * with the head in one write), an open file streamed in constant memory, parts of either
 * for a 206 (byte-ranges.ts), or a big listing's buffers (listing-slices.ts).
 */
import type { FileHandle } from 'node:fs/promises';
import type { ByteRange } from './byte-ranges.js';

export class FileBody {
  constructor(
    readonly handle: FileHandle,
    /** The Content-Length that was promised: never send more, close if the file gives less. */
    readonly size: number,
  ) {}

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** One part of a 206: `head` (a multipart delimiter and headers, or empty), then the bytes. */
export interface BodyPart {
  head: Buffer;
  range: ByteRange;
}

/**
 * A 206 body: ranges of `source` — the cached bytes (sent as slices of that one buffer) or
 * the open file (streamed from each range's offset) — then `tail` (the close delimiter).
 */
export class PartialBody {
  constructor(
    readonly source: Buffer | FileBody,
    readonly parts: readonly BodyPart[],
    readonly tail: Buffer = Buffer.alloc(0),
  ) {}
}

/**
 * A big listing: its head, the shared slices of rendered entries and its tail, written one
 * after the other with backpressure; `release` lets go of the shared slices.
 */
export class SlicedBody {
  readonly length: number;
  constructor(
    readonly parts: readonly Buffer[],
    readonly release: () => void,
  ) {
    this.length = parts.reduce((sum, part) => sum + part.length, 0);
  }
}

export type ResponseBody = Buffer | FileBody | PartialBody | SlicedBody;

export async function closeBody(body: ResponseBody): Promise<void> {
  if (body instanceof PartialBody) await closeBody(body.source);
  else if (body instanceof FileBody) await body.close();
  else if (body instanceof SlicedBody) body.release();
}
