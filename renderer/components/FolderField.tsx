/** The folder to serve: typed, picked with the system dialog, taken from recent ones, or dropped. */
import { useLayoutEffect, useRef } from 'react';
import { FieldMessage } from './FieldMessage.js';
import { usePickDialog } from './usePickDialog.js';

interface Props {
  folder: string;
  error?: string;
  disabled: boolean;
  recentFolders: string[];
  onChange(folder: string): void;
  pickFolder(): Promise<string | null>;
}

export function FolderField({
  folder,
  error,
  disabled,
  recentFolders,
  onChange,
  pickFolder,
}: Props) {
  const input = useRef<HTMLInputElement>(null);
  // A long path shows its end — the folder's own name — unless the person is editing it.
  useLayoutEffect(() => {
    const el = input.current;
    if (el && document.activeElement !== el) el.scrollLeft = el.scrollWidth;
  }, [folder]);
  const empty = folder.trim() === '';
  const { choose, pickError } = usePickDialog(pickFolder, onChange, 'folder');
  const recent = recentFolders.filter((f) => f !== folder);
  return (
    <div className="field">
      <label htmlFor="folder">Folder to serve</label>
      <div className="input-row">
        <input
          id="folder"
          ref={input}
          type="text"
          value={folder}
          placeholder="/path/to/a/folder"
          spellCheck={false}
          disabled={disabled}
          aria-invalid={!empty && error ? true : undefined}
          aria-describedby="folder-msg"
          onChange={(e) => onChange(e.target.value)}
          onBlur={(e) => {
            e.currentTarget.scrollLeft = e.currentTarget.scrollWidth;
          }}
        />
        <button type="button" className="button" onClick={() => void choose()} disabled={disabled}>
          Choose…
        </button>
      </div>
      {recent.length > 0 && (
        <select
          aria-label="Recent folders"
          className="recent"
          value=""
          disabled={disabled}
          onChange={(e) => {
            if (e.target.value !== '') onChange(e.target.value);
          }}
        >
          <option value="">Recent folders…</option>
          {recent.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      )}
      <FieldMessage
        id="folder-msg"
        error={pickError ?? (empty ? undefined : error)}
        hint={empty ? 'Choose a folder, or drop one onto this window.' : undefined}
      />
    </div>
  );
}
