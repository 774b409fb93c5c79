/**
 * bench/app-load.ts's settings, from the environment: APP_LOAD_RATE (requests/s, 5,000),
 * APP_LOAD_SECONDS (30) and APP_LOAD_CONNECTIONS (32 keep-alive connections).
 */
function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export interface AppLoadConfig {
  rate: number;
  seconds: number;
  connections: number;
  /** One click on the probe element every this many ms while the load runs. */
  clickEveryMs: number;
}

export function appLoadConfig(): AppLoadConfig {
  return {
    rate: positive('APP_LOAD_RATE', 5_000),
    seconds: positive('APP_LOAD_SECONDS', 30),
    connections: Math.round(positive('APP_LOAD_CONNECTIONS', 32)),
    clickEveryMs: 1_000,
  };
}
