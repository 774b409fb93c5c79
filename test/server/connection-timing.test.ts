/**
 * ConnectionTiming on real loopback sockets: which outcome each wait ends with (head, eof,
 * timeout with or without a started head, shutdown) and what a body drain reports. Deadlines
 * are short so a wrong rule shows as the wrong outcome, not as a slow test.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionTiming, type HeadParse } from '../../main/server/connection-timing.js';
import { DEFAULT_LIMITS, DEFAULT_PARSER_OPTIONS } from '../../main/server/limits.js';
import { parseRequestHead } from '../../main/server/request-parser.js';
import { SocketReader } from '../../main/server/socket-reader.js';
import { sleep } from '../helpers/raw-socket.js';

interface Pair {
  client: net.Socket;
  reader: SocketReader;
  close(): void;
}

const open: Pair[] = [];
afterEach(() => {
  for (const pair of open.splice(0)) pair.close();
});

/** A connected loopback pair: the test writes on `client`, the timing reads the other end. */
async function socketPair(): Promise<Pair> {
  const listener = net.createServer({ allowHalfOpen: true });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as net.AddressInfo).port;
  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const client = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  const server = await accepted;
  listener.close();
  const pair = {
    client,
    reader: new SocketReader(server),
    close() {
      client.destroy();
      server.destroy();
    },
  };
  open.push(pair);
  return pair;
}

function timing(
  reader: SocketReader,
  limits: Partial<typeof DEFAULT_LIMITS> = {},
  shuttingDown = () => false,
): ConnectionTiming {
  return new ConnectionTiming(reader, { ...DEFAULT_LIMITS, ...limits }, shuttingDown);
}

const parse: HeadParse = (buffered) =>
  parseRequestHead(buffered, DEFAULT_LIMITS, DEFAULT_PARSER_OPTIONS);

describe('waitForHead', () => {
  it('answers the parsed head once it is complete, across writes', async () => {
    const { client, reader } = await socketPair();
    const wait = timing(reader).waitForHead(false, parse);
    client.write('GET /a HTTP/1.1\r\nHo');
    await sleep(20);
    client.write('st: x\r\n\r\n');
    const result = await wait;
    expect(result.kind).toBe('complete');
    if (result.kind === 'complete') expect(result.head.target).toBe('/a');
  });

  it('a first request that never starts times out unstarted (no 408 to send)', async () => {
    const { reader } = await socketPair();
    const result = await timing(reader, {
      requestHeadTimeoutMs: 60,
      keepAliveTimeoutMs: 60_000,
    }).waitForHead(false, parse);
    expect(result).toEqual({ kind: 'timeout', partial: false });
  });

  it('a kept-alive connection waits keepAliveTimeoutMs, not the head deadline', async () => {
    const { reader } = await socketPair();
    const result = await timing(reader, {
      requestHeadTimeoutMs: 60_000,
      keepAliveTimeoutMs: 60,
    }).waitForHead(true, parse);
    expect(result).toEqual({ kind: 'timeout', partial: false });
  });

  it('a started head gets the head deadline from its first byte, however it trickles', async () => {
    const { client, reader } = await socketPair();
    const wait = timing(reader, {
      requestHeadTimeoutMs: 200,
      keepAliveTimeoutMs: 60_000,
    }).waitForHead(true, parse);
    client.write('GET / HTTP/1.1\r\n');
    const trickle = setInterval(() => client.write('X'), 20);
    const result = await wait;
    clearInterval(trickle);
    expect(result).toEqual({ kind: 'timeout', partial: true });
  });

  it('a malformed head is answered at once with the parser error', async () => {
    const { client, reader } = await socketPair();
    const wait = timing(reader).waitForHead(false, parse);
    client.write('GET / HTTP/1.1\r\nBad Header: x\r\n\r\n');
    const result = await wait;
    expect(result.kind === 'error' && result.error).toBe('bad-header');
  });

  it('the client ending before a whole head is eof', async () => {
    const { client, reader } = await socketPair();
    const wait = timing(reader).waitForHead(false, parse);
    client.end('GET / HTTP/1.1\r\n');
    expect(await wait).toEqual({ kind: 'eof' });
  });

  it('an idle wait is woken by interruptIdle; a started one is not idle', async () => {
    const { client, reader } = await socketPair();
    const clock = timing(reader);
    const wait = clock.waitForHead(true, parse);
    await sleep(10);
    expect(clock.isIdle).toBe(true);
    clock.interruptIdle();
    expect(await wait).toEqual({ kind: 'shutdown' });
    expect(clock.isIdle).toBe(false);

    const second = clock.waitForHead(true, parse);
    client.write('GET / HT');
    await sleep(30);
    expect(clock.isIdle).toBe(false);
    clock.interruptIdle(); // no effect: the head started
    client.write('TP/1.1\r\n\r\n');
    expect((await second).kind).toBe('complete');
  });

  it('during shutdown an unstarted wait ends at once', async () => {
    const { reader } = await socketPair();
    const result = await timing(reader, {}, () => true).waitForHead(true, parse);
    expect(result).toEqual({ kind: 'shutdown' });
  });

  it('parse sees only buffered bytes, never an empty buffer', async () => {
    const { client, reader } = await socketPair();
    const seen: number[] = [];
    const wait = timing(reader).waitForHead(false, (buffered) => {
      seen.push(buffered.length);
      return parse(buffered);
    });
    await sleep(10);
    client.write('GET / HTTP/1.0\r\n\r\n');
    expect((await wait).kind).toBe('complete');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n > 0)).toBe(true);
  });
});

describe('drainBody', () => {
  it('reads and discards exactly the body', async () => {
    const { client, reader } = await socketPair();
    client.write('0123456789NEXT');
    expect(await timing(reader).drainBody(10)).toBe(true);
    await sleep(10);
    expect(reader.peek().toString()).toBe('NEXT');
  });

  it('a body over maxDrainBodyBytes is not read: the connection must close', async () => {
    const { client, reader } = await socketPair();
    client.write('0123456789');
    await sleep(20);
    expect(await timing(reader, { maxDrainBodyBytes: 5 }).drainBody(10)).toBe(false);
    expect(reader.buffered).toBe(10);
  });

  it('a body that never arrives fails at the head deadline', async () => {
    const { client, reader } = await socketPair();
    client.write('abc');
    expect(await timing(reader, { requestHeadTimeoutMs: 80 }).drainBody(10)).toBe(false);
  });

  it('a body cut short by the client fails', async () => {
    const { client, reader } = await socketPair();
    client.end('abc');
    expect(await timing(reader).drainBody(10)).toBe(false);
  });
});
