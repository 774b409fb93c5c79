/**
 * `CGIHTTPRequestHandler`: SimpleHTTPRequestHandler plus directory-based CGI, as server.py
 * (3.11) behaves on the wire: GET, HEAD and POST under `cgiDirectories` run the script,
 * "200 Script output follows" goes out before it runs, and the script's own output (its
 * headers, a blank line, its body) follows; POST elsewhere is 501.
 *
 * The pieces live in ./cgi/: URL collapsing (is_cgi), script location, the environment, the
 * process. Departures from Python, each on purpose (README "Differences from Python"):
 *  - the body reaches the script through a pipe, exactly Content-Length bytes then EOF;
 *  - a HEAD response carries the script's headers only (RFC 9110 §9.3.2);
 *  - the connection always closes after a CGI response (its length is unknown; Python
 *    keeps an HTTP/1.1 connection open and the client waits forever), with
 *    `Connection: close` when the server speaks HTTP/1.1;
 *  - a path whose `..` climbs above the root is 400 (Python's is_cgi raises IndexError
 *    and the connection drops without a reply);
 *  - a script that cannot be started, or an environment execve would refuse, gets an error
 *    status before the 200 (Python sends 200 and its child exits 127);
 *  - scripts run with the served folder as working directory, their stderr is logged
 *    line by line, a time limit (`cgiTimeoutMs`) and a client disconnect (a FIN included)
 *    end them and everything they started (their process group);
 *  - `.py` scripts run as `python3 -u script` (Python's own non-fork branch) rather than
 *    through their `#!` line; a script without `#!` runs under /bin/sh (execvp's fallback)
 *    where Python's execve fails;
 *  - as root, scripts get nobody's group too, not only its uid;
 *  - the symlink policy of static files applies to scripts too, and a script runs only when
 *    its real path lies below the CGI directory its URL named (cgi/script-containment.ts);
 *  - the path is decoded once: SCRIPT_NAME, PATH_INFO and the script's file come from the
 *    collapsed path (server.py decodes them again, which runs `/cgi-bin/%252e%252e/x`);
 *  - a file below a CGI directory is never served as a file, whatever the URL (Python
 *    serves a script's source for `/cgi-bin/x.sh#/../../y`, see cgi/source-guard.ts);
 *  - the server's own environment reaches scripts without CGI names (REMOTE_USER …).
 */
import { matchCgiDirectory } from './cgi/cgi-info.js';
import { buildCgiEnvironment, findNulByte } from './cgi/cgi-environment.js';
import { CgiAnswerLength } from './cgi/cgi-answer-length.js';
import { CgiHeaderEndFinder } from './cgi/cgi-header-end.js';
import { CgiHeaderNames } from './cgi/cgi-header-names.js';
import { exitCode, startCgiProcess, type CgiProcess } from './cgi/cgi-process.js';
import {
  HAVE_FORK,
  hasPythonExtension,
  isExecutableFile,
  locateScript,
  scriptArguments,
  type ScriptLocation,
} from './cgi/cgi-script.js';
import { scriptIdentity } from './cgi/nobody.js';
import { isBelowCgiDirectory } from './cgi/source-guard.js';
import { isScriptInsideCgiDirectory } from './cgi/script-containment.js';
import { spawnWordsFor } from './cgi/byte-path-command.js';
import { collapseTarget, PathAboveRootError } from './cgi/url-collapse.js';
import { pythonUnquote } from './cgi/url-unquote.js';
import { mayServe } from './file-access.js';
import { pyRepr } from './py-format.js';
import type { ResponseBody } from './response-body.js';
import { statOrNull } from './shared-stat.js';
import { SimpleHTTPRequestHandler } from './simple-handler.js';
import { ConnectionClosedError } from './socket-writer.js';
import { originForm, quote } from './url-path.js';

/** Spawn failures that mean "this script cannot run" (→ 403), not a server fault (→ 500). */
/**
 * How long a script that has sent its whole declared answer may take to exit after the
 * client left: a script's own tidy-up (closing files, flushing a log) is short, and a
 * slot stays held no longer than this once nobody waits for the script.
 */
const ANSWERED_EXIT_GRACE_MS = 5_000;

const SCRIPT_PROBLEMS = new Set(['EACCES', 'EPERM', 'ENOEXEC', 'ENOENT', 'ENOTDIR']);

export class CGIHTTPRequestHandler extends SimpleHTTPRequestHandler {
  /** server.py `have_fork`: POSIX execs every script itself, so even `.py` must be executable. */
  static haveFork = HAVE_FORK;

  /** URL directories whose files are run, not served (server.py default). */
  cgiDirectories: string[] = ['/cgi-bin', '/htbin'];
  /** Set by `isCGI()`: the CGI directory and the rest of the collapsed path (query included). */
  cgiInfo: [dir: string, rest: string] | null = null;
  /** What `isCGI()` found, with the decoded path and the raw query kept apart. */
  #cgiTarget: { dir: string; rest: string; query: string } | null = null;
  /**
   * A script still running after this many ms is ended and the fact logged; 0 = no limit.
   * Python has none. Five minutes leaves room for a large upload over a LAN (the limit
   * counts from the start, body transfer included) while no hung script lives forever.
   */
  cgiTimeoutMs = 300_000;
  /** How `.py`/`.pyw` scripts are run: `[interpreter, '-u', script, …]`. */
  pythonInterpreter = process.platform === 'win32' ? 'python' : 'python3';

  /** Serves a POST request: only for CGI scripts (501 elsewhere, as in server.py). */
  async do_POST(): Promise<void> {
    const cgi = await this.#checkCGI();
    if (cgi === 'rejected') return;
    if (cgi) await this.runCGI();
    else await this.sendError(501, 'Can only POST to CGI scripts');
  }

  /** GET and HEAD: run the script when the path is a CGI one, else serve the file. */
  override async sendHead(): Promise<ResponseBody | null> {
    const cgi = await this.#checkCGI();
    if (cgi === 'rejected') return null;
    if (cgi) {
      await this.runCGI();
      return null;
    }
    const cgiDirPaths = this.cgiDirectories.map((dir) => this.translatePath(dir));
    const fsPath = this.translatePath(this.path);
    if (
      isBelowCgiDirectory(fsPath, cgiDirPaths) ||
      // A link elsewhere in the folder (`alias -> cgi-bin`) reaches the same files.
      (
        await Promise.all(cgiDirPaths.map((dir) => isScriptInsideCgiDirectory(fsPath, dir)))
      ).includes(true)
    ) {
      // Python would serve the script's source here (see cgi/source-guard.ts).
      await this.sendError(403, 'CGI scripts are run, not served as files');
      return null;
    }
    return super.sendHead();
  }

  /**
   * server.py `is_cgi`: true, with `cgiInfo` set, when the collapsed URL path starts with a
   * CGI directory followed by '/'. Throws PathAboveRootError for a path that climbs above
   * the root ("the caller should assume that self.path was rejected as invalid").
   */
  isCGI(): boolean {
    // The static side serves absolute-form targets by their path (url-path.ts originForm);
    // CGI must see the same path, or `GET http://h/cgi-bin/x` would serve the script's source.
    // Both drop a fragment first, as urlsplit does (RFC 3986 §3.5): server.py keeps it in
    // SCRIPT_NAME and lets translate_path cut it, which would need a second decoding.
    this.#cgiTarget = null;
    const target = originForm(this.path);
    const hash = target.indexOf('#');
    // A name that is not UTF-8 keeps its bytes, so its script is found (surrogate-escape.ts).
    const { path, query } = collapseTarget(hash === -1 ? target : target.slice(0, hash), (p) =>
      pythonUnquote(p, 'surrogateescape'),
    );
    const info = matchCgiDirectory(path, this.cgiDirectories);
    if (info === null) return false;
    this.#cgiTarget = { ...info, query };
    this.cgiInfo = [info.dir, query === '' ? info.rest : `${info.rest}?${query}`];
    return true;
  }

  /** server.py `is_executable`: `os.access(path, X_OK)`. */
  isExecutable(filePath: string): Promise<boolean> {
    return isExecutableFile(filePath);
  }

  /** server.py `is_python`: a `.py` or `.pyw` name. */
  isPython(filePath: string): boolean {
    return hasPythonExtension(filePath);
  }

  async #checkCGI(): Promise<boolean | 'rejected'> {
    try {
      return this.isCGI();
    } catch (err) {
      if (!(err instanceof PathAboveRootError)) throw err;
      await this.sendError(400, 'Bad request path', 'The path climbs above the server root');
      return 'rejected';
    }
  }

  /**
   * A URL path that is decoded already → its file under the root. translatePath decodes
   * its argument, so the path is quoted first: decoding a second time is how server.py
   * 3.11 lets `/cgi-bin/%252e%252e/x` run `x` outside the CGI directory.
   */
  #decodedToFile(decodedPath: string): string {
    return this.translatePath(quote(decodedPath));
  }

  /**
   * server.py `run_cgi`: find the script, check it, build its environment, run it. Only a
   * script whose real path lies below the CGI directory the URL named is run.
   */
  async runCGI(): Promise<void> {
    const target = this.#cgiTarget ?? (this.isCGI() ? this.#cgiTarget : null);
    const { dir, rest, query } = target ?? { dir: '', rest: '', query: '' };
    const location = await locateScript({ dir, rest }, async (urlPath) =>
      Boolean((await statOrNull(this.#decodedToFile(urlPath)))?.isDirectory()),
    );
    const { scriptName } = location;
    const scriptFile = this.#decodedToFile(scriptName);
    const stats = await statOrNull(scriptFile);
    if (
      stats === null ||
      !(await mayServe(this.root, scriptFile, this.followSymlinks)) ||
      // A directory is never run; the CGI directory itself (no script name) gets server.py's 403.
      (location.script !== '' &&
        !(await isScriptInsideCgiDirectory(scriptFile, this.#decodedToFile(dir))))
    ) {
      await this.sendError(404, `No such CGI script (${pyRepr(scriptName)})`);
      return;
    }
    if (!stats.isFile()) {
      await this.sendError(403, `CGI script is not a plain file (${pyRepr(scriptName)})`);
      return;
    }
    const isPy = this.isPython(scriptName);
    const ctor = this.constructor as typeof CGIHTTPRequestHandler;
    if ((ctor.haveFork || !isPy) && !(await this.isExecutable(scriptFile))) {
      await this.sendError(403, `CGI script is not executable (${pyRepr(scriptName)})`);
      return;
    }
    await this.#runScript(location, query, scriptFile, isPy);
  }

  async #runScript(
    location: ScriptLocation,
    query: string,
    scriptFile: string,
    isPy: boolean,
  ): Promise<void> {
    // Decoded once already (server.py unquotes it a second time).
    const pathInfo = location.rest;
    const env = buildCgiEnvironment(
      {
        serverSoftware: this.versionString(),
        serverName: this.server.serverName,
        serverPort: this.server.serverPort,
        protocolVersion: this.protocolVersion,
        method: this.command,
        pathInfo,
        pathTranslated: this.#decodedToFile(pathInfo),
        scriptName: location.scriptName,
        query,
        remoteAddr: this.clientAddress[0],
        headers: this.headers.items(),
        ...(this.authUser !== undefined ? { checkedUser: this.authUser } : {}),
      },
      process.env,
    );
    const args = scriptArguments(query);
    const refused = findNulByte(env, args);
    if (refused !== null) {
      await this.sendError(
        400,
        'Bad request path',
        `A NUL byte cannot be passed to a CGI script (${refused})`,
      );
      return;
    }

    const started = await startCgiProcess({
      ...spawnWordsFor({
        file: isPy ? this.pythonInterpreter : scriptFile,
        args: isPy ? ['-u', scriptFile, ...args] : args,
        argv0: isPy ? this.pythonInterpreter : location.script,
      }),
      env,
      cwd: this.root,
      identity: await scriptIdentity(),
    });
    if (!started.ok) {
      const code = started.error.code ?? 'error';
      const status = SCRIPT_PROBLEMS.has(code) ? 403 : 500;
      await this.sendError(
        status,
        `CGI script could not be run (${pyRepr(location.scriptName)}: ${code})`,
      );
      return;
    }
    await this.#streamScript(started.script, location.scriptName);
  }

  async #streamScript(script: CgiProcess, scriptName: string): Promise<void> {
    // The script's output has no length the server knows: the connection's end marks it.
    this.closeConnection = true;
    this.sendResponse(200, 'Script output follows');
    if (this.protocolVersion >= 'HTTP/1.1') this.sendHeader('Connection', 'close');
    const endScript = (why: string): void => {
      if (script.killedBecause !== null) return;
      this.logError('CGI script %s: %s, ending it', scriptName, why);
      script.kill(why);
    };
    // A client that hangs up once it has the whole declared answer has not abandoned it:
    // the script gets a grace to exit on its own before it is ended like any other.
    const answer = new CgiAnswerLength(this.command === 'HEAD');
    let graceTimer: NodeJS.Timeout | null = null;
    const endUnlessAnswered = (why: string): void => {
      if (!answer.complete) return endScript(why);
      graceTimer ??= setTimeout(
        () => endScript('still running after its answer was sent and the client left'),
        ANSWERED_EXIT_GRACE_MS,
      ).unref();
    };
    // A full close or a reset.
    const onClientGone = (): void => endUnlessAnswered('client went away');
    this.request.once('close', onClientGone);
    script.logStderr((line) => this.logError('%s', line));
    script.limitRunTime(this.cgiTimeoutMs, () =>
      endScript(`ran longer than ${this.cgiTimeoutMs / 1000} s`),
    );
    // Exactly Content-Length bytes, streamed; not awaited: a script need not read its input.
    const fed = script
      .feedStdin(this.rfile.readChunks(this.unreadBodyBytes))
      .catch(() => undefined);
    // A half-close (FIN) counts as gone too, as the README promises: otherwise a client that
    // sends its request and closes leaves the script holding a connection slot until
    // cgiTimeoutMs. The body read before the FIN still reaches the script first.
    let running = true;
    const onClientEnd = (): void => {
      void fed.then(() => {
        if (running) endUnlessAnswered('client closed its side');
      });
    };
    if (this.request.readableEnded) onClientEnd();
    else this.request.once('end', onClientEnd);

    const headOnly = this.command === 'HEAD' ? new CgiHeaderEndFinder() : null;
    // Configured headers wait for the script's own (it may set the same names).
    const scriptHead = this.responseHeaders.length > 0 ? new CgiHeaderNames() : null;
    const send = async (chunk: Buffer): Promise<void> => {
      const keep = headOnly ? headOnly.feed(chunk) : chunk.length;
      if (keep > 0) await this.wfile.write(keep === chunk.length ? chunk : chunk.subarray(0, keep));
    };
    const sendWithConfiguredHeaders = async (held: Buffer): Promise<void> => {
      const scriptNames = (scriptHead as CgiHeaderNames).namesIn(held);
      for (const [name, value] of this.responseHeaders)
        if (!scriptNames.has(name.toLowerCase())) this.sendHeader(name, value);
      await this.flushHeaders();
      if (held.length > 0) await send(held);
    };
    // The log shows the head as the client got it: ours, then the script's header block.
    const headEnd = new CgiHeaderEndFinder();
    const headBytes: Buffer[] = [];
    let failure: unknown = null;
    try {
      if (!scriptHead) await this.flushHeaders();
      await script.pumpStdout(async (chunk) => {
        if (!headEnd.done) headBytes.push(chunk.subarray(0, headEnd.feed(chunk)));
        if (scriptHead && !scriptHead.done) {
          const held = scriptHead.feed(chunk);
          if (held) await sendWithConfiguredHeaders(held);
        } else await send(chunk);
        answer.feed(chunk);
      });
      if (scriptHead && !scriptHead.done) await sendWithConfiguredHeaders(scriptHead.release());
    } catch (err) {
      failure = err;
      endScript(err instanceof ConnectionClosedError ? 'client went away' : 'the response failed');
    }
    const status = await script.closed;
    running = false;
    if (graceTimer) clearTimeout(graceTimer);
    this.request.off('close', onClientGone);
    this.request.off('end', onClientEnd);
    const code = exitCode(status);
    if (code !== 0) this.logError('CGI script exit code %d', code);
    const headBlock = Buffer.concat(headBytes);
    this.recordScript(
      {
        head: headBlock
          .toString('latin1')
          .split(/\r?\n/)
          .filter((line) => line !== ''),
        exitCode: code,
        killedBecause: script.killedBecause,
      },
      headBlock.length,
    );
    if (failure !== null) throw failure;
  }
}
