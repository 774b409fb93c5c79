/** The control panel: a tab per server; each shows its settings, its state and its live log. */
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { NetworkAddress } from '../shared/ipc.js';
import type { Bridge } from './bridge.js';
import { Notice } from './components/Notice.js';
import { DisclosureButton } from './components/DisclosureButton.js';
import { ServerTabs } from './components/ServerTabs.js';
import { tabLabel } from './components/tab-label.js';
import { SettingsForm } from './components/SettingsForm.js';
import { StatusCard } from './components/StatusCard.js';
import { usePref } from './layout/usePref.js';
import { ComposerPanel } from './composer/ComposerPanel.js';
import { SampleSiteOffer } from './components/SampleSiteOffer.js';
import { LogPanel } from './log/LogPanel.js';
import { LogStore } from './log/log-store.js';
import { followLog } from './log/follow-log.js';
import { useKeepBodiesFor } from './log/InspectorBody.js';
import { checkDraft, draftFromConfig, fieldChanged } from './servers/draft.js';
import { stateOf, useServers } from './servers/useServers.js';
import { useRemoveWithUndo } from './servers/useRemoveWithUndo.js';
import { UndoRemove } from './components/UndoRemove.js';

export function App({ bridge }: { bridge: Bridge }) {
  const model = useServers(bridge);
  const [store] = useState(() => new LogStore());
  const removal = useRemoveWithUndo(model, store, bridge);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [addresses, setAddresses] = useState<NetworkAddress[]>([]);
  const [dragging, setDragging] = useState(false);
  const [dropNote, setDropNote] = useState<string | null>(null);
  const [sampleSite, setSampleSite] = useState<string | null>(null);
  useEffect(() => {
    bridge.sampleSiteFolder().then(setSampleSite, () => setSampleSite(null));
  }, [bridge]);
  // Hiding the settings gives a small window (800×600) the whole width for the log.
  const [settingsShown, setSettingsShown] = usePref<boolean>('settingsShown', true);

  useEffect(() => followLog(bridge, store), [bridge, store]);

  const refreshAddresses = useCallback(() => {
    bridge.listAddresses().then(setAddresses, () => setAddresses([]));
  }, [bridge]);
  useEffect(refreshAddresses, [refreshAddresses]);

  const draft = model.drafts.find((d) => d.id === selectedId) ?? model.drafts[0];
  const state = draft ? stateOf(model, draft) : undefined;
  const check = useMemo(() => (draft ? checkDraft(draft) : null), [draft]);
  const errors = check && !check.ok ? check.errors : {};
  useKeepBodiesFor(bridge, draft?.id);

  if (!model.loaded || !draft || !state) {
    return (
      <div className="loading" role="status">
        Loading settings…
      </div>
    );
  }

  const locked = state.status === 'running' || state.status === 'starting';
  const label = tabLabel(draft, model.states[draft.id]);
  // A running server's folder can change too (Apply & restart); not while it is starting.
  const dropBlocked = state.status === 'starting';

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = dropBlocked ? 'none' : 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const item = event.dataTransfer.items[0];
    const file = event.dataTransfer.files[0];
    if (!file) return;
    if (dropBlocked) {
      setDropNote('Wait until the server has started, then drop the folder again.');
      return;
    }
    if (item?.webkitGetAsEntry()?.isFile) {
      setDropNote(`"${file.name}" is a file. Drop a folder to serve it.`);
      return;
    }
    const path = bridge.pathForFile?.(file) ?? '';
    if (path === '') {
      setDropNote('This window cannot read where a dropped folder lives. Use "Choose…" instead.');
      return;
    }
    setDropNote(null);
    model.updateDraft(draft.id, { folder: path });
  };

  return (
    <div
      className="app"
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="topbar">
        <h1 className="brand">HTTP Desk</h1>
        <DisclosureButton
          className="button small sidebar-toggle"
          expanded={settingsShown}
          controls="settings-sidebar"
          onToggle={setSettingsShown}
        >
          {settingsShown ? 'Hide settings' : 'Show settings'}
        </DisclosureButton>
        <ServerTabs
          drafts={model.drafts}
          states={model.states}
          selectedId={draft.id}
          onSelect={(id) => {
            removal.finish();
            setSelectedId(id);
          }}
          canAdd={model.canAdd}
          onAdd={() => {
            removal.finish();
            const id = model.addServer();
            if (id) setSelectedId(id);
          }}
        />
      </header>
      {/* One main landmark holds the notices and the tab panel, so no content sits outside landmarks. */}
      <main className="app-main">
        {model.notice && <Notice text={model.notice} onDismiss={model.dismissNotice} />}
        {dropNote && <Notice text={dropNote} onDismiss={() => setDropNote(null)} />}
        {removal.pending && (
          <UndoRemove
            key={removal.pending.draft.id}
            label={tabLabel(removal.pending.draft, undefined)}
            onUndo={() => setSelectedId(removal.undo())}
            onFinish={removal.finish}
          />
        )}
        <div
          className={settingsShown ? 'workspace' : 'workspace no-sidebar'}
          id="server-panel"
          role="tabpanel"
          aria-labelledby={`tab-${draft.id}`}
        >
          <section
            className="sidebar"
            id="settings-sidebar"
            aria-label="Settings of this server"
            hidden={!settingsShown}
          >
            <SettingsForm
              key={draft.id}
              draft={draft}
              state={state}
              errors={errors}
              recentFolders={model.recentFolders}
              addresses={addresses}
              onChange={(patch) => model.updateDraft(draft.id, patch)}
              onRefreshAddresses={refreshAddresses}
              onApply={() => void model.start(draft.id)}
              onRevert={() => model.updateDraft(draft.id, draftFromConfig(state.config))}
              pickFolder={() => bridge.pickFolder()}
              pickTlsFile={(purpose) => bridge.pickTlsFile(purpose)}
            />
            {model.drafts.length > 1 && (
              <button
                type="button"
                className="button subtle remove-server"
                disabled={locked}
                title={locked ? 'Stop it first' : undefined}
                onClick={() => {
                  removal.remove(draft.id);
                  setSelectedId(null);
                }}
              >
                Remove this server
              </button>
            )}
          </section>
          <section className="main" aria-label="State and log of this server">
            {/* First run (no folder yet, or the sample site main chose): offer it in one click. */}
            {!locked && (draft.folder.trim() === '' || draft.folder === sampleSite) && (
              <SampleSiteOffer
                folder={sampleSite}
                onServe={(folder) => void model.start(draft.id, { folder, cgi: true })}
              />
            )}
            <StatusCard
              state={state}
              errors={errors}
              folder={draft.folder}
              portText={draft.portText}
              onStart={() => void model.start(draft.id)}
              onStop={() => void model.stop(draft.id)}
              onUseFreePort={(port) => void model.start(draft.id, { portText: String(port) })}
              openUrl={(url) => bridge.openUrl(url)}
              onShare={() => void model.start(draft.id, { bind: '' })}
              failureStale={
                state.status === 'failed' &&
                state.failure?.field !== undefined &&
                fieldChanged(draft, state.config, state.failure.field)
              }
            />
            <LogPanel
              key={draft.id}
              store={store}
              serverId={draft.id}
              serverLabel={label}
              running={state.status === 'running'}
              forgetKept={() => {
                bridge.clearLog(draft.id).catch(() => undefined);
              }}
              exportLog={(payload) => bridge.exportLog(payload)}
            />
            <ComposerPanel
              key={`composer-${draft.id}`}
              state={state}
              send={(payload) => bridge.sendComposed(payload)}
            />
          </section>
        </div>
      </main>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {dropBlocked ? 'Wait until the server has started' : 'Drop a folder to serve it'}
        </div>
      )}
    </div>
  );
}
