/**
 * server.py `nobody_uid()`: scripts started by a server running as root run as `nobody`
 * ("for security reasons", reference: CGIHTTPRequestHandler). Node has no getpwnam, so the
 * account is read from /etc/passwd; like Python, when there is no `nobody` the identity is
 * one above the highest uid in the file (an account that owns nothing).
 *
 * Python only calls setuid, so its scripts keep gid 0 (root's group). The port also sets
 * nobody's gid (and Node's spawn drops supplementary groups when it changes identity).
 */
import { readFile } from 'node:fs/promises';

export interface Identity {
  uid: number;
  gid: number;
}

/** Parses passwd(5) text; pure so the fallback rule is testable. */
export function nobodyFromPasswd(passwd: string): Identity {
  let highest = 0;
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    if (fields.length < 4 || !Number.isInteger(uid) || !Number.isInteger(gid)) continue;
    if (fields[0] === 'nobody') return { uid, gid };
    highest = Math.max(highest, uid);
  }
  return { uid: highest + 1, gid: highest + 1 };
}

let cached: Promise<Identity> | null = null;

export function nobodyIdentity(): Promise<Identity> {
  cached ??= readFile('/etc/passwd', 'utf8').then(nobodyFromPasswd, () =>
    // No passwd file to read: the conventional nobody of Linux and the BSDs.
    ({ uid: 65534, gid: 65534 }),
  );
  return cached;
}

/** The identity to run scripts as: nobody when the server is root, else unchanged (null). */
export async function scriptIdentity(): Promise<Identity | null> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  return nobodyIdentity();
}
