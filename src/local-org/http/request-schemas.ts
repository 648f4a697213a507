/**
 * Request body schemas, transcribed by hand from the Identity v3 spec's `requestBodies` (the
 * product does not read the vendored specs in test/fixtures at run time). test/local-org/request-schemas.test.ts compares
 * each one with the spec; the deliberate differences are listed there and marked here:
 *  - UpdateUser: additionalProperties false, because email and active cannot be changed.
 *  - AssignRole: all four fields required; entity_id may be `*` (Terraform and kongctl send it);
 *    the role_name / entity_type_name enums are replaced by the role catalogue check, as the
 *    SDK marks them `x-speakeasy-unknown-values: allow` and the live catalogue is larger.
 *  - AddSystemAccountToTeam: `id` required (an add without an id means nothing).
 *  - CreateIdentityProvider: `type` required (a provider is OIDC or SAML); `config` is checked
 *    as an object only (the oneOf of OIDC and SAML configs is not transcribed).
 *  - OpenAPI `nullable: true` is written as a JSON Schema type union.
 */
const TEAM_NAME = { type: 'string', maxLength: 250, minLength: 1, pattern: '^[\\w \\W]+$' };
const TEAM_DESCRIPTION = { type: 'string', maxLength: 250, minLength: 1 };
const LABEL_VALUE = { type: 'string', pattern: '^[a-z0-9A-Z]{1}([a-z0-9A-Z-._]*[a-z0-9A-Z]+)?$', minLength: 1, maxLength: 63 };

export const LABELS_SCHEMA = { type: 'object', additionalProperties: LABEL_VALUE, maxProperties: 50 };

const LABELS_UPDATE_SCHEMA = {
  type: ['object', 'null'],
  additionalProperties: { ...LABEL_VALUE, type: ['string', 'null'] },
  maxProperties: 50,
};

export const REQUEST_SCHEMAS = {
  InviteUser: {
    type: 'object',
    properties: { email: { type: 'string', format: 'email' } },
    required: ['email'],
  },
  UpdateUser: {
    type: 'object',
    properties: {
      full_name: { type: 'string', maxLength: 250, pattern: '^[\\w \\W]+$' },
      preferred_name: { type: 'string', maxLength: 250 },
    },
    additionalProperties: false,
  },
  CreateTeam: {
    type: 'object',
    properties: { name: TEAM_NAME, description: TEAM_DESCRIPTION, labels: LABELS_SCHEMA },
    required: ['name'],
  },
  UpdateTeam: {
    type: 'object',
    properties: { name: TEAM_NAME, description: TEAM_DESCRIPTION, labels: LABELS_UPDATE_SCHEMA },
  },
  AddUserToTeam: {
    type: 'object',
    properties: { id: { type: 'string', format: 'uuid' } },
    required: ['id'],
  },
  AssignRole: {
    type: 'object',
    properties: {
      role_name: { type: 'string' },
      entity_id: { type: 'string', anyOf: [{ format: 'uuid' }, { const: '*' }] },
      entity_type_name: { type: 'string' },
      entity_region: { type: 'string', enum: ['us', 'eu', 'au', 'me', 'in', 'sg', '*'] },
    },
    required: ['role_name', 'entity_id', 'entity_type_name', 'entity_region'],
  },
  CreateSystemAccountAccessToken: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      expires_at: { type: 'string', format: 'date-time' },
    },
    required: ['name', 'expires_at'],
  },
  CreateSystemAccount: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      description: { type: 'string' },
      konnect_managed: { type: 'boolean' },
    },
    required: ['name', 'description'],
  },
  UpdateSystemAccount: {
    type: 'object',
    properties: { name: { type: 'string' }, description: { type: 'string' } },
  },
  AddSystemAccountToTeam: {
    type: 'object',
    properties: { id: { type: 'string', format: 'uuid' } },
    required: ['id'],
  },
  CreateIdentityProviderRequest: {
    type: 'object',
    properties: {
      type: { type: 'string', enum: ['oidc', 'saml'] },
      enabled: { type: 'boolean', default: false },
      login_path: { type: 'string' },
      config: { type: 'object' },
    },
    required: ['type'],
  },
  UpdateIdentityProviderRequest: {
    type: 'object',
    properties: { enabled: { type: 'boolean', default: false }, login_path: { type: 'string' }, config: { type: 'object' } },
  },
  CreateIdpTeamGroupMappingRequest: {
    type: 'object',
    properties: { team_id: { type: 'string', format: 'uuid' }, group: { type: 'string' } },
    required: ['team_id', 'group'],
  },
  UpdateAuthenticationSettings: {
    type: 'object',
    properties: {
      basic_auth_enabled: { type: 'boolean' },
      oidc_auth_enabled: { type: 'boolean' },
      saml_auth_enabled: { type: 'boolean' },
      idp_mapping_enabled: { type: 'boolean' },
      konnect_mapping_enabled: { type: 'boolean' },
    },
  },
  /** Not Konnect: the body of POST /_local/invites/accept. */
  AcceptInvite: {
    type: 'object',
    properties: { email: { type: 'string', format: 'email' }, full_name: { type: 'string', minLength: 1, maxLength: 250 } },
    required: ['email', 'full_name'],
  },
} as const;

export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;
