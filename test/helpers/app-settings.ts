import { defaultServerConfig, type AppSettings } from '../../shared/settings.js';

/** Valid app settings with one server, one recent folder and a non-default window. */
export function validAppSettings(): AppSettings {
  return {
    version: 1,
    servers: [defaultServerConfig('site', '/srv/site')],
    recentFolders: ['/srv/site'],
    window: { width: 1200, height: 800 },
  };
}
