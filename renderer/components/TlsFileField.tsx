/** One HTTPS file (certificate, key or password file): typed, or picked with the system dialog. */
import type { TlsFilePurpose } from '../../shared/ipc.js';
import { FieldMessage } from './FieldMessage.js';
import { usePickDialog } from './usePickDialog.js';

interface Props {
  purpose: TlsFilePurpose;
  label: string;
  hint: string;
  path: string;
  error?: string;
  disabled: boolean;
  onChange(path: string): void;
  pick(): Promise<string | null>;
}

export function TlsFileField({
  purpose,
  label,
  hint,
  path,
  error,
  disabled,
  onChange,
  pick,
}: Props) {
  const id = `tls-${purpose}`;
  const { choose, pickError } = usePickDialog(pick, onChange, 'file');
  const shownError = error ?? pickError ?? undefined;
  return (
    <div className="field tls-file">
      <label htmlFor={id}>{label}</label>
      <div className="input-row">
        <input
          id={id}
          type="text"
          value={path}
          placeholder="/path/to/file.pem"
          spellCheck={false}
          autoComplete="off"
          disabled={disabled}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={`${id}-msg`}
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          className="button"
          disabled={disabled}
          aria-label={`Choose the ${label.replace(/ \(optional\)$/, '').toLowerCase()}`}
          onClick={() => void choose()}
        >
          Choose…
        </button>
      </div>
      <FieldMessage id={`${id}-msg`} error={shownError} hint={hint} />
    </div>
  );
}
