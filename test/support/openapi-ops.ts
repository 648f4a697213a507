/**
 * Finds the spec operations that serve a local-org path. `hostPath` carries the host as its
 * first segment (`/global/v3/users`, `/us/v2/control-planes`); each spec's server URL prefix
 * (`/v3`, `/v2`) is stripped before matching its `paths`.
 */
import { type LoadedSpec, SOURCES, loadSpec } from './openapi-load.js';

const REGIONS = ['us', 'eu', 'au', 'me', 'in', 'sg'];

export type Json = Record<string, unknown>;

export interface FoundOperation {
  spec: LoadedSpec;
  template: string;
  method: string;
  op: Json;
  /** Where the operation sits in the spec, as pointer segments. */
  at: string[];
  params: Record<string, string>;
}

export function splitHostPath(hostPath: string): { host: string; rest: string; search: URLSearchParams } {
  const url = new URL(hostPath, 'http://local');
  const [, host = '', ...rest] = url.pathname.split('/');
  return { host, rest: `/${rest.join('/')}`, search: url.searchParams };
}

function matchTemplate(paths: Json, specPath: string): { template: string; params: Record<string, string> } | undefined {
  const segments = specPath.split('/').filter(Boolean);
  let best: { template: string; params: Record<string, string>; score: number } | undefined;
  for (const template of Object.keys(paths)) {
    const parts = template.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let score = 0;
    const ok = parts.every((part, i) => {
      const m = /^\{(.+)\}$/.exec(part);
      if (m) {
        params[m[1]!] = decodeURIComponent(segments[i]!);
        return true;
      }
      score++;
      return part === segments[i];
    });
    if (ok && (!best || score > best.score)) best = { template, params, score };
  }
  return best && { template: best.template, params: best.params };
}

function hostOfServers(servers: unknown): string | undefined {
  const url = Array.isArray(servers) ? (servers[0] as { url?: string } | undefined)?.url : undefined;
  return url ? new URL(url).hostname.split('.')[0] : undefined;
}

/**
 * Every spec operation that serves `method hostPath`, most specific spec first (the SDK spec,
 * parsed lazily, comes last). SDK operations without their own `servers` are regional: the
 * SDK pins every identity operation to the global host that way.
 */
function* operationsFor(method: string, hostPath: string, why: { reason: string }): Generator<FoundOperation> {
  const { host, rest } = splitHostPath(hostPath);
  const kind = host === 'global' ? 'global' : REGIONS.includes(host) ? 'regional' : undefined;
  why.reason = kind ? `no path in the specs matches ${hostPath}` : `unknown host segment "${host}" in ${hostPath}`;
  if (!kind) return;
  for (const source of SOURCES) {
    if (source.host && source.host !== kind) continue;
    if (source.basePath !== '' && !rest.startsWith(`${source.basePath}/`)) continue;
    const spec = loadSpec(source);
    const paths = spec.doc.paths as Json;
    const match = matchTemplate(paths, rest.slice(source.basePath.length));
    if (!match) continue;
    const item = paths[match.template] as Json;
    const opHost = hostOfServers((item[method.toLowerCase()] as Json | undefined)?.servers ?? item.servers);
    if (!source.host && (opHost === 'global' ? 'global' : 'regional') !== kind) continue;
    why.reason = `method ${method} is not defined for ${hostPath}`;
    const op = item[method.toLowerCase()] as Json | undefined;
    if (!op) continue;
    yield { spec, template: match.template, method: method.toLowerCase(), op, at: ['paths', match.template, method.toLowerCase()], params: match.params };
  }
}

/** The first operation serving `method hostPath`, or why there is none. */
export function findOperation(method: string, hostPath: string): FoundOperation | string {
  const why = { reason: '' };
  const first = operationsFor(method, hostPath, why).next();
  return first.done ? why.reason : first.value;
}

/** Runs `check` against each matching operation; conforming to any spec is enough. */
export function checkAgainstSpecs(method: string, hostPath: string, check: (found: FoundOperation) => string[]): string[] {
  const why = { reason: '' };
  let firstErrors: string[] | undefined;
  for (const found of operationsFor(method, hostPath, why)) {
    const errors = check(found);
    if (errors.length === 0) return [];
    firstErrors ??= errors.map((e) => `${e} (${found.spec.source.name} spec)`);
  }
  return firstErrors ?? [why.reason];
}

