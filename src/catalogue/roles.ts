/**
 * The bundled role catalogue: what `GET /v3/roles` returns, offline.
 *
 * The seven groups marked `spec` mirror the `Roles` response of Kong's Identity v3 spec
 * (keys, names and descriptions verbatim). The rest are the groups and roles Konnect documents
 * on "Konnect teams and roles" but leaves out of the spec (see shared/konnect-api-notes.md §3).
 * `entityType` is the `entity_type_name` that role assignments use; `title` is the group's
 * `name` in the catalogue response, which differs once ("Mesh Control Plane").
 */
export interface CatalogueRole {
  readonly key: string;
  readonly name: string;
  readonly description: string;
}

export interface CatalogueGroup {
  readonly key: string;
  readonly title: string;
  readonly entityType: string;
  readonly fromSpec: boolean;
  readonly roles: readonly CatalogueRole[];
}

type RoleRow = readonly [name: string, description: string];

function group(key: string, title: string, entityType: string, fromSpec: boolean, rows: RoleRow[]): CatalogueGroup {
  const roles = rows.map(([name, description]) => ({ key: snake(name), name, description }));
  return { key, title, entityType, fromSpec, roles };
}

function snake(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

const DOCUMENTED = 'Documented Konnect role: ';
const docs = (what: string) => `${DOCUMENTED}${what}.`;

/** Whether Kong's Identity spec lists this role (the rest come from Konnect's docs). */
export function inSpec(group: CatalogueGroup, role: CatalogueRole): boolean {
  return group.fromSpec && !role.description.startsWith(DOCUMENTED);
}

export const ROLE_CATALOGUE: readonly CatalogueGroup[] = [
  group('control_planes', 'Control Planes', 'Control Planes', true, [
    ['Admin', 'This role grants full write access to all entities within a control plane.'],
    ['Certificate Admin', 'This role grants full write access to administer certificates.'],
    ['Consumer Admin', 'This role grants full write access to administer consumers.'],
    ['Creator', 'Creates a new Control Plane in an organization. The creator becomes the owner of the Control Plane they create.'],
    ['Debug Session Creator', 'This role grants access to create debug sessions. This role also grants read-only access to all entities within a control plane.'],
    ['Deployer', 'This role grants full write access to administer services, routes and plugins necessary to deploy services in Service Hub.'],
    ['Gateway Service Admin', 'This role grants full write access to administer gateway services.'],
    ['Plugin Admin', 'This role grants full write access to administer plugins.'],
    ['Route Admin', 'This role grants full write access to administer routes.'],
    ['SNI Admin', 'This role grants full write access to administer SNIs.'],
    ['Upstream Admin', 'This role grants full write access to administer upstreams.'],
    ['Viewer', 'This role grants read only access to all entities within a control plane.'],
    ['Cloud Gateway Cluster Admin', docs('full access to Dedicated Cloud Gateway clusters')],
    ['Cloud Gateway Cluster Viewer', docs('read access to Dedicated Cloud Gateway clusters')],
    ['Event Gateways Admin', docs('full access to Event Gateways')],
    ['Event Gateways Creator', docs('create Event Gateways')],
    ['Event Gateways Viewer', docs('read access to Event Gateways')],
    ['Key Admin', docs('full write access to keys and key sets')],
    ['Serverless Cluster Admin', docs('full access to serverless gateways')],
    ['Serverless Cluster Viewer', docs('read access to serverless gateways')],
    ['Vault Admin', docs('full write access to vaults')],
  ]),
  group('api_products', 'API Products', 'API Products', true, [
    ['Admin', 'This role grants full write access to an API product and its versions.'],
    ['Application Registration', 'This role grants permission to enable and disable application registration on an API product.'],
    ['Creator', 'This access is required to create API products. This access is not for creating sub-entities such as versions, API specs, etc.'],
    ['Deployer', 'This role grants permission to deploy and remove an API product from a control plane.'],
    ['Maintainer', 'This role grants all write permission to manage an API product and to administer plugins.'],
    ['Plugins Admin', 'This role grants full write permission to administer plugins.'],
    ['Publisher', 'This role grants permission to publish an API product to one or more portals.'],
    ['Viewer', 'Viewer has read-only access to an API product and its sub-entities.'],
  ]),
  group('audit_logs', 'Audit Logs', 'Audit Logs', true, [
    ['Admin', 'This role grants full write access to the Audit log configuration.'],
  ]),
  group('identity', 'Identity', 'Identity', true, [
    ['Admin', 'This role grants full write access to the Identity configuration.'],
  ]),
  group('mesh_control_planes', 'Mesh Control Plane', 'Mesh Control Planes', true, [
    ['Admin', 'This role grants full write access to the related to Mesh control planes.'],
    ['Connector', 'This role grants a mesh zone to connect to the mesh control plane in Konnect.'],
    ['Creator', 'This role grants access to create new Mesh control planes.'],
    ['Viewer', 'This role grants access to read-only permissions to Mesh control planes.'],
  ]),
  group('dashboards', 'Dashboards', 'Dashboards', true, [
    ['Admin', 'Allows users to edit, delete, and share a Dashboard in Konnect Analytics.'],
    ['Creator', 'Allows users to create a new Dashboard in Konnect Analytics.'],
    ['Editor', 'Allows users to edit a Dashboard in Konnect Analytics.'],
    ['Viewer', 'Allows users to view any Dashboards content in Konnect Analytics.'],
  ]),
  group('reports', 'Reports', 'Reports', true, [
    ['Admin', 'Allows users to edit, delete, and share a Report in Konnect Analytics.'],
    ['Creator', 'Allows users to create a new Report in Konnect Analytics.'],
    ['Editor', 'Allows users to edit a Report in Konnect Analytics.'],
    ['Viewer', 'Allows users to view a Report in Konnect Analytics.'],
  ]),
  group('apis', 'APIs', 'APIs', false, [
    ['Admin', docs('full access to a Catalog API')],
    ['Creator', docs('create Catalog APIs')],
    ['Maintainer', docs('manage a Catalog API')],
    ['Publisher', docs('publish a Catalog API to portals')],
    ['Registration Approver', docs('approve application registrations for an API')],
    ['Viewer', docs('read access to a Catalog API')],
  ]),
  group('portals', 'Portals', 'Portals', false, [
    ['Admin', docs('full access to a portal')],
    ['Appearance Maintainer', docs('edit a portal\'s appearance')],
    ['Content Editor', docs('edit a portal\'s pages and snippets')],
    ['Creator', docs('create portals')],
    ['Maintainer', docs('manage a portal')],
    ['Product Publisher', docs('publish products to a portal')],
    ['Registration Approver', docs('approve developer and application registrations')],
    ['Viewer', docs('read access to a portal')],
  ]),
  group('service_hub', 'Service Hub', 'Service Hub', false, [
    ['Discovery Admin', docs('manage Catalog discovery')],
    ['Discovery Viewer', docs('read Catalog discovery')],
    ['Integration Admin', docs('manage Catalog integrations')],
    ['Integration Viewer', docs('read Catalog integrations')],
    ['Scorecard Admin', docs('manage Catalog scorecards')],
    ['Scorecard Viewer', docs('read Catalog scorecards')],
    ['Service Admin', docs('manage Catalog services')],
    ['Service Creator', docs('create Catalog services')],
    ['Service Viewer', docs('read Catalog services')],
  ]),
  group('application_auth_strategies', 'Application Auth Strategies', 'Application Auth Strategies', false, [
    ['Creator', docs('create application auth strategies')],
    ['Maintainer', docs('manage application auth strategies')],
    ['Viewer', docs('read application auth strategies')],
  ]),
  group('dcr_providers', 'DCR Providers', 'DCR Providers', false, [
    ['Creator', docs('create DCR providers')],
    ['Maintainer', docs('manage DCR providers')],
    ['Viewer', docs('read DCR providers')],
  ]),
  group('auth_servers', 'Auth Servers', 'Auth Servers', false, [
    ['Admin', docs('full access to auth servers')],
    ['Viewer', docs('read access to auth servers')],
  ]),
  group('add_ons', 'Add Ons', 'Add Ons', false, [
    ['Add On Admin', docs('manage add-ons')],
    ['Add On Viewer', docs('read add-ons')],
  ]),
  group('networks', 'Networks', 'Networks', false, [
    ['Network Admin', docs('manage Cloud Gateway networks')],
    ['Network Creator', docs('create Cloud Gateway networks')],
    ['Network Viewer', docs('read Cloud Gateway networks')],
  ]),
];

/** Seed-era entity type names Konnect used before the rename, mapped to today's name. */
export const ENTITY_TYPE_ALIASES: Readonly<Record<string, string>> = {
  'Runtime Groups': 'Control Planes',
  Services: 'API Products',
};

/** Entity types whose names orgdeck can turn into ids (a regional list endpoint exists). */
export const NAMED_ENTITY_TYPES: Readonly<Record<string, string>> = {
  'Control Planes': 'control-planes',
  'API Products': 'api-products',
};

export function findGroup(entityType: string): CatalogueGroup | undefined {
  return ROLE_CATALOGUE.find((g) => g.entityType === entityType);
}

export const ENTITY_TYPES: readonly string[] = ROLE_CATALOGUE.map((g) => g.entityType);
