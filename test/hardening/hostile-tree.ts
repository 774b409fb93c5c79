/**
 * The folder tree every hostile test serves. A SECRET lives outside the served root (next to
 * it, and one level further out), and the root holds everything an attacker would like to
 * abuse: links that point out, a link loop, a FIFO, a listening Unix socket, a character
 * device, folders whose names look like hosts, and file names built to break HTML and URLs.
 *
 *   base/
 *     SECRET.txt                    secret (what `/../SECRET.txt` would reach)
 *     outside/SECRET.txt            secret (what a link to ../outside would reach)
 *     outside/shared/linked.txt     not secret: served only under followSymlinks (Python's policy)
 *     root/                         ← served
 *       hello.txt  big.bin  dir/a.txt  evil.com/dir/  \evil.com/dir/  %2f%2fevil.com/dir/
 *       link-out → ../outside        link-shared → ../outside/shared
 *       link-secret → ../SECRET.txt  link-inside → dir       loop → loop
 *       devzero-link → /dev/zero     crlf\r\nSet-Cookie: a=b/dir/   \t/dir/ (a folder named TAB)
 *       fifo  sock  zero (char device 1,5 = /dev/zero, when mknod is allowed)
 *       fifo-index/index.html (a FIFO)   names/ (hostile file names, and a folder '<i>dir')
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const HELLO = 'hello world\n';
export const LINKED = 'linked-from-outside\n';
/** File names a listing must escape for HTML and quote for URLs. */
export const HOSTILE_NAMES: Array<string | Buffer> = [
  '<script>alert(1)<\\script>.txt', // a name cannot hold '/': the tag stays open instead
  '<svg onload=alert(3)>.txt',
  '"><img src=x onerror=alert(2)>.txt',
  'it\'s "quoted".txt',
  '100%.txt',
  '%2e%2e%2fescape.txt',
  'a&amp;b.txt',
  'tab\there.txt',
  'evil\r\nSet-Cookie: a=b',
  '\u202etxt.exe',
  Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74]), // bad\xff\xfe.txt
];

export interface HostileTree {
  base: string;
  root: string;
  /** The secret's text; no byte window of it may ever leave the server. */
  secret: string;
  /** 1 MiB of bytes, for streaming tests. */
  bigSize: number;
  /** Whether root/zero is a real character device (mknod needs CAP_MKNOD). */
  hasDevice: boolean;
  close(): Promise<void>;
}

export async function makeHostileTree(): Promise<HostileTree> {
  const base = await mkdtemp(path.join(tmpdir(), 'httpdesk-hostile-'));
  const root = path.join(base, 'root');
  const secret = `SECRET-${randomBytes(24).toString('hex')}`;
  const write = async (rel: string, content: string | Buffer) => {
    const full = path.join(base, rel);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  };
  await write('SECRET.txt', secret);
  await write('outside/SECRET.txt', secret);
  await write('outside/shared/linked.txt', LINKED);
  await write('root/hello.txt', HELLO);
  await write('root/dir/a.txt', 'a\n');
  const bigSize = 1024 * 1024;
  await write('root/big.bin', Buffer.alloc(bigSize, 0x42));
  for (const host of ['evil.com', '\\evil.com', '%2f%2fevil.com', '%5cevil.com', '\t']) {
    await mkdir(path.join(root, host, 'dir'), { recursive: true });
  }
  await mkdir(path.join(root, 'names'), { recursive: true });
  for (const name of HOSTILE_NAMES) {
    const full = Buffer.isBuffer(name)
      ? Buffer.concat([Buffer.from(path.join(root, 'names') + '/'), name])
      : path.join(root, 'names', name);
    await writeFile(full, 'x');
  }
  await mkdir(path.join(root, 'names', '<i>dir'));
  await symlink('../outside', path.join(root, 'link-out'));
  await symlink('../outside/shared', path.join(root, 'link-shared'));
  await symlink('../SECRET.txt', path.join(root, 'link-secret'));
  await symlink('dir', path.join(root, 'link-inside'));
  await symlink('loop', path.join(root, 'loop'));
  await symlink('/dev/zero', path.join(root, 'devzero-link'));
  await mkdir(path.join(root, 'crlf\r\nSet-Cookie: a=b', 'dir'), { recursive: true });
  await run('mkfifo', [path.join(root, 'fifo')]);
  await mkdir(path.join(root, 'fifo-index'));
  await run('mkfifo', [path.join(root, 'fifo-index', 'index.html')]);
  const unixServer = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => unixServer.listen(path.join(root, 'sock'), resolve));
  let hasDevice = true;
  try {
    await run('mknod', [path.join(root, 'zero'), 'c', '1', '5']);
  } catch {
    hasDevice = false; // no CAP_MKNOD: the device cases are reported as skipped
  }
  return {
    base,
    root,
    secret,
    bigSize,
    hasDevice,
    async close() {
      await new Promise<void>((resolve) => unixServer.close(() => resolve()));
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** Every 8-byte window of the secret: a response holding any of them leaked part of it. */
export function secretWindows(secret: string): string[] {
  const windows: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) windows.push(secret.slice(i, i + 8));
  return windows;
}

/** The first secret window found in `bytes`, or null. */
export function findSecret(bytes: Buffer, secret: string): string | null {
  const text = bytes.toString('latin1');
  for (const window of secretWindows(secret)) if (text.includes(window)) return window;
  return null;
}
