/**
 * HTTP dates as server.py writes and reads them: `date_time_string` (IMF-fixdate, RFC 9110
 * §5.6.7) and the `If-Modified-Since` parsing of `email.utils.parsedate_to_datetime`.
 * The log's date (`log_date_time_string`) is shared/log-line.ts.
 */
import { MONTH_NAMES } from '../../shared/log-line.js';

let cachedSecond = -1;
let cachedDate = '';

/** `date_time_string(timestamp)`: seconds since the epoch → 'Sun, 06 Nov 1994 08:49:37 GMT'. */
export function formatHttpDate(seconds?: number): string {
  if (seconds !== undefined) return new Date(Math.floor(seconds) * 1000).toUTCString();
  // The Date header of every response: format once per second, not once per request.
  const now = Math.floor(Date.now() / 1000);
  if (now !== cachedSecond) {
    cachedSecond = now;
    cachedDate = new Date(now * 1000).toUTCString();
  }
  return cachedDate;
}

const UTC_ZONES = new Set(['', 'GMT', 'UT', 'UTC', 'Z', '+0000', '-0000']);

// RFC 5322 / IMF-fixdate / RFC 850 ("06-Nov-94"), with or without the weekday.
const RFC_DATE =
  /^(?:[A-Za-z]{3,9},?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[a-z]*[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(\S*)\s*$/;
// asctime: "Sun Nov  6 08:49:37 1994".
const ASCTIME =
  /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})\s*$/;

function fullYear(year: number, digits: number): number {
  if (digits > 2) return year;
  return year > 68 ? year + 1900 : year + 2000; // email._parseaddr's pivot
}

function utcMs(
  year: number,
  month: string,
  day: number,
  h: number,
  m: number,
  s: number,
): number | null {
  const monthIndex = MONTH_NAMES.findIndex((name) => name?.toLowerCase() === month.toLowerCase());
  if (monthIndex < 1 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return null;
  return Date.UTC(year, monthIndex - 1, day, h, m, Math.min(s, 59));
}

/**
 * `If-Modified-Since` → ms since the epoch, or null when the date is unusable. As in
 * server.py, a date in a zone other than UTC/GMT is not compared (null).
 */
export function parseHttpDate(text: string): number | null {
  const rfc = RFC_DATE.exec(text.trim());
  if (rfc) {
    const [, day, month, year, h, m, s, zone] = rfc as unknown as string[];
    if (!UTC_ZONES.has((zone ?? '').toUpperCase())) return null;
    return utcMs(
      fullYear(Number(year), (year ?? '').length),
      month ?? '',
      Number(day),
      Number(h),
      Number(m),
      Number(s ?? 0),
    );
  }
  const asc = ASCTIME.exec(text.trim());
  if (asc) {
    const [, month, day, h, m, s, year] = asc as unknown as string[];
    return utcMs(Number(year), month ?? '', Number(day), Number(h), Number(m), Number(s));
  }
  return null;
}
