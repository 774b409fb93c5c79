import { describe, expect, it } from 'vitest';
import type { LogBatch } from '../../shared/ipc.js';
import type { RequestRecord } from '../../shared/log.js';
import { HISTORY_REQUESTS, LogHistory } from '../../main/log-history.js';

function request(serverId: string, n: number): LogBatch['requests'][number] {
  const record: RequestRecord = {
    time: n,
    client: '127.0.0.1',
    clientPort: 1,
    connectionId: n,
    requestIndex: 1,
    requestLine: `GET /${n} HTTP/1.1`,
    method: 'GET',
    path: `/${n}`,
    requestVersion: 'HTTP/1.1',
    status: 200,
    size: 0,
    durationMs: 0,
    requestHeaders: [],
    responseStatusLine: 'HTTP/1.1 200 OK',
    responseHeaders: [],
    keptAlive: false,
  };
  return { ...record, serverId };
}

describe('LogHistory', () => {
  it('replays each server’s newest records, bounded, stamped with the last batch', () => {
    const history = new LogHistory();
    const total = HISTORY_REQUESTS + 25;
    for (let n = 1; n <= total; n++) {
      history.record({ requests: [request('a', n)], messages: [], dropped: 0, seq: n });
    }
    history.record({ requests: [request('b', 0)], messages: [], dropped: 0, seq: total + 1 });
    const replay = history.replay();
    expect(replay.seq).toBe(total + 1);
    const a = replay.requests.filter((r) => r.serverId === 'a');
    expect(a).toHaveLength(HISTORY_REQUESTS);
    expect(a[0]?.path).toBe(`/${total - HISTORY_REQUESTS + 1}`);
    expect(a.at(-1)?.path).toBe(`/${total}`);
    expect(replay.requests.filter((r) => r.serverId === 'b')).toHaveLength(1);
  });

  it('forgets a cleared server', () => {
    const history = new LogHistory();
    history.record({ requests: [request('a', 1)], messages: [], dropped: 0, seq: 1 });
    history.clear('a');
    expect(history.replay().requests).toEqual([]);
    expect(history.replay().seq).toBe(1);
  });
});
