// The servers under test: how to find each one and how to start it on a loopback port.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const NGINX = '/usr/sbin/nginx';

/** The real interpreter behind `python3` (pyenv shims are shell scripts: slow to start). */
function pythonExecutable() {
  const probe = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/** `tls`: { cert, key } PEM files to serve HTTPS with (TLS 1.2 and 1.3 only), or null. */
function nginxConfig({ prefix, dir, port, tls }) {
  const mimeTypes = existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : '';
  const tlsLines = tls
    ? `ssl_certificate ${tls.cert}; ssl_certificate_key ${tls.key}; ssl_protocols TLSv1.2 TLSv1.3;`
    : '';
  // One process, like the Node servers: master_process off means no user switch either,
  // so nginx can read the data folder that mkdtemp made private (0700).
  return `daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  ${mimeTypes}
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port}${tls ? ' ssl' : ''};
    ${tlsLines}
    root ${dir};
    autoindex on;
  }
}
`;
}

/**
 * nginx as one unprivileged process with a config of its own in the server's work folder;
 * `tls` ({ cert, key }) makes it listen with TLS.
 */
export function nginxServer({
  id = 'nginx',
  label = 'nginx (1 process, sendfile)',
  tls = null,
} = {}) {
  return {
    id,
    label,
    missing: existsSync(NGINX) ? null : `${NGINX} not installed`,
    prepare: async ({ dir, port, work }) => {
      for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
        await mkdir(path.join(work, sub), { recursive: true });
      }
      await writeFile(path.join(work, 'nginx.conf'), nginxConfig({ prefix: work, dir, port, tls }));
    },
    command: ({ work }) => ({
      command: NGINX,
      args: ['-p', work, '-c', path.join(work, 'nginx.conf'), '-e', path.join(work, 'error.log')],
    }),
  };
}

/** The built CLI under test: BENCH_HTTPDESK_CLI, or dist/ (a profiling copy, say). */
export function httpdeskCli(repoRoot) {
  return path.resolve(
    process.env.BENCH_HTTPDESK_CLI ?? path.join(repoRoot, 'dist/lib/main/cli.js'),
  );
}

/** The `httpdesk` bin serving HTTP/1.1 as users run it; `extraArgs` e.g. the TLS flags. */
export function httpdeskServer(
  repoRoot,
  { id = 'httpdesk', label = 'httpdesk -p HTTP/1.1 (dist)', extraArgs = [] } = {},
) {
  const cli = httpdeskCli(repoRoot);
  return {
    id,
    label,
    missing: existsSync(cli) ? null : `${path.relative(repoRoot, cli)} missing: npm run build`,
    // Run as the `httpdesk` bin runs (its shebang carries the CLI's V8 flags), not as
    // `node cli.js`, which would measure a configuration no user gets.
    command: ({ dir, port }) => ({
      command: cli,
      args: [String(port), '-b', '127.0.0.1', '-d', dir, '-p', 'HTTP/1.1', ...extraArgs],
    }),
  };
}

/**
 * Each server: id, what it is, why it is unavailable (or null), and `command(ctx)` giving
 * { command, args } for ctx = { dir, port, work } (work: a private temp folder for it).
 */
export function serverCatalog(repoRoot) {
  const python = pythonExecutable();
  const httpServer = path.join(repoRoot, 'node_modules/http-server/bin/http-server');
  const pythonServer = (protocol) => ({
    id: protocol === 'HTTP/1.0' ? 'python-1.0' : 'python-1.1',
    label: `python3 -m http.server -p ${protocol}`,
    missing: python ? null : 'python3 not found',
    command: ({ dir, port }) => ({
      command: python,
      args: ['-m', 'http.server', String(port), '-b', '127.0.0.1', '-d', dir, '-p', protocol],
    }),
  });
  const httpdeskB = process.env.BENCH_HTTPDESK_B
    ? path.resolve(process.env.BENCH_HTTPDESK_B)
    : null;
  // BENCH_NODE_FLAGS_B: node options for httpdesk-b only, e.g. --max-semi-space-size=4.
  const nodeFlagsB = (process.env.BENCH_NODE_FLAGS_B ?? '').split(/\s+/).filter(Boolean);
  // BENCH_HTTPDESK_ARGS_B: CLI flags for httpdesk-b only, e.g. --follow-symlinks.
  const argsB = (process.env.BENCH_HTTPDESK_ARGS_B ?? '').split(/\s+/).filter(Boolean);
  return [
    httpdeskServer(repoRoot),
    // BENCH_HTTPDESK_B: a second build measured in the same run, to A/B an engine change.
    ...(httpdeskB
      ? [
          {
            id: 'httpdesk-b',
            label: `httpdesk ${[...nodeFlagsB, ...argsB].join(' ')} (${path.relative(repoRoot, httpdeskB)})`,
            missing: existsSync(httpdeskB) ? null : `${httpdeskB} missing`,
            command: ({ dir, port }) => ({
              command: process.execPath,
              args: [
                ...nodeFlagsB,
                httpdeskB,
                ...[String(port), '-b', '127.0.0.1', '-d', dir, '-p', 'HTTP/1.1', ...argsB],
              ],
            }),
          },
        ]
      : []),
    pythonServer('HTTP/1.0'),
    pythonServer('HTTP/1.1'),
    {
      id: 'http-server',
      label: 'http-server -c-1 -s',
      missing: existsSync(httpServer) ? null : 'node_modules/http-server missing: npm install',
      command: ({ dir, port }) => ({
        command: process.execPath,
        args: [httpServer, dir, '-p', String(port), '-a', '127.0.0.1', '-c-1', '-s'],
      }),
    },
    nginxServer(),
  ];
}
