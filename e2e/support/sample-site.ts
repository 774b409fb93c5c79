/** A small site to serve in specs and screenshots: pages, a sub-folder and a CGI script. */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function makeSampleSite(dir: string): Promise<string> {
  // Running as root, the engine runs CGI scripts as `nobody` (server.py does the same), and
  // mkdtemp makes its folder 0700: open it up so nobody can reach the script.
  await chmod(dir, 0o755);
  const site = path.join(dir, 'class-demo');
  await mkdir(path.join(site, 'notes'), { recursive: true });
  await mkdir(path.join(site, 'cgi-bin'), { recursive: true });
  await writeFile(
    path.join(site, 'index.html'),
    '<!doctype html><title>Demo</title><h1>Hello</h1>\n',
  );
  await writeFile(path.join(site, 'style.css'), 'h1 { color: teal; }\n');
  await writeFile(path.join(site, 'notes', 'http.txt'), 'HTTP is text over TCP.\n'.repeat(200));
  const script = path.join(site, 'cgi-bin', 'hello.sh');
  await writeFile(
    script,
    '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\nprintf "hello from cgi, query=%s\\n" "$QUERY_STRING"\n',
  );
  await chmod(script, 0o755);
  return site;
}
