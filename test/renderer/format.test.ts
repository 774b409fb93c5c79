/** renderer/log/format.ts: how log values read on screen. */
import { describe, expect, it } from 'vitest';
import { displayText, formatClock, formatDuration, formatSize } from '../../renderer/log/format.js';

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [1024 * 1024, '1.0 MB'],
    [5 * 1024 ** 3, '5.00 GB'],
  ])('%d → %s', (bytes, text) => expect(formatSize(bytes)).toBe(text));
});

describe('formatDuration', () => {
  it.each([
    [0.25, '0.3 ms'],
    [9.94, '9.9 ms'],
    [10, '10 ms'],
    [999.4, '999 ms'],
    [1000, '1.00 s'],
    [12_345, '12.35 s'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatClock', () => {
  it.each([
    [new Date(2026, 0, 2, 14, 3, 7, 412), '14:03:07.412'],
    [new Date(2026, 0, 2, 0, 0, 0, 5), '00:00:00.005'],
  ])('%s → %s', (date, text) => expect(formatClock(date.getTime())).toBe(text));
});

describe('displayText (record text is already scrubbed once)', () => {
  it.each([
    ['GET / HTTP/1.1', 'GET / HTTP/1.1'],
    ['\\x1b[2J', '\\x1b[2J'],
    ['C:\\\\path', 'C:\\\\path'],
    ['\u202eevil', '\\u{202e}evil'],
    ['raw\x07bell', 'raw\\x07bell'],
  ])('%j → %j', (scrubbed, shown) => expect(displayText(scrubbed)).toBe(shown));
});
