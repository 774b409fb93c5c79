/** renderer/servers/draft.ts: the settings form's draft and its check before Start. */
import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  draftFromConfig,
  newDraft,
  parsePort,
  type ServerDraft,
} from '../../renderer/servers/draft.js';
import { folderName } from '../../shared/folder-name.js';
import { defaultServerConfig, isServerId } from '../../shared/settings.js';

const draft = (patch: Partial<ServerDraft> = {}): ServerDraft => ({
  ...draftFromConfig(defaultServerConfig('site', '/srv/site')),
  ...patch,
});

describe('parsePort', () => {
  it.each([
    ['8000', 8000],
    [' 8080 ', 8080],
    ['0', 0],
    ['8e3', null],
    ['0x50', null],
    ['80a', null],
    ['-1', null],
    ['', null],
    ['1234567', null],
  ])('%j → %s', (text, port) => expect(parsePort(text)).toBe(port));
});

describe('checkDraft', () => {
  it('turns a valid draft into the config main will validate again', () => {
    expect(checkDraft(draft({ portText: ' 9000 ' }))).toEqual({
      ok: true,
      config: { ...defaultServerConfig('site', '/srv/site'), port: 9000 },
    });
  });

  it.each([
    [{ portText: '' }, 'port', 'Enter a port number'],
    [{ portText: '80a' }, 'port', 'whole number, like 8000'],
    [{ portText: '70000' }, 'port', 'between 0 and 65535'],
    [{ folder: '' }, 'folder', 'Choose a folder'],
    [{ bind: 'example.com' }, 'bind', 'Enter an IP address'],
  ])('%j → an error on %s', (patch, field, message) => {
    const result = checkDraft(draft(patch));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[field as 'port' | 'folder' | 'bind']).toContain(message);
  });

  it('reports a bad port text together with the other fields', () => {
    const result = checkDraft(draft({ portText: 'x', folder: '' }));
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['folder', 'port']);
  });
});

describe('drafts', () => {
  it('round-trips a config through its draft', () => {
    const config = { ...defaultServerConfig('abc', '/x'), port: 1234 };
    const back = checkDraft(draftFromConfig(config));
    expect(back).toEqual({ ok: true, config });
  });

  it('a new draft has an id main accepts', () => {
    expect(isServerId(newDraft('/srv').id)).toBe(true);
    expect(newDraft().id).not.toBe(newDraft().id);
  });

  it.each([
    ['/home/ann/site', 'site'],
    ['/home/ann/site/', 'site'],
    ['C:\\Users\\ann\\site', 'site'],
    ['/', '/'],
  ])('folderName(%j) → %j', (folder, name) => expect(folderName(folder)).toBe(name));
});
