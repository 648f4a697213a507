/** What `orgdeck serve --host` exposes: the addresses it really answers on, and a warning when that is beyond this machine. */
import { isLoopback } from '../konnect/addr.js';

/** One address of a network interface, as node:os networkInterfaces() lists it. */
export interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

const ANY = new Set(['0.0.0.0', '::', '[::]', '']);

/**
 * undefined for a loopback host; else a warning naming the addresses the org answers on (for
 * 0.0.0.0 or ::, every external address of the machine).
 */
export function exposureWarning(host: string, port: number, interfaces: Readonly<Record<string, readonly InterfaceAddress[] | undefined>>): string | undefined {
  if (isLoopback(host)) return undefined;
  const url = (address: string) => `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  let where: string;
  if (ANY.has(host)) {
    const ipv6 = host.includes(':');
    const external = Object.values(interfaces).flatMap((list) => list ?? []).filter((a) => !a.internal && (ipv6 || a.family === 'IPv4' || a.family === 4));
    where = external.length ? `${external.map((a) => url(a.address)).join(', ')} (every address of this machine)` : `every address of this machine on port ${port}`;
  } else {
    where = url(host.replace(/^\[|\]$/g, ''));
  }
  return `Warning: --host ${host} makes this org reachable from the network, at ${where}. Anyone who can reach it with the token can read and change it, and the token travels unencrypted (plain http). Use --host 127.0.0.1 (the default) unless that is what you want.`;
}
