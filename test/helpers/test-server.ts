/**
 * Starts an in-process engine server on 127.0.0.1, port 0, with a recording log sink, and
 * temp folders to serve. Every test server is closed with `close()` (shutdown + serverClose).
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RequestHandlerClass } from '../../main/server/base-handler.js';
import { makeHandlerClass, type HandlerSettings } from '../../main/server/configure.js';
import { HTTPServer, ThreadingHTTPServer } from '../../main/server/http-server.js';
import type { ParserOptions, ServerLimits } from '../../main/server/limits.js';
import { RecordingSink } from './recording-sink.js';

export interface TestServer {
  server: HTTPServer;
  port: number;
  sink: RecordingSink;
  /** Resolves when serveForever() returns (after shutdown). */
  served: Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** The handler class; default: makeHandlerClass({ directory, ...settings }). */
  Handler?: RequestHandlerClass;
  /** Served folder when no Handler is given. */
  directory?: string;
  settings?: Partial<HandlerSettings>;
  limits?: Partial<ServerLimits>;
  parserOptions?: Partial<ParserOptions>;
  /** HTTPServer (one connection at a time) instead of ThreadingHTTPServer. */
  single?: boolean;
  host?: string;
  /**
   * Host names answered. Default `['*']` (any, Python's behaviour): most engine tests send
   * `Host: x`; the Host check is tested with the real default in host-check.test.ts.
   */
  allowedHosts?: readonly string[];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const Handler =
    options.Handler ??
    makeHandlerClass({ directory: options.directory ?? process.cwd(), ...options.settings });
  const sink = new RecordingSink();
  const Server = options.single ? HTTPServer : ThreadingHTTPServer;
  const server = new Server([options.host ?? '127.0.0.1', 0], Handler, {
    logSink: sink,
    limits: options.limits,
    parserOptions: options.parserOptions,
    allowedHosts: options.allowedHosts ?? ['*'],
  });
  await server.ready;
  const served = server.serveForever();
  let closed = false;
  return {
    server,
    port: server.serverPort,
    sink,
    served,
    async close() {
      if (closed) return;
      closed = true;
      await server.shutdown();
      await server.serverClose();
      await served;
    },
  };
}

/** A fresh temp folder; `files` maps relative paths to contents (folders are created). */
export async function makeTempDir(
  files: Record<string, string | Buffer> = {},
  prefix = 'httpdesk-test-',
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}
