import { describe, expect, it } from 'vitest';
import { isBelowCgiDirectory } from '../../main/server/cgi/source-guard.js';

const DIRS = ['/srv/site/cgi-bin', '/srv/site/htbin'];

describe('isBelowCgiDirectory', () => {
  it.each([
    ['/srv/site/cgi-bin/x.sh', true],
    ['/srv/site/cgi-bin/child/x.py', true],
    ['/srv/site/cgi-bin/..foo', true],
    ['/srv/site/htbin/x', true],
    ['/srv/site/cgi-bin', false], // the folder itself: SimpleHTTPRequestHandler redirects
    ['/srv/site/cgi-bin/', false],
    ['/srv/site/cgi-binx/x.sh', false],
    ['/srv/site/index.html', false],
    ['/srv/site/cgi-bin/../index.html', false],
    ['/srv/site/CGI-BIN/x.sh', false], // Linux: a different folder
  ])('%s → %s', (fsPath, expected) => {
    expect(isBelowCgiDirectory(fsPath, DIRS, 'linux')).toBe(expected);
  });

  it('folds case where the file system does (macOS, Windows)', () => {
    expect(isBelowCgiDirectory('/srv/site/CGI-BIN/x.sh', DIRS, 'darwin')).toBe(true);
    expect(isBelowCgiDirectory('/srv/site/Cgi-Bin/x.sh', DIRS, 'win32')).toBe(true);
  });
});
