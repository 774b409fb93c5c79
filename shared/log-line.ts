/**
 * The access-log line as server.py's `log_message` writes it — `client - - [date] text` —
 * and its `log_date_time_string` date. One formatter for the CLI's stderr, the desktop
 * app's exported log and anything else that prints a record. Pure, so the renderer may
 * import it.
 */
import type { RequestRecord } from './log.js';

/** server.py's `monthname`: index 1 is January, index 0 is unused (`None`). */
export const MONTH_NAMES: readonly (string | null)[] = [
  null,
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

const two = (n: number) => String(n).padStart(2, '0');

/**
 * `log_date_time_string()` for a moment in ms, in local time: '24/Nov/2026 09:30:00'
 * (server.py: `"%02d/%3s/%04d %02d:%02d:%02d" % (day, self.monthname[month], year, …)`).
 */
export function formatLogDate(
  ms: number,
  monthname: readonly (string | null)[] = MONTH_NAMES,
): string {
  const d = new Date(ms);
  const month = String(monthname[d.getMonth() + 1] ?? '').padStart(3, ' ');
  const year = String(d.getFullYear()).padStart(4, '0');
  return `${two(d.getDate())}/${month}/${year} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/**
 * `log_message`'s line without its newline: `client - - [date] text`. With a checked user
 * (`--auth`) the Common Log Format's authuser field shows it: `client - alice [date] text`.
 */
export function formatLogLine(client: string, ms: number, text: string, user?: string): string {
  return `${client} - ${user ?? '-'} [${formatLogDate(ms)}] ${text}`;
}

/**
 * A request as `python -m http.server` logs it (`log_request`), with the body size in place
 * of Python's '-' so a file of them reads as a Common Log Format access log. Record strings
 * are already scrubbed, so the line holds no raw control characters.
 */
export function accessLogLine(record: RequestRecord): string {
  const status = record.status === null ? '-' : String(record.status);
  return formatLogLine(
    record.client,
    record.time,
    `"${record.requestLine}" ${status} ${record.size}`,
  );
}
