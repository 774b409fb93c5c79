/** The composer's Content-Length check (shared/content-length.ts), as data. */
import { describe, expect, it } from 'vitest';
import {
  bodyLength,
  followBody,
  lengthMatches,
  mismatchEffect,
  withContentLength,
} from '../../shared/content-length.js';

const post = (length: string, body: string) =>
  `POST /cgi-bin/hello.py HTTP/1.1\nHost: x\n${length}\n${body}`;

describe('bodyLength', () => {
  it.each([
    ['GET / HTTP/1.1\nHost: x\n\n', { announced: null, actual: 0 }],
    [post('Content-Length: 10\n', 'name=class'), { announced: 10, actual: 10 }],
    [post('content-length:3 \n', 'abc'), { announced: 3, actual: 3 }],
    // Line ends go out as CRLF: two bytes each.
    [post('Content-Length: 4\n', 'a\nb'), { announced: 4, actual: 4 }],
    [post('', 'name=class'), { announced: null, actual: 10 }],
  ])('%j', (text, expected) => {
    expect(bodyLength(text)).toEqual(expected);
  });

  it('is null while the head has not ended', () => {
    expect(bodyLength('GET / HTTP/1.1\nHost: x\n')).toBeNull();
  });
});

describe('followBody', () => {
  it('keeps a matching Content-Length in step with an edited body', () => {
    const before = post('Content-Length: 10\n', 'name=class');
    expect(followBody(before, post('Content-Length: 10\n', 'name=students'))).toBe(
      post('Content-Length: 13\n', 'name=students'),
    );
  });

  it('leaves a Content-Length the person changed, or one that did not match', () => {
    const before = post('Content-Length: 10\n', 'name=class');
    const changedField = post('Content-Length: 5\n', 'name=class');
    expect(followBody(before, changedField)).toBe(changedField);
    const wrong = post('Content-Length: 3\n', 'name=class');
    const edited = post('Content-Length: 3\n', 'name=classes');
    expect(followBody(wrong, edited)).toBe(edited);
  });
});

describe('withContentLength and mismatchEffect', () => {
  it('sets the field, or adds it when missing', () => {
    expect(withContentLength(post('Content-Length: 3\n', 'abcd'), 4)).toBe(
      post('Content-Length: 4\n', 'abcd'),
    );
    expect(withContentLength(post('', 'abcd'), 4)).toBe(post('Content-Length: 4\n', 'abcd'));
  });

  it('says what the server does with each kind of mismatch', () => {
    expect(lengthMatches(bodyLength(post('Content-Length: 4\n', 'abcd')))).toBe(true);
    expect(mismatchEffect({ announced: 10, actual: 4 })).toMatch(/waits for the 6 missing bytes/);
    expect(mismatchEffect({ announced: 2, actual: 4 })).toMatch(
      /reads 2 and takes the other 2 as the start of the next request/,
    );
    expect(mismatchEffect({ announced: null, actual: 4 })).toMatch(/there is no Content-Length/);
  });
});
