/**
 * When a CGI script's answer is complete while its process may still run: its declared
 * Content-Length has gone out in full, or the header block of a HEAD ended.
 */
import { describe, expect, it } from 'vitest';
import { CgiAnswerLength } from '../../main/server/cgi/cgi-answer-length.js';

function fed(chunks: string[], headOnly = false): CgiAnswerLength {
  const answer = new CgiAnswerLength(headOnly);
  for (const chunk of chunks) answer.feed(Buffer.from(chunk, 'latin1'));
  return answer;
}

describe('CgiAnswerLength', () => {
  it.each([
    ['the whole declared body in one chunk', ['Content-Length: 3\n\nabc'], true],
    ['the body split across chunks', ['Content-Length: 3\r\n\r\na', 'b', 'c'], true],
    ['the head split mid-line', ['Content-Le', 'ngth: 2\n', '\nok'], true],
    ['a body still short of its length', ['Content-Length: 4\n\nabc'], false],
    ['no declared length', ['Content-Type: text/plain\n\nabc'], false],
    ['two lengths that disagree', ['Content-Length: 1\nContent-Length: 2\n\nab'], false],
    ['a length that is not digits', ['Content-Length: 3x\n\nabc'], false],
    ['a head without its end', ['Content-Length: 0\n'], false],
    ['a declared empty body', ['Content-Length: 0\n\n'], true],
  ])('%s', (_name, chunks, complete) => {
    expect(fed(chunks).complete).toBe(complete);
  });

  it('counts a HEAD answer complete once the header block ended', () => {
    expect(fed(['Content-Type: text/plain\n'], true).complete).toBe(false);
    expect(fed(['Content-Type: text/plain\n', '\n'], true).complete).toBe(true);
  });
});
