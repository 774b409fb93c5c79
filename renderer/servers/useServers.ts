/**
 * The panel's model of its servers: the drafts being edited (one per tab), the state main
 * reports for each, recent folders, and persistence through loadSettings/saveSettings.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ServerState } from '../../shared/ipc.js';
import {
  MAX_RECENT_FOLDERS,
  MAX_SERVERS,
  defaultAppSettings,
  type AppSettings,
  type ServerConfig,
} from '../../shared/settings.js';
import type { Bridge } from '../bridge.js';
import { checkDraft, draftFromConfig, newDraft, type ServerDraft } from './draft.js';
import { errorMessage } from '../../shared/values.js';

/** Long enough to coalesce typing, short enough that closing the window right after keeps it. */
const SAVE_DEBOUNCE_MS = 400;

export interface ServersModel {
  loaded: boolean;
  /** A problem worth telling the person about: a settings file that fell back to defaults, a failed save. */
  notice: string | null;
  dismissNotice(): void;
  drafts: ServerDraft[];
  states: Record<string, ServerState>;
  recentFolders: string[];
  canAdd: boolean;
  addServer(): string | null;
  /** Removes the tab; what it answers puts it back (Undo). */
  removeServer(id: string): RemovedServer | null;
  restoreServer(removed: RemovedServer): void;
  updateDraft(id: string, patch: Partial<ServerDraft>): void;
  start(id: string, patch?: Partial<ServerDraft>): Promise<void>;
  stop(id: string): Promise<void>;
}

/** A removed tab, kept until its Undo expires: its draft, where it stood, its last valid config. */
export interface RemovedServer {
  draft: ServerDraft;
  index: number;
  lastValid: ServerConfig | undefined;
}

function stoppedState(config: ServerConfig): ServerState {
  return { id: config.id, config, status: 'stopped', urls: [] };
}

export function useServers(bridge: Bridge): ServersModel {
  const [loaded, setLoaded] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<ServerDraft[]>([]);
  const [states, setStates] = useState<Record<string, ServerState>>({});
  const [recentFolders, setRecentFolders] = useState<string[]>([]);
  const windowSize = useRef(defaultAppSettings().window);
  /** Ids whose start (or restart) main is still working on. */
  const startsInFlight = useRef(new Set<string>());
  // The last valid config of each server: what is saved while a field is mid-edit and invalid.
  const lastValid = useRef(new Map<string, ServerConfig>());
  // Callbacks read the latest committed drafts without being recreated on every keystroke.
  const draftsRef = useRef(drafts);
  useEffect(() => {
    draftsRef.current = drafts;
  }, [drafts]);

  const putState = useCallback((state: ServerState) => {
    setStates((prev) => ({ ...prev, [state.id]: state }));
  }, []);

  // Load settings and running servers once; listen for state changes from main.
  useEffect(() => {
    let cancelled = false;
    // A restart (Apply & restart, Share) passes through 'stopped' in main; the panel keeps
    // showing it as starting, so the running server's controls — and the focus on them — stay.
    const unsubscribe = bridge.onServerState((state) => {
      if (state.status === 'stopped' && startsInFlight.current.has(state.id)) return;
      putState(state);
    });
    void (async () => {
      try {
        const [settings, running] = await Promise.all([
          bridge.loadSettings(),
          bridge.listServers(),
        ]);
        if (cancelled) return;
        const configs = [...settings.settings.servers];
        for (const state of running) {
          if (!configs.some((c) => c.id === state.id)) configs.push(state.config);
        }
        for (const config of configs) lastValid.current.set(config.id, config);
        const loadedDrafts = configs.map((c) => {
          const live = running.find((s) => s.id === c.id && s.status !== 'stopped');
          return draftFromConfig(live ? live.config : c);
        });
        setDrafts(loadedDrafts.length > 0 ? loadedDrafts : [newDraft()]);
        setStates(Object.fromEntries(running.map((s) => [s.id, s])));
        setRecentFolders(settings.settings.recentFolders.slice(0, MAX_RECENT_FOLDERS));
        windowSize.current = settings.settings.window;
        if (settings.warning) setNotice(settings.warning);
      } catch (err) {
        if (cancelled) return;
        setDrafts([newDraft()]);
        setNotice(`Could not load saved settings: ${errorMessage(err)}`);
      }
      setLoaded(true);
    })();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [bridge, putState]);

  // Persist, debounced. Only valid configs are saved: main validates them again anyway.
  useEffect(() => {
    if (!loaded) return;
    const servers: ServerConfig[] = [];
    for (const draft of drafts) {
      const check = checkDraft(draft);
      if (check.ok) lastValid.current.set(draft.id, check.config);
      const config = check.ok ? check.config : lastValid.current.get(draft.id);
      if (config) servers.push(config);
    }
    const settings: AppSettings = {
      version: 1,
      servers: servers.slice(0, MAX_SERVERS),
      recentFolders,
      window: windowSize.current,
    };
    const timer = setTimeout(() => {
      bridge.saveSettings(settings).then(
        (result) => {
          if (!result.ok) setNotice(`Settings were not saved: ${result.error}`);
        },
        (err: unknown) => setNotice(`Settings were not saved: ${errorMessage(err)}`),
      );
    }, SAVE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [bridge, loaded, drafts, recentFolders]);

  const updateDraft = useCallback((id: string, patch: Partial<ServerDraft>) => {
    setDrafts((prev) => prev.map((d) => (d.id === id ? { ...d, ...patch, id } : d)));
  }, []);

  const rememberFolder = useCallback((folder: string) => {
    setRecentFolders((prev) =>
      [folder, ...prev.filter((f) => f !== folder)].slice(0, MAX_RECENT_FOLDERS),
    );
  }, []);

  const start = useCallback(
    async (id: string, patch?: Partial<ServerDraft>) => {
      const current = draftsRef.current.find((d) => d.id === id);
      if (!current) return;
      const draft = patch ? { ...current, ...patch, id } : current;
      if (patch) updateDraft(id, patch);
      const check = checkDraft(draft);
      if (!check.ok) return;
      putState({ id, config: check.config, status: 'starting', urls: [] });
      let state: ServerState;
      startsInFlight.current.add(id);
      try {
        state = await bridge.startServer(check.config);
      } catch (err) {
        state = {
          id,
          config: check.config,
          status: 'failed',
          urls: [],
          failure: { code: 'unknown', message: `The app could not start it: ${errorMessage(err)}` },
        };
      } finally {
        startsInFlight.current.delete(id);
      }
      putState(state);
      // Main expands `~`: the field shows the folder it really tried.
      if (state.config.folder !== draft.folder) updateDraft(id, { folder: state.config.folder });
      // Only a folder that served is worth offering again.
      if (state.status === 'running') rememberFolder(state.config.folder);
      const failure = state.failure;
      if (failure?.code === 'port-in-use' && failure.freePort === undefined) {
        // Main normally offers a free port with the failure; ask for one if it did not.
        try {
          const freePort = await bridge.suggestFreePort(check.config.bind);
          setStates((prev) => {
            const latest = prev[id];
            if (!latest?.failure || latest.failure.code !== 'port-in-use') return prev;
            return { ...prev, [id]: { ...latest, failure: { ...latest.failure, freePort } } };
          });
        } catch {
          // No suggestion: the message still says the port is taken.
        }
      }
    },
    [bridge, putState, rememberFolder, updateDraft],
  );

  const stop = useCallback(
    async (id: string) => {
      try {
        putState(await bridge.stopServer(id));
      } catch (err) {
        setNotice(`Could not stop the server: ${errorMessage(err)}`);
      }
    },
    [bridge, putState],
  );

  const addServer = useCallback((): string | null => {
    if (draftsRef.current.length >= MAX_SERVERS) return null;
    const previous = draftsRef.current[draftsRef.current.length - 1];
    const draft = newDraft(previous?.folder ?? '');
    // A second server on the same port would only fail: start from the next one up.
    const used = new Set(draftsRef.current.map((d) => d.portText.trim()));
    let port = Number(draft.portText);
    while (used.has(String(port)) && port < 65535) port += 1;
    draft.portText = String(port);
    setDrafts((prev) => [...prev, draft]);
    return draft.id;
  }, []);

  const removeServer = useCallback((id: string): RemovedServer | null => {
    const index = draftsRef.current.findIndex((d) => d.id === id);
    const draft = draftsRef.current[index];
    if (draft === undefined) return null;
    const removed = { draft, index, lastValid: lastValid.current.get(id) };
    lastValid.current.delete(id);
    setDrafts((prev) => prev.filter((d) => d.id !== id));
    setStates((prev) => {
      const next = { ...prev };
      delete next[id];
      return next;
    });
    return removed;
  }, []);

  const restoreServer = useCallback((removed: RemovedServer) => {
    const { draft, index, lastValid: valid } = removed;
    if (draftsRef.current.some((d) => d.id === draft.id)) return;
    if (draftsRef.current.length >= MAX_SERVERS) return;
    if (valid) lastValid.current.set(draft.id, valid);
    setDrafts((prev) => [...prev.slice(0, index), draft, ...prev.slice(index)]);
  }, []);

  return {
    loaded,
    notice,
    dismissNotice: useCallback(() => setNotice(null), []),
    drafts,
    states,
    recentFolders,
    canAdd: drafts.length < MAX_SERVERS,
    addServer,
    removeServer,
    restoreServer,
    updateDraft,
    start,
    stop,
  };
}

export function stateOf(model: ServersModel, draft: ServerDraft): ServerState {
  const state = model.states[draft.id];
  if (state) return state;
  const check = checkDraft(draft);
  const config = check.ok
    ? check.config
    : { ...draft, port: 0, folder: draft.folder, bind: draft.bind };
  return stoppedState(config);
}
