/**
 * The settings for demoing a site (docs/architecture.md § Desktop app: response headers,
 * SPA and password): response headers, single-page app and a password, kept in one
 * component so the settings form holds one line for them.
 */
import type { FieldErrors } from '../../shared/settings.js';
import type { ServerDraft } from '../servers/draft.js';
import { PasswordField } from './PasswordField.js';
import { ResponseHeadersField } from './ResponseHeadersField.js';
import { SinglePageAppField } from './SinglePageAppField.js';

interface Props {
  draft: ServerDraft;
  errors: FieldErrors;
  disabled: boolean;
  onChange(patch: Partial<ServerDraft>): void;
}

/** Whether any demo option is set: the Advanced section opens by itself to show it. */
export function demoOptionsSet(draft: ServerDraft): boolean {
  const { responseHeaders, spa, authUser, authPassword } = draft;
  return (
    responseHeaders.presets.length > 0 ||
    responseHeaders.custom.length > 0 ||
    spa ||
    authUser !== '' ||
    authPassword !== ''
  );
}

export function DemoOptions({ draft, errors, disabled, onChange }: Props) {
  return (
    <>
      <ResponseHeadersField
        value={draft.responseHeaders}
        error={errors.responseHeaders}
        disabled={disabled}
        onChange={(responseHeaders) => onChange({ responseHeaders })}
      />
      <SinglePageAppField
        checked={draft.spa}
        disabled={disabled}
        onChange={(spa) => onChange({ spa })}
      />
      <PasswordField
        user={draft.authUser}
        password={draft.authPassword}
        bind={draft.bind}
        https={draft.tls !== 'off'}
        userError={errors.authUser}
        passwordError={errors.authPassword}
        disabled={disabled}
        onChange={onChange}
      />
    </>
  );
}
