/** main/log-batcher.ts with fake timers: one batch per interval, a cap per batch, drop counts. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogBatch } from '../../shared/ipc.js';
import type { MessageRecord, RequestRecord } from '../../shared/log.js';
import { LogBatcher } from '../../main/log-batcher.js';

const message = (text: string): MessageRecord => ({
  time: 1,
  client: '127.0.0.1',
  clientPort: 5000,
  connectionId: 1,
  level: 'info',
  text,
});

const request = (path: string) =>
  ({ path, status: 200, requestHeaders: [] }) as unknown as RequestRecord;

let batches: LogBatch[];
beforeEach(() => {
  vi.useFakeTimers();
  batches = [];
});
afterEach(() => vi.useRealTimers());

describe('LogBatcher', () => {
  it('emits nothing until the interval passes, then one batch with everything tagged', () => {
    const batcher = new LogBatcher((b) => batches.push(b), 50, 100);
    const a = batcher.sinkFor('a');
    const b = batcher.sinkFor('b');
    a.message(message('one'));
    a.request?.(request('/1'));
    b.message(message('two'));
    vi.advanceTimersByTime(49);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([
      {
        requests: [{ path: '/1', status: 200, requestHeaders: [], serverId: 'a' }],
        messages: [
          { ...message('one'), serverId: 'a' },
          { ...message('two'), serverId: 'b' },
        ],
        dropped: 0,
      },
    ]);
  });

  it('emits no empty batches', () => {
    new LogBatcher((b) => batches.push(b), 50, 100).flush();
    vi.advanceTimersByTime(500);
    expect(batches).toEqual([]);
  });

  it('caps a batch and counts the dropped records; the next batch starts fresh', () => {
    const batcher = new LogBatcher((b) => batches.push(b), 50, 3);
    const sink = batcher.sinkFor('s');
    for (let i = 0; i < 10; i++) sink.message(message(`m${i}`));
    vi.advanceTimersByTime(50);
    expect(batches[0]?.messages.map((m) => m.text)).toEqual(['m0', 'm1', 'm2']);
    expect(batches[0]?.dropped).toBe(7);
    sink.message(message('later'));
    vi.advanceTimersByTime(50);
    expect(batches[1]).toMatchObject({ messages: [{ text: 'later' }], dropped: 0 });
  });

  it('flush sends at once, and a throwing listener does not break logging', () => {
    let calls = 0;
    const batcher = new LogBatcher(() => {
      calls++;
      throw new Error('window closed');
    });
    const sink = batcher.sinkFor('s');
    sink.message(message('x'));
    expect(() => batcher.flush()).not.toThrow();
    sink.message(message('y'));
    vi.advanceTimersByTime(50);
    expect(calls).toBe(2);
  });

  it('tags records with their run, and sends a restart after what the old run logged', () => {
    const batcher = new LogBatcher((b) => batches.push(b), 50, 100);
    batcher.sinkFor('a', 1).request?.(request('/old'));
    const marker = { serverId: 'a', run: 2, time: 5, protocol: 'HTTP/1.0' as const, changes: [] };
    batcher.restart(marker);
    expect(batches.map((b) => [b.requests.map((r) => [r.path, r.run]), b.restarts])).toEqual([
      [[['/old', 1]], undefined],
      [[], [marker]],
    ]);
  });
});
