/** Which identity provider's team-group mappings orgdeck manages. Pure: fetch asks, the plan reports. */
import type { LiveIdentityProvider } from '../live.js';

export interface ProviderChoice {
  selected?: LiveIdentityProvider;
  /** A sentence with the way out, when the choice cannot be made. */
  problem?: string;
}

/**
 * `wanted` (`_info.identity_provider`) names a provider by id or login_path. Without it, a
 * single provider is the one; with several, `preferEnabled` (dump) takes the one enabled
 * provider (Konnect enables at most one), and otherwise the file must name it.
 */
export function chooseProvider(providers: readonly LiveIdentityProvider[], wanted: string | undefined, preferEnabled = false): ProviderChoice {
  if (wanted !== undefined) {
    const found = providers.find((p) => p.id.toLowerCase() === wanted.toLowerCase() || p.loginPath === wanted);
    if (found) return { selected: found };
    const have = providers.length ? `its identity providers are ${listProviders(providers)}` : 'it has no identity provider';
    return { problem: `_info.identity_provider is "${wanted}", but the organization has no provider with that id or login_path: ${have}. Fix the name in the file.` };
  }
  if (providers.length <= 1) return providers.length ? { selected: providers[0]! } : {};
  const enabled = providers.filter((p) => p.enabled);
  if (preferEnabled && enabled.length === 1) return { selected: enabled[0]! };
  return { problem: `The organization has ${providers.length} identity providers (${listProviders(providers)}), and team-group mappings belong to one of them. Name the one whose mappings idp_groups manages with _info.identity_provider (its id or login_path).` };
}

function listProviders(providers: readonly LiveIdentityProvider[]): string {
  return providers.map((p) => `${p.type} "${p.loginPath}" (id ${p.id}${p.enabled ? ', enabled' : ''})`).join(', ');
}
