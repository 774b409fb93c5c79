/**
 * An engine server in its own process, for tests that must measure the server alone (memory
 * under thousands of connections) or run it as another user (permission tests as root).
 * Started by child-server-process.ts: `node --expose-gc --import tsx child-server.ts CONFIG`.
 * Talks over the IPC channel: 'ready' {port, uid}, then answers 'stats' and 'stop'.
 */
import { makeHandlerClass, silentLogSink, ThreadingHTTPServer } from '../../main/server/index.js';
import type { ServerLimits } from '../../main/server/limits.js';

interface Config {
  directory: string;
  limits?: Partial<ServerLimits>;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const Handler = makeHandlerClass({ directory: config.directory, protocolVersion: 'HTTP/1.1' });
const server = new ThreadingHTTPServer(['127.0.0.1', 0], Handler, {
  logSink: silentLogSink,
  limits: config.limits,
  allowedHosts: ['*'], // the tests send `Host: x`; the Host check has its own tests
});
await server.ready;
void server.serveForever();
process.send?.({ type: 'ready', port: server.serverPort, uid: process.getuid?.() ?? -1 });

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({
      type: 'stats',
      memory: process.memoryUsage(),
      connections: server.connectionCount,
    });
  } else if (message.type === 'stop') {
    void server
      .shutdown()
      .then(() => server.serverClose())
      .then(() => process.exit(0));
  }
});
