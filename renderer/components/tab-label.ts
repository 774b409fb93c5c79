/** How a server is named in its tab and in the "All servers" menu: folder name and port. */
import type { ServerState } from '../../shared/ipc.js';
import { folderName } from '../../shared/folder-name.js';
import type { ServerDraft } from '../servers/draft.js';

export interface TabParts {
  /** The folder's own name; may be cut short on screen. */
  name: string;
  /** Never cut: it is what tells two tabs of one folder apart. */
  port: string;
}

export function tabParts(draft: ServerDraft, state: ServerState | undefined): TabParts {
  const name = draft.folder.trim() === '' ? 'New server' : folderName(draft.folder);
  const port =
    state?.status === 'running' && state.boundPort !== undefined
      ? String(state.boundPort)
      : draft.portText.trim();
  return { name, port };
}

export function tabLabel(draft: ServerDraft, state: ServerState | undefined): string {
  const { name, port } = tabParts(draft, state);
  return `${name} : ${port}`;
}
