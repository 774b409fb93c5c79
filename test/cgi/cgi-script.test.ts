import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchCgiDirectory } from '../../main/server/cgi/cgi-info.js';
import {
  hasPythonExtension,
  isExecutableFile,
  locateScript,
  scriptArguments,
} from '../../main/server/cgi/cgi-script.js';
import { urlCollapsePath } from '../../main/server/cgi/url-collapse.js';

const DIRS = ['/cgi-bin', '/htbin'];

describe('matchCgiDirectory (is_cgi)', () => {
  it.each([
    ['/cgi-bin/file1.py', { dir: '/cgi-bin', rest: 'file1.py' }],
    ['/htbin/a/b.sh/extra?q', { dir: '/htbin', rest: 'a/b.sh/extra?q' }],
    ['/cgi-bin/', { dir: '/cgi-bin', rest: '' }],
    ['/cgi-bin', null],
    ['/cgi-binx/y', null],
    ['/x/cgi-bin/y', null],
    ['//cgi-bin', null],
    ['/cgi-bin?x/y', null],
    ['//x?a=/cgi-bin/y', null],
  ])('%j → %j', (collapsed, expected) => {
    expect(matchCgiDirectory(collapsed, DIRS)).toEqual(expected);
  });

  it('takes the shortest matching prefix, and nested directories when listed', () => {
    expect(matchCgiDirectory('/sub/dir/cgi-bin/file5.py', DIRS)).toBeNull();
    expect(matchCgiDirectory('/sub/dir/cgi-bin/file5.py', [...DIRS, '/sub/dir/cgi-bin'])).toEqual({
      dir: '/sub/dir/cgi-bin',
      rest: 'file5.py',
    });
  });

  it('sees through the encodings CPython tests (bpo-2254, bpo-19435)', () => {
    expect(matchCgiDirectory(urlCollapsePath('/cgi-bin%2ffile1.py'), DIRS)).toEqual({
      dir: '/cgi-bin',
      rest: 'file1.py',
    });
    expect(matchCgiDirectory(urlCollapsePath('/nocgi.py/../cgi-bin/nothere.sh'), DIRS)).toEqual({
      dir: '/cgi-bin',
      rest: 'nothere.sh',
    });
    expect(matchCgiDirectory(urlCollapsePath('/cgi-bin/../nocgi.py'), DIRS)).toBeNull();
  });
});

describe('locateScript (run_cgi)', () => {
  const directories = new Set(['/cgi-bin', '/cgi-bin/child-dir', '/cgi-bin/child-dir/deeper']);
  const isDirectory = async (urlPath: string): Promise<boolean> => directories.has(urlPath);

  it.each([
    [
      { dir: '/cgi-bin', rest: 'file1.py' },
      { dir: '/cgi-bin', script: 'file1.py', scriptName: '/cgi-bin/file1.py', rest: '' },
    ],
    [
      { dir: '/cgi-bin', rest: 'child-dir/file3.py' },
      {
        dir: '/cgi-bin/child-dir',
        script: 'file3.py',
        scriptName: '/cgi-bin/child-dir/file3.py',
        rest: '',
      },
    ],
    [
      { dir: '/cgi-bin', rest: 'child-dir/deeper/s.sh/a/b c' },
      {
        dir: '/cgi-bin/child-dir/deeper',
        script: 's.sh',
        scriptName: '/cgi-bin/child-dir/deeper/s.sh',
        rest: '/a/b c',
      },
    ],
    [
      { dir: '/cgi-bin', rest: 'env.sh/' },
      { dir: '/cgi-bin', script: 'env.sh', scriptName: '/cgi-bin/env.sh', rest: '/' },
    ],
    [
      // A decoded '?' (%3F) is part of the name: the query was split off before decoding.
      { dir: '/cgi-bin', rest: 'env.sh?q' },
      { dir: '/cgi-bin', script: 'env.sh?q', scriptName: '/cgi-bin/env.sh?q', rest: '' },
    ],
    [
      { dir: '/cgi-bin', rest: '' },
      { dir: '/cgi-bin', script: '', scriptName: '/cgi-bin/', rest: '' },
    ],
  ])('%j', async (info, expected) => {
    expect(await locateScript(info, isDirectory)).toEqual(expected);
  });

  it('stops at the first prefix that is not a directory', async () => {
    const asked: string[] = [];
    await locateScript({ dir: '/cgi-bin', rest: 'nope/child-dir/x' }, async (p) => {
      asked.push(p);
      return isDirectory(p);
    });
    expect(asked).toEqual(['/cgi-bin/nope']);
  });
});

describe('scriptArguments', () => {
  it.each([
    ['', ['']],
    ['hello', ['hello']],
    ['a+b', ['a b']],
    ['a%20b', ['a%20b']],
    ['a=1', []],
    ['x&y=2', []],
  ])('%j → %j', (query, expected) => {
    expect(scriptArguments(query)).toEqual(expected);
  });
});

describe('hasPythonExtension', () => {
  it.each([
    ['/cgi-bin/a.py', true],
    ['/cgi-bin/a.PYW', true],
    ['/cgi-bin/a.py.sh', false],
    ['/cgi-bin/.py', false],
    ['/cgi-bin/py', false],
  ])('%s → %s', (file, expected) => {
    expect(hasPythonExtension(file)).toBe(expected);
  });
});

describe('isExecutableFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'httpdesk-exec-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('follows os.access(X_OK)', async () => {
    const runnable = path.join(dir, 'run.sh');
    const plain = path.join(dir, 'plain.sh');
    await writeFile(runnable, '#!/bin/sh\n');
    await writeFile(plain, '#!/bin/sh\n');
    await chmod(runnable, 0o755);
    await chmod(plain, 0o644);
    expect(await isExecutableFile(runnable)).toBe(true);
    expect(await isExecutableFile(plain)).toBe(false);
    expect(await isExecutableFile(path.join(dir, 'missing'))).toBe(false);
  });
});
