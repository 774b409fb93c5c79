/**
 * The `multipart/byteranges` layout of a 206 with several parts (RFC 9110 §14.6): each part
 * is a delimiter line, its own Content-Type and Content-Range, a blank line and the bytes.
 * The layout is computed before anything is sent, so Content-Length is exact and the bytes
 * themselves still stream from the file (or a slice of the cached buffer) part by part.
 */
import { randomBytes } from 'node:crypto';
import { contentRange, rangeLength, type ByteRange } from './byte-ranges.js';

export interface MultipartPart {
  /** Delimiter and part headers, sent before the part's bytes. */
  head: Buffer;
  range: ByteRange;
}

export interface MultipartLayout {
  /** The response's Content-Type. */
  contentType: string;
  parts: MultipartPart[];
  /** The close delimiter, sent after the last part. */
  tail: Buffer;
  /** Content-Length of the whole body. */
  length: number;
}

/**
 * A fresh random boundary per response: a file's own bytes cannot be made to contain it in
 * advance (RFC 2046 §5.1.1 asks that a boundary not occur in the encapsulated data).
 */
export function newBoundary(): string {
  return `httpdesk-${randomBytes(12).toString('hex')}`;
}

/** Every boundary from newBoundary() has this length. */
const BOUNDARY_LENGTH = 'httpdesk-'.length + 24;

function partHead(
  index: number,
  boundary: string,
  partType: string,
  range: ByteRange,
  size: number,
): string {
  // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1); the first part
  // needs none.
  const lead = index === 0 ? '' : '\r\n';
  return `${lead}--${boundary}\r\nContent-Type: ${partType}\r\nContent-Range: ${contentRange(range, size)}\r\n\r\n`;
}

/**
 * An upper bound on what one part adds besides its data: the largest Content-Range a file
 * of `size` bytes can have. The range policy weighs many small parts with it.
 */
export function partOverhead(partType: string, size: number): number {
  const boundary = 'x'.repeat(BOUNDARY_LENGTH);
  const widest = { start: size, end: size };
  return Buffer.byteLength(partHead(1, boundary, partType, widest, size), 'latin1');
}

export function multipartLayout(
  ranges: readonly ByteRange[],
  size: number,
  partType: string,
  boundary = newBoundary(),
): MultipartLayout {
  const parts = ranges.map((range, index) => ({
    head: Buffer.from(partHead(index, boundary, partType, range, size), 'latin1'),
    range,
  }));
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  const length = parts.reduce((sum, p) => sum + p.head.length + rangeLength(p.range), tail.length);
  return { contentType: `multipart/byteranges; boundary=${boundary}`, parts, tail, length };
}
