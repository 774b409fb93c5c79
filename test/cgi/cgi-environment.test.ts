import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorizationVariables,
  buildCgiEnvironment,
  cgiVariables,
  findNulByte,
  type CgiRequestFacts,
} from '../../main/server/cgi/cgi-environment.js';
import { pythonDecodeBase64 } from '../../main/server/cgi/python-base64.js';
import { askPython } from './python-oracle.js';

function facts(overrides: Partial<CgiRequestFacts> = {}): CgiRequestFacts {
  return {
    serverSoftware: 'SimpleHTTP/0.6 Node/20',
    serverName: 'localhost',
    serverPort: 8123,
    protocolVersion: 'HTTP/1.0',
    method: 'GET',
    pathInfo: '/extra path',
    pathTranslated: '/srv/extra path',
    scriptName: '/cgi-bin/env.py',
    query: 'a=1&b=%20',
    remoteAddr: '127.0.0.1',
    headers: [],
    ...overrides,
  };
}

describe('cgiVariables', () => {
  it('sets every variable server.py sets, with the empty defaults', () => {
    expect(cgiVariables(facts())).toEqual({
      SERVER_SOFTWARE: 'SimpleHTTP/0.6 Node/20',
      SERVER_NAME: 'localhost',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: 'HTTP/1.0',
      SERVER_PORT: '8123',
      REQUEST_METHOD: 'GET',
      PATH_INFO: '/extra path',
      PATH_TRANSLATED: '/srv/extra path',
      SCRIPT_NAME: '/cgi-bin/env.py',
      QUERY_STRING: 'a=1&b=%20',
      REMOTE_ADDR: '127.0.0.1',
      CONTENT_TYPE: 'text/plain',
      HTTP_ACCEPT: '',
      REMOTE_HOST: '',
      CONTENT_LENGTH: '',
      HTTP_USER_AGENT: '',
      HTTP_COOKIE: '',
      HTTP_REFERER: '',
    });
  });

  it('takes the first value of single fields and joins Accept and Cookie as Python does', () => {
    const env = cgiVariables(
      facts({
        method: 'POST',
        headers: [
          ['Content-Type', 'application/x-www-form-urlencoded'],
          ['content-type', 'text/ignored'],
          ['Content-Length', '12'],
          ['Referer', 'http://example.test/'],
          ['Accept', 'text/html'],
          ['ACCEPT', 'text/plain'],
          ['User-Agent', 'curl/8'],
          ['Cookie', 'a=1'],
          ['Cookie', ''],
          ['cookie', 'b=2'],
          ['X-Other', 'not passed'],
        ],
      }),
    );
    expect(env).toMatchObject({
      REQUEST_METHOD: 'POST',
      CONTENT_TYPE: 'application/x-www-form-urlencoded',
      CONTENT_LENGTH: '12',
      HTTP_REFERER: 'http://example.test/',
      HTTP_ACCEPT: 'text/html,text/plain',
      HTTP_USER_AGENT: 'curl/8',
      HTTP_COOKIE: 'a=1, b=2',
    });
    expect(env).not.toHaveProperty('HTTP_X_OTHER');
  });

  it('passes a present but empty Content-Type as empty (not the text/plain default)', () => {
    expect(cgiVariables(facts({ headers: [['Content-Type', '']] })).CONTENT_TYPE).toBe('');
  });

  it('sets AUTH_TYPE and REMOTE_USER from Basic credentials, never the password', () => {
    const header = 'Basic ' + Buffer.from('alice:s3cret').toString('base64');
    const env = cgiVariables(facts({ headers: [['Authorization', header]] }));
    expect(env.AUTH_TYPE).toBe('Basic');
    expect(env.REMOTE_USER).toBe('alice');
    expect(Object.values(env).join('\n')).not.toContain('s3cret');
  });
});

describe('authorizationVariables agrees with server.py run_cgi', () => {
  // The Authorization branch of run_cgi, verbatim, as the oracle.
  const PYTHON_AUTH = `
def answer(authorization):
    env = {}
    if authorization:
        authorization = authorization.split()
        if len(authorization) == 2:
            import base64, binascii
            env['AUTH_TYPE'] = authorization[0]
            if authorization[0].lower() == "basic":
                try:
                    authorization = authorization[1].encode('ascii')
                    authorization = base64.decodebytes(authorization).decode('ascii')
                except (binascii.Error, UnicodeError):
                    pass
                else:
                    authorization = authorization.split(':')
                    if len(authorization) == 2:
                        env['REMOTE_USER'] = authorization[0]
    return env
`;

  it('on hand-picked headers', () => {
    const b64 = (text: string): string => Buffer.from(text, 'latin1').toString('base64');
    const inputs = [
      '',
      'Basic',
      'Basic ' + b64('u:p'),
      'basic ' + b64('u:p'),
      'BASIC\t' + b64('u:p'),
      'Basic ' + b64('u:p:q'),
      'Basic ' + b64('nocolon'),
      'Basic ' + b64('é:p'),
      'Basic ' + b64('u:p') + ' extra',
      'Basic ' + b64('u:p').replace(/=+$/, ''),
      'Basic ' + b64('ab:c').slice(0, 5),
      'Basic !!' + b64('u:p'),
      'Basic dTpw\u00e9',
      'Bearer abc.def',
      '  Digest   x  ',
      'Basic\u00a0' + b64('u:p'),
      'Basic ' + b64(':'),
    ];
    const python = askPython<string, Record<string, string>>(PYTHON_AUTH, inputs);
    expect(inputs.map(authorizationVariables)).toEqual(python);
  });

  it('on random headers', () => {
    const credential = fc
      .array(
        fc.constantFrom('A', 'b', '0', '+', '/', '=', '==', ':', '!', ' ', 'é', 'dTpw', 'OnA6'),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join(''));
    const inputs = fc.sample(
      fc
        .tuple(fc.constantFrom('Basic', 'basic', 'Bearer', ''), credential)
        .map(([s, c]) => `${s} ${c}`),
      { numRuns: 1000, seed: 11 },
    );
    const python = askPython<string, Record<string, string>>(PYTHON_AUTH, inputs);
    expect(inputs.map(authorizationVariables)).toEqual(python);
  });
});

describe('pythonDecodeBase64 agrees with base64.decodebytes', () => {
  it('on random ASCII text', () => {
    const inputs = fc.sample(
      fc
        .array(
          fc.constantFrom('A', 'z', '9', '+', '/', '=', '-', '_', ' ', '\n', '*', 'QQ', 'QUI='),
          {
            maxLength: 16,
          },
        )
        .map((parts) => parts.join('')),
      { numRuns: 2000, seed: 5 },
    );
    const python = askPython<string, string>(
      'import base64\ndef answer(x):\n    return base64.decodebytes(x.encode("ascii")).hex()',
      inputs,
    );
    const ours = inputs.map((input) => {
      const bytes = pythonDecodeBase64(input);
      return bytes === null ? { raises: 'Error' } : bytes.toString('hex');
    });
    expect(ours).toEqual(python);
  });
});

describe('buildCgiEnvironment', () => {
  it('keeps the server environment but drops CGI names it did not set for this request', () => {
    const env = buildCgiEnvironment(facts(), {
      PATH: '/usr/bin',
      LANG: 'C.UTF-8',
      REMOTE_USER: 'admin',
      AUTH_TYPE: 'Basic',
      HTTP_X_FORWARDED_FOR: '10.0.0.1',
      SERVER_SOFTWARE: 'spoofed',
      UNDEFINED: undefined,
    });
    expect(env.PATH).toBe('/usr/bin');
    expect(env.LANG).toBe('C.UTF-8');
    expect(env.SERVER_SOFTWARE).toBe('SimpleHTTP/0.6 Node/20');
    expect(env).not.toHaveProperty('REMOTE_USER');
    expect(env).not.toHaveProperty('AUTH_TYPE');
    expect(env).not.toHaveProperty('HTTP_X_FORWARDED_FOR');
    expect(env).not.toHaveProperty('UNDEFINED');
  });

  it('does not modify the environment it copies', () => {
    const inherited = { PATH: '/bin', QUERY_STRING: 'old' };
    buildCgiEnvironment(facts(), inherited);
    expect(inherited).toEqual({ PATH: '/bin', QUERY_STRING: 'old' });
  });
});

describe('findNulByte', () => {
  it('names the variable or argv that execve would refuse', () => {
    expect(findNulByte({ A: 'x' }, ['y'])).toBeNull();
    expect(findNulByte({ PATH_INFO: 'a\0b' }, [])).toBe('PATH_INFO');
    expect(findNulByte({ A: 'x' }, ['a\0'])).toBe('argv');
  });
});
