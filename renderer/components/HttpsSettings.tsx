/**
 * "Use HTTPS" and its two choices: a certificate HTTP Desk makes for this computer, or the
 * person's own certificate and key (docs/architecture.md § Desktop app: HTTPS). Files are
 * picked with the system dialog through main; whatever main finds wrong with them (missing,
 * wrong password, a key from another certificate) is shown under that file's field.
 */
import type { TlsFilePurpose } from '../../shared/ipc.js';
import type { ConfigField } from '../../shared/settings.js';
import type { TlsMode } from '../../shared/tls-settings.js';
import type { ServerDraft } from '../servers/draft.js';
import { FieldMessage } from './FieldMessage.js';
import { TlsFileField } from './TlsFileField.js';

interface Props {
  draft: ServerDraft;
  disabled: boolean;
  errorFor(field: ConfigField): string | undefined;
  onChange(patch: Partial<ServerDraft>): void;
  pickTlsFile(purpose: TlsFilePurpose): Promise<string | null>;
}

const MODE_HINTS: Record<TlsMode, string> = {
  off: 'Off: plain http://. On a phone, pages from http://192.168… are not a secure context: no camera, clipboard or service workers.',
  generated:
    'HTTP Desk makes a certificate for localhost, this computer’s name and its network addresses when the server first starts, keeps it, and reuses it.',
  files:
    'A PEM certificate and its private key, as python -m http.server --tls-cert and --tls-key take them.',
};

const FILE_FIELDS: Array<{ field: TlsFilePurpose; label: string; hint: string }> = [
  {
    field: 'tlsCertFile',
    label: 'Certificate file',
    hint: 'PEM; the certificate chain, and the key too if it is in the same file.',
  },
  {
    field: 'tlsKeyFile',
    label: 'Private key file (optional)',
    hint: 'Leave empty when the key is in the certificate file.',
  },
  {
    field: 'tlsPasswordFile',
    label: 'Key password file (optional)',
    hint: 'Only for an encrypted key: a file whose first line is its password.',
  },
];

export function HttpsSettings({ draft, disabled, errorFor, onChange, pickTlsFile }: Props) {
  const on = draft.tls !== 'off';
  // Turned back on, the choice made before comes back: picked files mean "my certificate".
  const lastChoice: TlsMode = draft.tlsCertFile !== '' ? 'files' : 'generated';
  return (
    <fieldset className="field https-settings" disabled={disabled}>
      <legend>HTTPS</legend>
      <label className="check">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          aria-describedby="https-msg"
          onChange={(e) => onChange({ tls: e.target.checked ? lastChoice : 'off' })}
        />
        Use HTTPS
      </label>
      {on && (
        <fieldset className="https-choices">
          <legend className="sr-only">Certificate</legend>
          {(
            [
              ['generated', 'Create a certificate for this computer'],
              ['files', 'Use my certificate and key'],
            ] as const
          ).map(([mode, label]) => (
            <label key={mode} className="check choice">
              <input
                type="radio"
                name="tls-mode"
                value={mode}
                checked={draft.tls === mode}
                aria-describedby="https-msg"
                onChange={() => onChange({ tls: mode })}
              />
              {label}
            </label>
          ))}
        </fieldset>
      )}
      <FieldMessage id="https-msg" error={errorFor('tls')} hint={MODE_HINTS[draft.tls]} />
      {draft.tls === 'files' &&
        FILE_FIELDS.map(({ field, label, hint }) => (
          <TlsFileField
            key={field}
            purpose={field}
            label={label}
            hint={hint}
            path={draft[field]}
            error={errorFor(field)}
            disabled={disabled}
            onChange={(value) => onChange({ [field]: value })}
            pick={() => pickTlsFile(field)}
          />
        ))}
    </fieldset>
  );
}
