/**
 * Never serve a file below a CGI directory as a static file: that would hand out a
 * script's source (and any password in it) instead of running it.
 *
 * `is_cgi` decides on the collapsed URL, the static side on `translate_path`, and the two
 * read some paths differently, so in Python 3.11 a crafted path reaches the source:
 *   /cgi-bin/x.sh#/../../y   collapse → '//y' (not CGI); translate_path cuts at '#' → cgi-bin/x.sh
 *   /%00/cgi-bin/x.sh        the engine drops the NUL segment when translating
 *   /C:/cgi-bin/x.sh         translate_path drops 'C:' on Windows
 *   /CGI-BIN/x.sh            on a case-insensitive file system (macOS, Windows)
 * This check works on the translated file path, so it holds whatever the URL looked like.
 */
import { foldsCaseByDefault, isInside } from '../path-inside.js';

/**
 * True when `fsPath` is strictly below one of `cgiDirPaths` (the CGI directories,
 * translated). The directory itself is not "below": its URL without a slash still gets
 * SimpleHTTPRequestHandler's redirect, as in Python.
 */
export function isBelowCgiDirectory(
  fsPath: string,
  cgiDirPaths: readonly string[],
  platform: NodeJS.Platform = process.platform,
): boolean {
  const foldCase = foldsCaseByDefault(platform);
  return cgiDirPaths.some((dir) => isInside(dir, fsPath, { foldCase, strict: true }));
}
