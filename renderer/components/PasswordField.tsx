/**
 * "User name" and "Password": with both set, every request needs HTTP Basic credentials
 * (RFC 7617). The warning sits next to the password whenever it would cross a network
 * unencrypted (docs/architecture.md § Desktop app: response headers, SPA and password).
 */
import { useState } from 'react';
import { passwordWarning } from '../../shared/password-settings.js';
import { FieldMessage } from './FieldMessage.js';

interface Props {
  user: string;
  password: string;
  bind: string;
  /** Whether the server speaks HTTPS: then the password is encrypted on the way. */
  https: boolean;
  userError?: string;
  passwordError?: string;
  disabled: boolean;
  onChange(patch: { authUser?: string; authPassword?: string }): void;
}

export function PasswordField(props: Props) {
  const { user, password, disabled, onChange } = props;
  const [shown, setShown] = useState(false);
  const warning = passwordWarning(props.bind, password, props.https);
  return (
    <fieldset className="field password-field" disabled={disabled}>
      <legend>Password protection</legend>
      <div className="credentials">
        <label htmlFor="auth-user">User name</label>
        <input
          id="auth-user"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={user}
          aria-invalid={props.userError ? true : undefined}
          aria-describedby="auth-user-msg"
          onChange={(e) => onChange({ authUser: e.target.value })}
        />
        <label htmlFor="auth-password">Password</label>
        <div className="input-row">
          <input
            id="auth-password"
            type={shown ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            value={password}
            aria-invalid={props.passwordError ? true : undefined}
            aria-describedby="auth-password-msg auth-warning"
            onChange={(e) => onChange({ authPassword: e.target.value })}
          />
          <button
            type="button"
            className="button small"
            aria-pressed={shown}
            onClick={() => setShown(!shown)}
          >
            Show
          </button>
        </div>
      </div>
      <FieldMessage id="auth-user-msg" error={props.userError} />
      <FieldMessage
        id="auth-password-msg"
        error={props.passwordError}
        hint={
          user === '' && password === ''
            ? 'Empty: anyone who can reach the server can read the folder.'
            : 'Every request needs this user name and password; the browser asks once.'
        }
      />
      <p id="auth-warning" className={warning ? 'field-warning' : 'field-hint'}>
        {warning ?? ''}
      </p>
    </fieldset>
  );
}
