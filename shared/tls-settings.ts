/**
 * A server's HTTPS settings and their rules (docs/architecture.md § Desktop app: HTTPS),
 * read from untrusted input by `validateServerConfig`: the panel shows each message next to
 * its field and main validates again. A field that is absent (a settings file or a panel
 * from before HTTPS) reads as its default, so old files keep loading. Pure: no Node, no DOM.
 */
/** 'off': plain HTTP. 'files': the person's certificate and key. 'generated': one made for this computer. */
export const TLS_MODES = ['off', 'files', 'generated'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

export interface TlsSettings {
  tls: TlsMode;
  /** PEM certificate (chain) file; may hold the key too. Used when `tls` is 'files'. */
  tlsCertFile: string;
  /** PEM key file; '' = the key is in the certificate file (Python's `--tls-key` default). */
  tlsKeyFile: string;
  /** File whose first line is the key's password; '' = the key is not encrypted. */
  tlsPasswordFile: string;
}

export type TlsField = keyof TlsSettings;

export const DEFAULT_TLS_SETTINGS: TlsSettings = {
  tls: 'off',
  tlsCertFile: '',
  tlsKeyFile: '',
  tlsPasswordFile: '',
};

/** Longest file path accepted (PATH_MAX on Linux). */
const MAX_PATH_LENGTH = 4096;

const FILE_LABELS: Record<Exclude<TlsField, 'tls'>, string> = {
  tlsCertFile: 'certificate file',
  tlsKeyFile: 'key file',
  tlsPasswordFile: 'password file',
};

function filePathError(field: Exclude<TlsField, 'tls'>, value: unknown): string | null {
  if (typeof value !== 'string') return `The ${FILE_LABELS[field]} must be a path.`;
  if (value.length > MAX_PATH_LENGTH || value.includes('\0')) {
    return `This ${FILE_LABELS[field]} path is not valid.`;
  }
  return null;
}

/**
 * The HTTPS settings in `input`, or a message per field. Paths are kept while HTTPS is off
 * or uses a generated certificate (switching back keeps what the person picked); they must
 * be valid paths in any mode, and the certificate is required only when it is used.
 */
export function readTlsSettings(input: Record<string, unknown>): {
  value: TlsSettings;
  errors: Partial<Record<TlsField, string>>;
} {
  const value = { ...DEFAULT_TLS_SETTINGS };
  const errors: Partial<Record<TlsField, string>> = {};
  const mode = input.tls;
  if (mode !== undefined) {
    if (typeof mode === 'string' && (TLS_MODES as readonly string[]).includes(mode)) {
      value.tls = mode as TlsMode;
    } else errors.tls = 'Choose plain HTTP, your certificate, or a certificate for this computer.';
  }
  for (const field of ['tlsCertFile', 'tlsKeyFile', 'tlsPasswordFile'] as const) {
    const raw = input[field];
    if (raw === undefined) continue;
    const problem = filePathError(field, raw);
    if (problem) errors[field] = problem;
    else value[field] = (raw as string).trim();
  }
  if (value.tls === 'files' && value.tlsCertFile === '' && errors.tlsCertFile === undefined) {
    errors.tlsCertFile = 'Choose the certificate file (PEM), or create a certificate instead.';
  }
  return { value, errors };
}

/** Whether two configs serve HTTPS alike (a running server with other settings restarts). */
export function sameTlsSettings(a: TlsSettings, b: TlsSettings): boolean {
  return (
    a.tls === b.tls &&
    a.tlsCertFile === b.tlsCertFile &&
    a.tlsKeyFile === b.tlsKeyFile &&
    a.tlsPasswordFile === b.tlsPasswordFile
  );
}
