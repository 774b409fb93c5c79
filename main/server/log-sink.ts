/**
 * The default log sink: Python's line on stderr for every `log_message`,
 * `client - - [24/Nov/2026 09:30:00] message`. Request records are not built for it
 * (it has no `request` method), which keeps the CLI's hot path lean.
 *
 * Lines logged in one turn of the event loop go out in one write (a loaded server logs two
 * lines per 404 and one per request: one syscall each would cost ~10 % of its time). The
 * order and the text are Python's; a line is at most one loop turn late, and whatever is
 * pending is written before the process exits.
 */
import type { LogSink, MessageRecord } from '../../shared/log.js';
import { formatLogLine as logLine } from '../../shared/log-line.js';

/** Python's stderr line for one `log_message`, newline included. */
export function formatLogLine(record: MessageRecord): string {
  return `${logLine(record.client, record.time, record.text, record.user)}\n`;
}

/**
 * Pending lines above this many characters are written at once rather than next turn: one
 * write per loop turn gave +12 % keep-alive, +24 % 404s (docs/architecture.md § Performance decisions).
 */
const FLUSH_AT_CHARS = 64 * 1024;

let pending = '';
let scheduled = false;

function flushPending(): void {
  scheduled = false;
  if (pending === '') return;
  const text = pending;
  pending = '';
  process.stderr.write(text);
}

process.on('exit', flushPending);

export const stderrLogSink: LogSink = {
  message(record) {
    pending += formatLogLine(record);
    if (pending.length >= FLUSH_AT_CHARS) flushPending();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flushPending);
    }
  },
};

/** A sink that drops everything (benchmarks, embedding). */
export const silentLogSink: LogSink = {
  message() {},
};
