/**
 * The shapes of the Konnect answers orgdeck reads, transcribed by hand from the specs (the
 * product does not read the vendored specs in test/fixtures at run time), keyed by the specs'
 * component names. Only the fields orgdeck uses are checked; anything else the API adds is
 * ignored. test/konnect/response-schemas.test.ts compares each property with the spec; the
 * deliberate differences are listed there and here:
 *  - `required` also lists what orgdeck cannot work without (a user's id and email, all of a
 *    role assignment, a list's meta and data): the specs mark few response fields required.
 *  - Konnect's own input rules (pattern, minLength, email format) are not checked again: a value
 *    Konnect accepted must never lock orgdeck out. Types, lengths and ids are checked, because
 *    ids go into request paths.
 *  - PageMeta fields are integers, the total at least 0 (Identity types them `number`).
 *  - OpenAPI `nullable: true` is written as a JSON Schema type union; `entity_id` accepts `*`.
 *  - CursorMetaPage.next drops the spec's `format: path`, which JSON Schema does not define.
 *  - SystemAccountAccessToken.last_used_at also accepts null (a token never used).
 */
const UUID = { type: 'string', format: 'uuid' };
const REGION = { type: 'string', enum: ['us', 'eu', 'au', 'me', 'in', 'sg', '*'] };

export const RESPONSE_SCHEMAS = {
  /** Identity v3 `User` (GET /v3/users, /v3/users/me, /v3/teams/{id}/users). */
  User: {
    type: 'object',
    required: ['id', 'email'],
    properties: {
      id: UUID,
      email: { type: 'string', maxLength: 250 },
      full_name: { type: 'string', maxLength: 250 },
      preferred_name: { type: 'string', maxLength: 250 },
      active: { type: 'boolean' },
      created_at: { type: 'string', format: 'date-time' },
      updated_at: { type: 'string', format: 'date-time' },
    },
  },
  /** Identity v3 `TeamResponse` (GET /v3/teams, POST /v3/teams). */
  TeamResponse: {
    type: 'object',
    required: ['id', 'name', 'description', 'system_team', 'labels'],
    properties: {
      id: UUID,
      name: { type: 'string', maxLength: 250 },
      description: { type: ['string', 'null'], maxLength: 250 },
      system_team: { type: 'boolean' },
      labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 63 }, maxProperties: 50 },
    },
  },
  /** Identity v3 `Team` (GET /v3/users/{id}/teams): only the id is read; the team itself comes from GET /v3/teams. */
  Team: {
    type: 'object',
    required: ['id'],
    properties: { id: UUID },
  },
  /** Identity v3 `AssignedRole` (GET /v3/users/{id}/assigned-roles, /v3/teams/{id}/assigned-roles). */
  AssignedRole: {
    type: 'object',
    required: ['id', 'role_name', 'entity_id', 'entity_type_name', 'entity_region'],
    properties: {
      id: UUID,
      role_name: { type: 'string' },
      entity_id: { type: 'string', anyOf: [{ format: 'uuid' }, { const: '*' }] },
      entity_type_name: { type: 'string' },
      entity_region: REGION,
    },
  },
  /** Identity v3 `SystemAccount` (GET /v3/system-accounts, /v3/teams/{id}/system-accounts, POST /v3/system-accounts). */
  SystemAccount: {
    type: 'object',
    required: ['id', 'name'],
    properties: {
      id: UUID,
      name: { type: 'string' },
      description: { type: 'string' },
      konnect_managed: { type: 'boolean' },
    },
  },
  /**
   * Identity v3 `SystemAccountAccessToken` (GET /v3/system-accounts/{id}/access-tokens): no secret,
   * only its name and dates. last_used_at may also be null: a token never used must not fail the read.
   */
  SystemAccountAccessToken: {
    type: 'object',
    required: ['id'],
    properties: {
      id: UUID,
      name: { type: 'string' },
      created_at: { type: 'string', format: 'date-time' },
      expires_at: { type: 'string', format: 'date-time' },
      last_used_at: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  /** Control Planes v2 `ControlPlane` (GET /v2/control-planes). */
  ControlPlane: {
    type: 'object',
    required: ['id', 'name'],
    properties: { id: UUID, name: { type: 'string' } },
  },
  /** API Products v2 `APIProduct` (GET /v2/api-products). */
  APIProduct: {
    type: 'object',
    required: ['id', 'name'],
    properties: { id: UUID, name: { type: 'string' } },
  },
  /** `PageMeta` of every list (Identity v3, Control Planes v2, API Products v2). */
  PageMeta: {
    type: 'object',
    required: ['number', 'size', 'total'],
    properties: {
      number: { type: 'integer' },
      size: { type: 'integer' },
      total: { type: 'integer', minimum: 0 },
    },
  },
  /** Identity v3 response `MeOrganization` (GET /v3/organizations/me): saved plans name the organization they are for. */
  MeOrganization: {
    type: 'object',
    required: ['id'],
    properties: { id: UUID, name: { type: 'string' } },
  },
  /** Identity v3 response `AuthenticationSettings` (GET /v3/authentication-settings). */
  AuthenticationSettings: {
    type: 'object',
    properties: {
      basic_auth_enabled: { type: 'boolean' },
      oidc_auth_enabled: { type: 'boolean' },
      saml_auth_enabled: { type: 'boolean' },
      idp_mapping_enabled: { type: 'boolean' },
      konnect_mapping_enabled: { type: 'boolean' },
    },
  },
  /** Identity v3 `IdentityProvider` (GET /v3/identity-providers answers a bare array of them). */
  IdentityProvider: {
    type: 'object',
    required: ['id'],
    properties: {
      id: UUID,
      type: { type: 'string', enum: ['oidc', 'saml'] },
      enabled: { type: 'boolean' },
      login_path: { type: 'string' },
    },
  },
  /** Identity v3 `IdpTeamGroupMapping` (GET /v3/identity-providers/{idpId}/team-group-mappings). */
  IdpTeamGroupMapping: {
    type: 'object',
    required: ['id', 'team_id', 'group'],
    properties: { id: UUID, team_id: UUID, group: { type: 'string' } },
  },
  /** Identity v3 `CursorMetaPage`: only `next` is read (the spec's `format: path` is not a JSON Schema format). */
  CursorMetaPage: {
    type: 'object',
    required: ['next'],
    properties: { next: { type: ['string', 'null'] } },
  },
} as const;

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;

/** `{meta: {page: CursorMetaPage}, data: [item]}`: the cursor-paged lists. */
function cursorListSchema(item: ResponseSchemaName) {
  return listWith('CursorMetaPage', item);
}

/** `{meta: {page: PageMeta}, data: [item]}`: every Konnect list, paged or not. */
function listSchema(item: ResponseSchemaName) {
  return listWith('PageMeta', item);
}

function listWith(page: 'PageMeta' | 'CursorMetaPage', item: ResponseSchemaName) {
  return {
    type: 'object',
    required: ['meta', 'data'],
    properties: {
      meta: { type: 'object', required: ['page'], properties: { page: RESPONSE_SCHEMAS[page] } },
      data: { type: 'array', items: RESPONSE_SCHEMAS[item] },
    },
  } as const;
}

/**
 * The answers orgdeck checks, by the name shape.ts gives them. Their validators are generated
 * from these (response-validators.generated.ts, by test/generated.test.ts): no schema is compiled at run time.
 */
export const SHAPE_SCHEMAS = {
  user: RESPONSE_SCHEMAS.User,
  team: RESPONSE_SCHEMAS.TeamResponse,
  authSettings: RESPONSE_SCHEMAS.AuthenticationSettings,
  organization: RESPONSE_SCHEMAS.MeOrganization,
  users: listSchema('User'),
  teams: listSchema('TeamResponse'),
  teamIds: listSchema('Team'),
  roles: listSchema('AssignedRole'),
  systemAccount: RESPONSE_SCHEMAS.SystemAccount,
  systemAccounts: listSchema('SystemAccount'),
  accessTokens: listSchema('SystemAccountAccessToken'),
  controlPlanes: listSchema('ControlPlane'),
  apiProducts: listSchema('APIProduct'),
  identityProviders: { type: 'array', items: RESPONSE_SCHEMAS.IdentityProvider },
  idpMappings: cursorListSchema('IdpTeamGroupMapping'),
} as const;
