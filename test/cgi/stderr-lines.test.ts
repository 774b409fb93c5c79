import { describe, expect, it } from 'vitest';
import { exitCode } from '../../main/server/cgi/cgi-process.js';
import {
  MAX_STDERR_LINE_BYTES,
  MAX_STDERR_LOG_BYTES,
  StderrLines,
} from '../../main/server/cgi/stderr-lines.js';

function collect(chunks: Buffer[]): string[] {
  const lines: string[] = [];
  const splitter = new StderrLines((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('StderrLines', () => {
  it('splits on LF at every chunk boundary, drops CR before LF, keeps a last partial line', () => {
    const text = Buffer.from('first\r\nsecond\n\nthird');
    for (let split = 0; split <= text.length; split++) {
      expect(collect([text.subarray(0, split), text.subarray(split)])).toEqual([
        'first',
        'second',
        '',
        'third',
      ]);
    }
  });

  it('cuts a line with no LF into pieces instead of buffering it whole', () => {
    const long = Buffer.alloc(MAX_STDERR_LINE_BYTES * 2 + 10, 0x78);
    const lines = collect([long]);
    expect(lines.map((l) => l.length)).toEqual([MAX_STDERR_LINE_BYTES, MAX_STDERR_LINE_BYTES, 10]);
  });

  it('stops logging after MAX_STDERR_LOG_BYTES, with one notice', () => {
    const line = Buffer.from('y'.repeat(99) + '\n');
    const lines = collect(Array.from({ length: 1000 }, () => line));
    expect(lines.length).toBe(Math.floor(MAX_STDERR_LOG_BYTES / 99) + 1);
    expect(lines.at(-1)).toBe(`(more stderr output dropped after ${MAX_STDERR_LOG_BYTES} bytes)`);
  });
});

describe('exitCode (os.waitstatus_to_exitcode)', () => {
  it.each([
    [{ code: 0, signal: null }, 0],
    [{ code: 3, signal: null }, 3],
    [{ code: null, signal: 'SIGTERM' as const }, -15],
    [{ code: null, signal: 'SIGKILL' as const }, -9],
  ])('%j → %d', (status, expected) => {
    expect(exitCode(status)).toBe(expected);
  });
});
