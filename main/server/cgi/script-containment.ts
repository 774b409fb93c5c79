/**
 * The last word on whether a file may be run as a CGI script: its real path (every link
 * resolved) must lie strictly below the real path of the CGI directory the URL named.
 *
 * server.py trusts the URL: it decodes the path a second time when it translates the script
 * name, so `/cgi-bin/%252e%252e/tools/x.sh` runs `tools/x.sh`, and a link inside `cgi-bin/`
 * runs whatever it points at. Checking the file system's answer instead of the URL's
 * spelling holds for every spelling, and for links.
 */
import { foldsCaseByDefault, isInside } from '../path-inside.js';
import { realpathOrNull } from '../shared-stat.js';

/**
 * True when `scriptFile` resolves to a path strictly below the resolved `cgiDirectory`.
 * A CGI directory that is itself a link counts by its target (the person serving chose it);
 * a link below it that leads out of it never does, whatever `followSymlinks` says.
 */
export async function isScriptInsideCgiDirectory(
  scriptFile: string,
  cgiDirectory: string,
): Promise<boolean> {
  const [realScript, realDirectory] = await Promise.all([
    realpathOrNull(scriptFile),
    realpathOrNull(cgiDirectory),
  ]);
  if (realScript === null || realDirectory === null) return false;
  return isInside(realDirectory, realScript, { strict: true, foldCase: foldsCaseByDefault() });
}
