/**
 * The server's state, always in view, with the one button that matters (Start or Stop),
 * why it cannot start yet or why it failed, and — while running — where to reach it.
 */
import type { Result, ServerState } from '../../shared/ipc.js';
import type { FieldErrors } from '../../shared/settings.js';
import { usePref } from '../layout/usePref.js';
import { DisclosureButton } from './DisclosureButton.js';
import { StatusBadge } from './StatusBadge.js';
import { UrlList } from './UrlList.js';

interface Props {
  state: ServerState;
  errors: FieldErrors;
  folder: string;
  portText: string;
  onStart(): void;
  onStop(): void;
  onUseFreePort(port: number): void;
  openUrl(url: string): Promise<Result>;
  /** Listen on all interfaces and restart, in one click. */
  onShare(): void;
  /** The person edited the field a failed start named: its message no longer applies. */
  failureStale: boolean;
}

function since(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  return ` since ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function StatusCard({
  state,
  errors,
  folder,
  portText,
  onStart,
  onStop,
  onUseFreePort,
  openUrl,
  onShare,
  failureStale,
}: Props) {
  const [addressesShown, setAddressesShown] = usePref<boolean>('addressesShown', true);
  const invalid = Object.keys(errors).length > 0;
  const { failure, config } = state;
  // Once the field a failure named was edited, the card reads as before the attempt.
  const status = failureStale && state.status === 'failed' ? 'stopped' : state.status;
  const noFolder = folder.trim() === '';
  const running = status === 'running';
  const busy = status === 'starting';

  let summary: string;
  if (running) {
    const over = state.certificate ? `HTTPS (${config.protocol})` : config.protocol;
    summary = `Serving ${config.folder} over ${over}${since(state.startedAt)}.`;
  } else if (busy) {
    summary = `Starting on port ${config.port}…`;
  } else if (status === 'failed' && failure) {
    summary = failure.message;
  } else if (noFolder) {
    summary = 'Welcome to HTTP Desk. Choose a folder to serve, press Start, then Open.';
  } else if (invalid) {
    summary = 'Fix the settings marked in red, then press Start.';
  } else {
    summary = `Ready to share ${folder} on port ${portText.trim()}.`;
  }

  return (
    <section className={`status-card status-${status}`} aria-labelledby="status-heading">
      <div className="status-row">
        <h2 id="status-heading" className="status-heading">
          <StatusBadge status={status} />
        </h2>
        {running && (
          <span className="version-badge" title="The HTTP version this server answers with">
            {config.protocol}
          </span>
        )}
        <p className="status-summary" role={status === 'failed' ? 'alert' : undefined}>
          {summary}
        </p>
        {/* One button that changes its label keeps the keyboard focus through Start → Stop;
            aria-disabled (not disabled) while starting, or the focus would fall to <body>. */}
        {running || busy ? (
          <button
            type="button"
            className="button danger big"
            aria-disabled={busy}
            onClick={() => {
              if (!busy) onStop();
            }}
          >
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="button primary big"
            onClick={onStart}
            disabled={invalid}
            title={
              noFolder
                ? 'Choose a folder first'
                : invalid
                  ? 'Fix the settings first'
                  : 'Start serving this folder'
            }
          >
            Start
          </button>
        )}
      </div>
      {status === 'failed' && failure?.code === 'port-in-use' && failure.freePort !== undefined && (
        <div className="failure-fix">
          <button
            type="button"
            className="button primary"
            onClick={() => onUseFreePort(failure.freePort!)}
          >
            Use free port {failure.freePort} and start
          </button>
          <span className="field-hint">or type another port in the settings.</span>
        </div>
      )}
      {running && (
        <div className="urls-block">
          <DisclosureButton
            className="button small subtle disclosure"
            expanded={addressesShown}
            controls="server-urls"
            onToggle={setAddressesShown}
          >
            {addressesShown ? 'Hide addresses' : `Show addresses (${state.urls.length})`}
          </DisclosureButton>
          <div id="server-urls" hidden={!addressesShown}>
            <UrlList
              urls={state.urls}
              links={state.links}
              openUrl={openUrl}
              onShare={onShare}
              certificate={state.certificate}
            />
          </div>
        </div>
      )}
    </section>
  );
}
