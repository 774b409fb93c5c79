#!/usr/bin/env -S node --max-semi-space-size=8
/**
 * (The shebang caps V8's young generation at 8 MiB per semi-space: under load the default
 * 16 MiB grows the process to ~105 MiB RSS; 8 MiB keeps it near 90 MiB at the same speed,
 * measured with wrk in bench/: docs/architecture.md § Performance decisions. `env -S` splits the flags on Linux and macOS; npm's Windows
 * shim reads them from the shebang too.)
 *
 * `httpdesk`: python -m http.server's command line. Same flags, same start-up line on
 * stdout, same log lines on stderr, Ctrl-C / SIGTERM → "Keyboard interrupt received,
 * exiting." and exit 0. Problems a person can fix get one clear line and a non-zero exit.
 */
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { makeHandlerClass } from './server/configure.js';
import { parseCredentials } from './server/basic-auth.js';
import { ThreadingHTTPServer, type HTTPServer } from './server/http-server.js';
import { ThreadingHTTPSServer } from './server/https-server.js';
import { explainTlsError, httpsOptionsFrom } from './tls-files.js';
import { statOrNull } from './server/shared-stat.js';
import { parseCliArgs, USAGE, type CliOptions } from './cli-options.js';
import { listenErrorLine } from './listen-failure.js';
import { errorMessage } from '../shared/values.js';

function fail(message: string, code = 1): never {
  process.stderr.write(`httpdesk: error: ${message}\n`);
  process.exit(code);
}

/** A port that was free a moment ago on `host`, to suggest when the chosen one is taken. */
function freePort(host: string): Promise<number | null> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(null));
    probe.listen({ host, port: 0 }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The listen error as one line that says what to do (a free port when the port is taken). */
async function explainListenError(err: unknown, options: CliOptions): Promise<string> {
  const line = listenErrorLine(err, options.bind ?? '', options.port);
  if ((err as NodeJS.ErrnoException | null)?.code !== 'EADDRINUSE') return line;
  const suggestion = await freePort(options.bind ?? '::');
  return suggestion ? `${line}; port ${suggestion} is free: httpdesk ${suggestion}` : line;
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2), process.cwd());
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${USAGE}\n`);
    fail(parsed.message, 2);
  }
  const options = parsed.options;
  const directory = path.resolve(options.directory);
  const info = await statOrNull(directory);
  if (!info) fail(`directory '${options.directory}' does not exist`);
  if (!info.isDirectory()) fail(`'${options.directory}' is not a directory`);

  let auth = options.auth;
  if (options.authFile !== undefined) {
    const text = await readFile(options.authFile, 'utf8').catch((err: NodeJS.ErrnoException) =>
      fail(`cannot read the --auth-file '${options.authFile}': ${err.code ?? err.message}`),
    );
    auth = parseCredentials(text.split('\n')[0] ?? '');
    if (!auth) fail(`the first line of '${options.authFile}' must be USER:PASSWORD`);
  }
  const Handler = makeHandlerClass({
    directory,
    protocolVersion: options.protocol,
    cgi: options.cgi,
    followSymlinks: options.followSymlinks,
    responseHeaders: options.headers,
    spa: options.spa,
    auth,
  });
  const address: [string, number] = [options.bind ?? '', options.port];
  let server: HTTPServer;
  if (options.tls) {
    const flags = options.tls;
    try {
      const tlsOptions = await httpsOptionsFrom(flags);
      server = new ThreadingHTTPSServer(address, Handler, {
        ...tlsOptions,
        allowedHosts: options.allowedHosts,
      });
    } catch (err) {
      fail(explainTlsError(err, flags));
    }
  } else {
    server = new ThreadingHTTPServer(address, Handler, { allowedHosts: options.allowedHosts });
  }
  try {
    await server.ready;
  } catch (err) {
    fail(await explainListenError(err, options));
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nKeyboard interrupt received, exiting.\n');
    void server
      .shutdown()
      .then(() => server.serverClose())
      .finally(() => process.exit(0));
    // A second signal, or in-flight requests past the grace period, must not keep us alive.
    setTimeout(() => process.exit(0), server.limits.shutdownGraceMs + 1_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Announce only once Ctrl-C is handled: a signal right after the line (a script that
  // waits for it, then stops us) must exit 0, not die of the default SIGINT action.
  const [host, port] = server.boundAddress();
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const scheme = options.tls ? 'https' : 'http';
  process.stdout.write(
    `Serving ${scheme.toUpperCase()} on ${host} port ${port} (${scheme}://${urlHost}:${port}/) ...\n`,
  );
  await server.serveForever();
}

main().catch((err: unknown) => {
  fail(errorMessage(err));
});
