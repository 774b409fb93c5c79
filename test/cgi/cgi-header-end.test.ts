import { describe, expect, it } from 'vitest';
import { CgiHeaderEndFinder, MAX_CGI_HEADER_BYTES } from '../../main/server/cgi/cgi-header-end.js';

/** Feeds `chunks` and returns how many bytes were kept as header block. */
function headerLength(chunks: Buffer[]): number {
  const finder = new CgiHeaderEndFinder();
  return chunks.reduce((sum, chunk) => sum + finder.feed(chunk), 0);
}

const CASES: ReadonlyArray<[string, string, number]> = [
  ['LF lines', 'Content-type: text/html\n\nbody', 'Content-type: text/html\n\n'.length],
  ['CRLF lines', 'A: 1\r\nB: 2\r\n\r\nbody\r\n\r\n', 'A: 1\r\nB: 2\r\n\r\n'.length],
  ['mixed', 'A: 1\r\n\nbody', 'A: 1\r\n\n'.length],
  ['empty block', '\nbody', 1],
  ['empty block CRLF', '\r\nbody', 2],
  ['CR inside a line', 'A: x\ry\n\nz', 'A: x\ry\n\n'.length],
  ['CR CR LF is not empty', 'A: 1\n\r\r\nB\n\nz', 'A: 1\n\r\r\nB\n\n'.length],
  ['never ends', 'A: 1\nB: 2\n', 'A: 1\nB: 2\n'.length],
];

describe('CgiHeaderEndFinder', () => {
  it.each(CASES)('%s, at every split point', (_name, text, expected) => {
    const bytes = Buffer.from(text, 'latin1');
    for (let split = 0; split <= bytes.length; split++) {
      expect(headerLength([bytes.subarray(0, split), bytes.subarray(split)])).toBe(expected);
    }
    // And one byte at a time.
    expect(headerLength([...bytes].map((b) => Buffer.from([b])))).toBe(expected);
  });

  it('gives up after MAX_CGI_HEADER_BYTES without an empty line', () => {
    const finder = new CgiHeaderEndFinder();
    const line = Buffer.from('X: ' + 'a'.repeat(1021) + '\n');
    let kept = 0;
    for (let i = 0; i < 100; i++) kept += finder.feed(line);
    expect(kept).toBe(MAX_CGI_HEADER_BYTES);
    expect(finder.done).toBe(true);
    expect(finder.feed(Buffer.from('\n\n'))).toBe(0);
  });
});
