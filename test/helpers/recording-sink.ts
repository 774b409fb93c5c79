/**
 * A LogSink that keeps everything the engine logs, so tests can assert the exact Python
 * log line (`formatLogLine`) and the structured RequestRecord of each request.
 *
 * Records are emitted when a request *ends* (after its last byte was flushed), which can be
 * a moment after the client saw the response: use `waitForRequests` / `waitForMessages`.
 */
import type { LogSink, MessageRecord, RequestRecord } from '../../shared/log.js';
import { formatLogLine } from '../../main/server/log-sink.js';
import { EVENTUALLY_MS } from './raw-socket.js';

export class RecordingSink implements LogSink {
  readonly messages: MessageRecord[] = [];
  readonly requests: RequestRecord[] = [];

  message(record: MessageRecord): void {
    this.messages.push(record);
  }

  request(record: RequestRecord): void {
    this.requests.push(record);
  }

  /** The message texts, e.g. `"GET / HTTP/1.1" 200 -`. */
  texts(): string[] {
    return this.messages.map((m) => m.text);
  }

  /** The lines the CLI would print on stderr, without the trailing newline. */
  lines(): string[] {
    return this.messages.map((m) => formatLogLine(m).replace(/\n$/, ''));
  }

  clear(): void {
    this.messages.length = 0;
    this.requests.length = 0;
  }

  async waitForRequests(count: number, timeoutMs = EVENTUALLY_MS): Promise<RequestRecord[]> {
    await waitUntil(() => this.requests.length >= count, timeoutMs, `${count} request records`);
    return this.requests;
  }

  async waitForMessages(count: number, timeoutMs = EVENTUALLY_MS): Promise<string[]> {
    await waitUntil(() => this.messages.length >= count, timeoutMs, `${count} log messages`);
    return this.texts();
  }
}

/** Polls `check` every 5 ms until it is true, or throws after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean,
  timeoutMs = EVENTUALLY_MS,
  what = 'condition',
) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
