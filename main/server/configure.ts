/**
 * One place that turns the settings a person chooses (CLI flags or the control panel) into
 * a handler class, so `httpdesk` and the desktop app serve identically.
 * Python's CLI does the same with `functools.partial(handler_class, directory=...)` and
 * `HandlerClass.protocol_version = protocol`.
 */
import type { RequestHandlerClass } from './base-handler.js';
import { CGIHTTPRequestHandler } from './cgi-handler.js';
import { BasicAuth } from './basic-auth.js';
import { SimpleHTTPRequestHandler } from './simple-handler.js';
import { checkHeader, type HeaderPair } from '../../shared/response-headers.js';

export interface HandlerSettings {
  directory: string;
  protocolVersion?: string;
  cgi?: boolean;
  followSymlinks?: boolean;
  /** Added to every response unless it has that name already (`-H`). */
  responseHeaders?: readonly HeaderPair[];
  /** `--spa`: client-side routes get the root index.html. */
  spa?: boolean;
  /** `--auth`: HTTP Basic credentials every request must carry. */
  auth?: { user: string; password: string } | null;
}

export function makeHandlerClass(
  settings: HandlerSettings,
): RequestHandlerClass<SimpleHTTPRequestHandler> {
  // A bad header would fail every response; refuse it now, where the caller can say why.
  const responseHeaders = (settings.responseHeaders ?? []).map(([name, value]) => {
    const checked = checkHeader(name, value);
    if (!checked.ok) throw new TypeError(`Invalid response header: ${checked.error}`);
    return checked.header;
  });
  // One per server: failure counts are shared by all of its connections.
  const basicAuth = settings.auth
    ? new BasicAuth(settings.auth.user, settings.auth.password)
    : null;
  const Base = settings.cgi ? CGIHTTPRequestHandler : SimpleHTTPRequestHandler;
  return class ConfiguredHandler extends Base {
    override directory = settings.directory;
    override protocolVersion = settings.protocolVersion ?? 'HTTP/1.0';
    override followSymlinks = settings.followSymlinks ?? false;
    override responseHeaders = responseHeaders;
    override spaFallback = settings.spa ?? false;
    override basicAuth = basicAuth;
  };
}
