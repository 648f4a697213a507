/**
 * The address template: `https://{region}.api.konghq.com` for Konnect, `http://127.0.0.1:PORT/{region}`
 * for the local org. Identity calls use region `global`, entity lists their own region.
 */
import { UsageError } from '../errors.js';
import type { Host } from '../model.js';

export const DEFAULT_ADDR = 'https://{region}.api.konghq.com';

export function checkAddr(template: string): string {
  if (!template.includes('{region}')) {
    throw new UsageError(`The Konnect address "${template}" has no {region} placeholder. Use e.g. ${DEFAULT_ADDR}, or the template orgdeck serve prints.`);
  }
  let url: URL;
  try {
    url = new URL(template.replace('{region}', 'global'));
  } catch {
    throw new UsageError(`The Konnect address "${template}" is not a URL. Use e.g. ${DEFAULT_ADDR}.`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UsageError(`Refusing plain http:// to ${url.hostname}: the token would cross the network unencrypted. Use https://, or a loopback address for a local org.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // `localhost:8080/{region}` parses with the scheme "localhost:": say what is missing.
    throw new UsageError(`The Konnect address "${template}" must start with https:// (or http:// to a loopback address, for a local org), not "${url.protocol}". Use e.g. ${DEFAULT_ADDR}, or http://localhost:8080/{region}.`);
  }
  return template.replace(/\/+$/, '');
}

/** Query parameters of a call; undefined values are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** `?k=v&…`, with the brackets of Konnect's `filter[name][eq]` keys left readable. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function hostUrl(template: string, host: Host, path: string): string {
  return template.replace('{region}', host) + path;
}

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Where a request that got no answer went, for its error: the host, and the address template it
 * came from (a wrong KONNECT_ADDR is the usual reason), e.g. "It went to global.api.konghq.com
 * (region global of the address template https://{region}.api.konghq.com)."
 */
export function whereItWent(template: string, host: Host): string {
  let name: string;
  try {
    name = new URL(hostUrl(template, host, '')).host;
  } catch {
    name = hostUrl(template, host, '');
  }
  return `It went to ${name} (region ${host} of the address template ${template}).`;
}
