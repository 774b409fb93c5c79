/** The settings of one server. Locked while it runs: they apply when it next starts. */
import type { NetworkAddress, ServerState, TlsFilePurpose } from '../../shared/ipc.js';
import type { ConfigField, FieldErrors, ProtocolVersion } from '../../shared/settings.js';
import { configChanges } from '../../shared/config-changes.js';
import { checkDraft, fieldChanged, type ServerDraft } from '../servers/draft.js';
import { ApplyRestart } from './ApplyRestart.js';
import { AdvancedSettings } from './AdvancedSettings.js';
import { AllowedHostsField } from './AllowedHostsField.js';
import { CheckField } from './CheckField.js';
import { BindField } from './BindField.js';
import { DemoOptions, demoOptionsSet } from './DemoOptions.js';
import { FolderField } from './FolderField.js';
import { HttpsSettings } from './HttpsSettings.js';
import { PortField } from './PortField.js';

interface Props {
  draft: ServerDraft;
  state: ServerState;
  errors: FieldErrors;
  recentFolders: string[];
  addresses: NetworkAddress[];
  onChange(patch: Partial<ServerDraft>): void;
  onRefreshAddresses(): void;
  /** Restart the running server with the edited settings. */
  onApply(): void;
  /** Put the fields back to what the running server uses. */
  onRevert(): void;
  pickFolder(): Promise<string | null>;
  pickTlsFile(purpose: TlsFilePurpose): Promise<string | null>;
}

const PROTOCOL_NOTES: Record<ProtocolVersion, string> = {
  'HTTP/1.0': 'One request per connection: the server closes it after every response.',
  'HTTP/1.1': 'Persistent connections: a browser can send many requests over one connection.',
};

/** Who can make CGI scripts run, said by where the server listens. */
function cgiAudience(bind: string): string {
  const host = bind.trim();
  if (host === '127.0.0.1' || host === '::1' || host === '[::1]' || host === 'localhost') {
    return 'for any program or browser on this computer';
  }
  if (host === '' || host === '0.0.0.0' || host === '::') {
    return 'for anyone on your network who can reach this computer';
  }
  return `for anyone who can reach ${host}`;
}

export function SettingsForm(props: Props) {
  const { draft, state, errors, onChange } = props;
  // Editable while running (Apply & restart); only a start in progress locks the fields.
  const locked = state.status === 'starting';
  const live = state.status === 'running' || state.status === 'starting';
  const check = live ? checkDraft(draft) : null;
  const changes = check?.ok ? configChanges(state.config, check.config) : null;
  // A failed start names the field to fix (e.g. a taken port); show it there as well.
  const failure = state.status === 'failed' ? state.failure : undefined;
  // The full reason is in the status card; the field says just what is wrong with it.
  const failureText =
    failure?.code !== 'port-in-use'
      ? failure?.message
      : failure.usedByTab !== undefined
        ? `Port ${state.config.port} is used by the tab '${failure.usedByTab}'.`
        : `Port ${state.config.port} is already in use.`;
  // …until the person changes that field: then the old reason no longer applies.
  const errorFor = (field: ConfigField): string | undefined =>
    errors[field] ??
    (failure?.field === field && !fieldChanged(draft, state.config, field)
      ? failureText
      : undefined);

  return (
    <form
      className="settings-form"
      aria-label="Server settings"
      onSubmit={(e) => e.preventDefault()}
    >
      <h2 className="section-title">Settings</h2>
      {live && (
        <ApplyRestart
          state={state}
          changes={changes}
          onApply={props.onApply}
          onRevert={props.onRevert}
        />
      )}
      <FolderField
        folder={draft.folder}
        error={errorFor('folder')}
        disabled={locked}
        recentFolders={props.recentFolders}
        onChange={(folder) => onChange({ folder })}
        pickFolder={props.pickFolder}
      />
      <BindField
        key={draft.id}
        bind={draft.bind}
        error={errorFor('bind')}
        disabled={locked}
        addresses={props.addresses}
        onChange={(bind) => onChange({ bind })}
        onRefresh={props.onRefreshAddresses}
      />
      <PortField
        portText={draft.portText}
        error={errorFor('port')}
        disabled={locked}
        onChange={(portText) => onChange({ portText })}
      />
      <fieldset className="field" disabled={locked}>
        <legend>HTTP version</legend>
        <div className="segmented">
          {(['HTTP/1.0', 'HTTP/1.1'] as const).map((p) => (
            <label key={p} className={draft.protocol === p ? 'segment checked' : 'segment'}>
              <input
                type="radio"
                name="protocol"
                value={p}
                checked={draft.protocol === p}
                onChange={() => onChange({ protocol: p })}
              />
              {p}
            </label>
          ))}
        </div>
        <p className="field-hint">{PROTOCOL_NOTES[draft.protocol]}</p>
      </fieldset>
      <CheckField
        noteId="cgi-msg"
        label="Run CGI scripts"
        checked={draft.cgi}
        disabled={locked}
        onChange={(cgi) => onChange({ cgi })}
        warn={draft.cgi}
        note={
          draft.cgi
            ? `Warning: files in cgi-bin/ and htbin/ will run as programs on this computer, with your permissions, ${cgiAudience(draft.bind)}.`
            : 'Off: files in cgi-bin/ are sent as they are, never run.'
        }
      />
      <HttpsSettings
        draft={draft}
        disabled={locked}
        errorFor={errorFor}
        onChange={onChange}
        pickTlsFile={props.pickTlsFile}
      />
      <AdvancedSettings
        open={draft.followSymlinks || draft.allowedHosts.length > 0 || demoOptionsSet(draft)}
      >
        <CheckField
          noteId="symlink-msg"
          label="Follow links that lead outside the folder"
          checked={draft.followSymlinks}
          disabled={locked}
          onChange={(followSymlinks) => onChange({ followSymlinks })}
          warn={draft.followSymlinks}
          note={
            draft.followSymlinks
              ? 'Warning: visitors can read whatever the links point to, anywhere on this computer.'
              : 'Off: a symbolic link is served only when its target is inside the folder.'
          }
        />
        <AllowedHostsField
          key={draft.id}
          names={draft.allowedHosts}
          error={errors.allowedHosts}
          disabled={locked}
          onChange={(allowedHosts) => onChange({ allowedHosts })}
        />
        <DemoOptions draft={draft} errors={errors} disabled={locked} onChange={onChange} />
      </AdvancedSettings>
    </form>
  );
}
