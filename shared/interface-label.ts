/**
 * A network interface named the way a person knows it: "Wi-Fi (wlan0)", "Ethernet (eth0)".
 * Only when the name itself says so — Windows names its adapters "Wi-Fi" and "Ethernet",
 * Linux's predictable names start wl… (wireless) or en…/eth… (wired); a macOS "en0" may
 * be either, so it stays "en0".
 */
const WIFI = /^(wl|wlan|wifi|wi-fi|wireless)/i;
const WIRED_LINUX = /^(eth\d|en[opsx])/i;
const WIRED_WINDOWS = /^ethernet/i;

export function interfaceKind(name: string): 'Wi-Fi' | 'Ethernet' | null {
  if (WIFI.test(name)) return 'Wi-Fi';
  if (WIRED_LINUX.test(name) || WIRED_WINDOWS.test(name)) return 'Ethernet';
  return null;
}

export function interfaceLabel(name: string): string {
  const kind = interfaceKind(name);
  if (kind === null || name.toLowerCase() === kind.toLowerCase()) return name;
  return `${kind} (${name})`;
}

/** fe80::/10: usable only with a zone, which phones and URLs do not carry well. */
export function isLinkLocalIPv6(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address);
}
