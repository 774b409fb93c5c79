/**
 * The folder both servers serve in the differential test: every kind of entry a listing or
 * a request can meet (extensions, names that need escaping and quoting, index pages, links
 * inside and outside, a file larger than the small-file path).
 */
import { mkdir, mkdtemp, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Site {
  root: string;
  /** A sibling folder with a file a link inside the root points to. */
  outside: string;
}

/** 200 KiB of deterministic bytes: larger than the engine's 64 KiB whole-read limit. */
export function bigContent(): Buffer {
  const buf = Buffer.alloc(200 * 1024);
  for (let i = 0; i < buf.length; i++) buf[i] = (i * 31 + (i >> 8)) & 0xff;
  return buf;
}

const FILES: Record<string, string | Buffer> = {
  'hello.txt': 'Hello, differential world!\n',
  'page.html': '<!doctype html><title>page</title><p>page</p>\n',
  'style.css': 'body { color: red; }\n',
  'app.js': 'console.log("app");\n',
  'data.json': '{"a": 1}\n',
  'image.png': Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  'archive.tar.gz': Buffer.from('1f8b0800000000000003', 'hex'),
  notes: 'no extension here\n',
  'script.py': 'print("hi")\n',
  'UPPER.TXT': 'upper\n',
  'lower.txt': 'lower\n',
  'a b.txt': 'space\n',
  '<b>&.txt': 'needs escaping\n',
  'ü-umlaut.txt': 'unicode name\n',
  '100%.txt': 'percent\n',
  'empty.txt': '',
  'big.bin': bigContent(),
  'sub/inner.txt': 'inner\n',
  'sub/deeper/leaf.txt': 'leaf\n',
  'withindex/index.html': '<p>index.html wins</p>\n',
  'withindex/index.htm': '<p>index.htm loses</p>\n',
  'htmonly/index.htm': '<p>index.htm</p>\n',
  'dir with space/x.txt': 'x\n',
};

/** A fixed mtime so If-Modified-Since cases do not depend on when the test runs. */
export const MTIME_SECONDS = 1_700_000_000; // Tue, 14 Nov 2023 22:13:20 GMT

export async function makeSite(): Promise<Site> {
  const root = await mkdtemp(path.join(tmpdir(), 'httpdesk-diff-'));
  const outside = await mkdtemp(path.join(tmpdir(), 'httpdesk-diff-outside-'));
  for (const [name, content] of Object.entries(FILES)) {
    const full = path.join(root, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
    await utimes(full, MTIME_SECONDS, MTIME_SECONDS);
  }
  await writeFile(path.join(outside, 'secret.txt'), 'outside the served folder\n');
  await symlink('hello.txt', path.join(root, 'link-to-hello.txt'));
  await symlink('sub', path.join(root, 'link-to-sub'));
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'outside-link.txt'));
  return { root, outside };
}
