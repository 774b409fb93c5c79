/**
 * The bodies main keeps for the inspector (main/body-store.ts), on real sockets: only the
 * selected server's sink asks the engine for bodies, selecting another server lets the kept
 * ones go, and the newest exchanges are kept within the count and memory caps.
 */
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogBatch, ServerState } from '../../shared/ipc.js';
import type { RequestRecord } from '../../shared/log.js';
import { defaultServerConfig } from '../../shared/settings.js';
import { BodyStore } from '../../main/body-store.js';
import { ServerHost } from '../../main/server-host.js';
import { makeHandlerClass } from '../../main/server/configure.js';
import { ThreadingHTTPServer } from '../../main/server/http-server.js';
import { RecordingSink } from '../helpers/recording-sink.js';
import { tempDir, waitFor, type TempDir } from './helpers.js';

let site: TempDir;

function get(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

beforeEach(() => {
  site = tempDir();
  site.file('notes.txt', 'Line one\n');
  site.file('big.bin', 'x'.repeat(100 * 1024));
});

afterEach(() => site.remove());

describe('ServerHost keeps the selected server’s bodies', () => {
  let host: ServerHost;
  let records: Array<RequestRecord & { serverId: string }>;

  beforeEach(() => {
    records = [];
    host = new ServerHost(
      {
        onState: () => undefined,
        onLog: (batch: LogBatch) => records.push(...batch.requests),
      },
      { batchIntervalMs: 5 },
    );
  });

  afterEach(() => host.stopAll());

  async function start(id: string): Promise<ServerState> {
    return host.start({ ...defaultServerConfig(id, site.path), bind: '127.0.0.1', port: 0 });
  }

  async function recordOf(serverId: string, count: number): Promise<RequestRecord> {
    return waitFor(() => records.filter((r) => r.serverId === serverId)[count - 1]);
  }

  const query = (serverId: string, record: RequestRecord) => ({
    serverId,
    connectionId: record.connectionId,
    requestIndex: record.requestIndex,
  });

  it('answers the selected server’s exchange, not another’s, and switches with the selection', async () => {
    const a = await start('a');
    const b = await start('b');
    host.keepBodiesFor('a');
    await get(a.boundPort!, '/notes.txt');
    await get(b.boundPort!, '/notes.txt');
    const fromA = await recordOf('a', 1);
    const fromB = await recordOf('b', 1);
    expect(host.exchangeBodies(query('a', fromA))).toEqual({
      request: null,
      response: { kind: 'text', text: 'Line one\n', more: 0, total: 9 },
    });
    expect(host.exchangeBodies(query('b', fromB))).toBeNull();

    host.keepBodiesFor('b');
    expect(host.exchangeBodies(query('a', fromA))).toBeNull();
    await get(b.boundPort!, '/big.bin');
    const big = host.exchangeBodies(query('b', await recordOf('b', 2)));
    expect(big?.response).toMatchObject({ kind: 'text', more: 100 * 1024 - 64 * 1024 });
    expect(big?.response.total).toBe(100 * 1024);
  });

  it('forgets a server’s bodies when its log is cleared', async () => {
    const a = await start('a');
    host.keepBodiesFor('a');
    await get(a.boundPort!, '/notes.txt');
    const record = await recordOf('a', 1);
    expect(host.exchangeBodies(query('a', record))).not.toBeNull();
    host.clearLog('a');
    expect(host.exchangeBodies(query('a', record))).toBeNull();
  });
});

describe('BodyStore caps', () => {
  async function serveInto(store: BodyStore, paths: string[]): Promise<RequestRecord[]> {
    const sink = new RecordingSink();
    const server = new ThreadingHTTPServer(
      ['127.0.0.1', 0],
      makeHandlerClass({ directory: site.path }),
      { logSink: store.sinkFor('s', sink), allowedHosts: ['*'] },
    );
    await server.ready;
    const served = server.serveForever();
    try {
      for (const p of paths) await get(server.serverPort, p);
      return await sink.waitForRequests(paths.length);
    } finally {
      await server.shutdown();
      await server.serverClose();
      await served;
    }
  }

  const viewOf = (store: BodyStore, r: RequestRecord) =>
    store.view({ serverId: 's', connectionId: r.connectionId, requestIndex: r.requestIndex });

  it('keeps the newest exchanges up to the count cap', async () => {
    const store = new BodyStore(3, 1024 * 1024);
    store.select('s');
    const records = await serveInto(store, Array(5).fill('/notes.txt'));
    expect(records.map((r) => viewOf(store, r) !== null)).toEqual([false, false, true, true, true]);
  });

  it('keeps the newest exchanges within the memory cap, 64 KiB a body at most', async () => {
    const store = new BodyStore(200, 150 * 1024);
    store.select('s');
    const records = await serveInto(store, Array(4).fill('/big.bin'));
    expect(store.bytes).toBe(2 * 64 * 1024);
    expect(records.map((r) => viewOf(store, r) !== null)).toEqual([false, false, true, true]);
  });

  it('copies nothing for a server that is not selected', async () => {
    const store = new BodyStore();
    store.select('other');
    const records = await serveInto(store, ['/notes.txt']);
    expect(store.bytes).toBe(0);
    expect(viewOf(store, records[0]!)).toBeNull();
  });
});
