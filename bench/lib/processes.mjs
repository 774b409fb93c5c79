// Starting and stopping the servers under test as plain child processes, pinned to a core.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const started = new Set();

/** Every process group this benchmark started is ended when it exits, even on Ctrl-C. */
function endAll() {
  for (const child of started) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  started.clear();
}
process.on('exit', endAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    endAll();
    process.exit(130);
  });
}

export function hasTaskset() {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Prefixes a command with `taskset -c CPU` when a CPU is given (taskset execs: same pid). */
export function pinned(cpu, command, args) {
  return cpu === null ? [command, args] : ['taskset', ['-c', cpu, command, ...args]];
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function tail(file) {
  try {
    return readFileSync(file, 'utf8').slice(-4096);
  } catch {
    return '';
  }
}

/**
 * Spawns a server in its own process group and waits until its port accepts connections.
 * Its output goes to `logFile`, not through a pipe: the servers that log every request
 * (python, httpdesk) would otherwise make this process read megabytes on the load core.
 */
export async function startProcess({
  name,
  command,
  args,
  cwd,
  port,
  cpu,
  logFile,
  timeoutMs = 15_000,
}) {
  const [cmd, argv] = pinned(cpu, command, args);
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, argv, { cwd, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  started.add(child);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
    started.delete(child);
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) break;
    if (await canConnect(port)) {
      return { name, pid: child.pid, child, logFile };
    }
    await sleep(50);
  }
  stopChild(child);
  const why = exited
    ? `exited (${exited.code ?? exited.signal})`
    : `not listening after ${timeoutMs} ms`;
  throw new Error(`${name} ${why}: ${cmd} ${argv.join(' ')}\n${tail(logFile).trim()}`);
}

function stopChild(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** SIGTERM to the server's group, SIGKILL after 3 s. */
export async function stopProcess(handle) {
  const { child } = handle;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  stopChild(child);
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 3000);
  await gone;
  clearTimeout(timer);
  started.delete(child);
}

/** Runs a command to completion and returns { code, stdout, stderr }. */
export function run(command, args, { timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function isAlive(handle) {
  return handle.child.exitCode === null && handle.child.signalCode === null;
}
