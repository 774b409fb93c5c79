/**
 * How a body reads on screen, for teaching (the composer and the inspector): the first
 * `BODY_VIEW_BYTES` as text (UTF-8, control characters made visible) or, when the bytes are
 * not text, as a hex dump; what is not shown is counted, never silently dropped.
 */
import { scrubForDisplay } from './scrub.js';

/** Bytes of a body shown at most. */
export const BODY_VIEW_BYTES = 64 * 1024;

export interface BodyView {
  kind: 'empty' | 'text' | 'hex';
  /** What to show: scrubbed text, or hex dump lines. */
  text: string;
  /** Bytes of the body not shown. */
  more: number;
}

/** Text if it decodes as UTF-8 and has no NUL or other binary control bytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) {
      return false;
    }
  }
  try {
    // A multi-byte character cut at the end of the shown part is not a reason for hex.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, trimPartial(bytes)));
    return true;
  } catch {
    return false;
  }
}

/** Length without a trailing, incomplete UTF-8 sequence (at most 3 bytes). */
function trimPartial(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** `00000010  48 65 6c 6c 6f 0a …  |Hello.|`, 16 bytes a line. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, hex2).join(' ').padEnd(47, ' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'));
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex}  |${ascii.join('')}|`);
  }
  return lines.join('\n');
}

/** The view of a body of `total` bytes whose first bytes are `shown` (at most BODY_VIEW_BYTES used). */
export function bodyView(shown: Uint8Array, total: number): BodyView {
  const head = shown.subarray(0, BODY_VIEW_BYTES);
  const more = Math.max(0, total - head.length);
  if (total === 0) return { kind: 'empty', text: '', more: 0 };
  if (looksLikeText(head)) {
    const end = trimPartial(head);
    const text = new TextDecoder('utf-8').decode(head.subarray(0, end));
    // Line breaks stay line breaks; every other control reads as an escape (`\x0d`, `\x1b`).
    const scrubbed = text.split('\n').map(scrubForDisplay).join('\n');
    return { kind: 'text', text: scrubbed, more: more + (head.length - end) };
  }
  return { kind: 'hex', text: hexDump(head), more };
}

/** "… 1,982,464 more bytes" or ''. */
export function moreBytesNote(more: number): string {
  return more > 0 ? `… ${more.toLocaleString('en')} more bytes` : '';
}
