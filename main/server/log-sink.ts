/**
 * The default log sink: Python's line on stderr for every `log_message`,
 * `client - - [24/Nov/2026 09:30:00] message`. Request records are not built for it
 * (it has no `request` method), which keeps the CLI's hot path lean.
 */
import type { LogSink, MessageRecord } from '../../shared/log.js';
import { formatLogDate } from './http-date.js';

export function formatLogLine(record: MessageRecord): string {
  return `${record.client} - - [${formatLogDate(record.time)}] ${record.text}\n`;
}

export const stderrLogSink: LogSink = {
  message(record) {
    process.stderr.write(formatLogLine(record));
  },
};

/** A sink that drops everything (benchmarks, embedding). */
export const silentLogSink: LogSink = {
  message() {},
};
