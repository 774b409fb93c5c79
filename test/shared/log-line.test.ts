/** shared/log-line.ts: server.py's log line and date, for stderr and the exported log. */
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../shared/log.js';
import { MONTH_NAMES, accessLogLine, formatLogDate, formatLogLine } from '../../shared/log-line.js';

/** Local-time moments, so the expected text does not depend on the machine's zone. */
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) =>
  new Date(y, mo - 1, d, h, mi, s).getTime();

describe('formatLogDate (log_date_time_string)', () => {
  it.each([
    [at(2026, 11, 24, 9, 30, 0), '24/Nov/2026 09:30:00'],
    [at(2026, 1, 1, 0, 0, 0), '01/Jan/2026 00:00:00'],
    [at(1999, 12, 31, 23, 59, 59), '31/Dec/1999 23:59:59'],
    [at(2024, 2, 29, 12, 5, 7), '29/Feb/2024 12:05:07'],
    [at(999, 6, 5, 1, 2, 3), '05/Jun/0999 01:02:03'],
  ])('%d → %s', (ms, text) => {
    expect(formatLogDate(ms)).toBe(text);
  });

  it('takes the month from the table it is given (server.py reads self.monthname)', () => {
    const names = MONTH_NAMES.map((name) => name?.toUpperCase() ?? null);
    expect(formatLogDate(at(2026, 3, 4), names)).toBe('04/MAR/2026 00:00:00');
  });

  it('pads a short month name to three characters, as "%3s" does', () => {
    const names = [null, 'J', ...MONTH_NAMES.slice(2)];
    expect(formatLogDate(at(2026, 1, 4), names)).toBe('04/  J/2026 00:00:00');
  });
});

describe('the log line', () => {
  it('is "client - - [date] text"', () => {
    expect(formatLogLine('::1', at(2026, 11, 24, 9, 30), 'code 404, message File not found')).toBe(
      '::1 - - [24/Nov/2026 09:30:00] code 404, message File not found',
    );
  });

  const record = (status: number | null, size: number): RequestRecord =>
    ({
      time: at(2026, 11, 24, 9, 30),
      client: '127.0.0.1',
      requestLine: 'GET /a\\x1bb HTTP/1.1',
      status,
      size,
    }) as RequestRecord;

  it.each([
    [200, 1234, '127.0.0.1 - - [24/Nov/2026 09:30:00] "GET /a\\x1bb HTTP/1.1" 200 1234'],
    [null, 0, '127.0.0.1 - - [24/Nov/2026 09:30:00] "GET /a\\x1bb HTTP/1.1" - 0'],
  ])('an access-log line for status %s, size %d', (status, size, line) => {
    expect(accessLogLine(record(status, size))).toBe(line);
  });
});
