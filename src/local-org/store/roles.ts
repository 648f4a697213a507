/**
 * Role assignments of users, teams and system accounts. The identity of an assignment is
 * (role_name, entity_id, entity_type_name, lower(entity_region)), as kongctl keys it.
 */
import { ENTITY_TYPES, findGroup } from '../../catalogue/roles.js';
import type { AssignedRoleRecord, OrgData, OrgEnv, PrincipalKind } from '../types.js';
import { type InvalidParameter, conflict, invalid, notFound } from './errors.js';
import { groupedBy, without } from './lookup.js';

export interface RoleInput {
  role_name: string;
  entity_id: string;
  entity_type_name: string;
  entity_region: string;
}

/**
 * The live catalogue is larger than the spec's enums (x-speakeasy-unknown-values: allow), so a
 * role is valid when the bundled catalogue lists it for that entity type.
 */
export function checkRole(input: Pick<RoleInput, 'role_name' | 'entity_type_name'>): InvalidParameter[] {
  const group = findGroup(input.entity_type_name);
  if (!group) {
    return [{ field: 'entity_type_name', rule: 'enum', choices: [...ENTITY_TYPES], reason: 'is not a known entity type' }];
  }
  if (!group.roles.some((r) => r.name === input.role_name)) {
    const choices = group.roles.map((r) => r.name);
    return [{ field: 'role_name', rule: 'enum', choices, reason: `is not a role of ${group.entityType}` }];
  }
  return [];
}

export function listRoles(data: OrgData, kind: PrincipalKind, principalId: string): AssignedRoleRecord[] {
  return [...(groupedBy(data.assigned_roles, 'principal', (r) => `${r.principal_kind} ${r.principal_id}`).get(`${kind} ${principalId}`) ?? [])];
}

function sameAssignment(a: RoleInput, b: RoleInput): boolean {
  return (
    a.role_name === b.role_name &&
    a.entity_id === b.entity_id &&
    a.entity_type_name === b.entity_type_name &&
    a.entity_region.toLowerCase() === b.entity_region.toLowerCase()
  );
}

export function assignRole(
  data: OrgData,
  env: OrgEnv,
  kind: PrincipalKind,
  principalId: string,
  input: RoleInput,
): AssignedRoleRecord {
  const problems = checkRole(input);
  if (problems.length > 0) throw invalid(problems);
  if (listRoles(data, kind, principalId).some((r) => sameAssignment(r, input))) {
    throw conflict('Role is already assigned');
  }
  const record: AssignedRoleRecord = {
    id: env.newId(),
    principal_kind: kind,
    principal_id: principalId,
    role_name: input.role_name,
    entity_id: input.entity_id,
    entity_type_name: input.entity_type_name,
    entity_region: input.entity_region.toLowerCase(),
  };
  data.assigned_roles.push(record);
  return record;
}

export function findRole(data: OrgData, kind: PrincipalKind, principalId: string, roleId: string): AssignedRoleRecord {
  const role = listRoles(data, kind, principalId).find((r) => r.id === roleId);
  if (!role) throw notFound('assigned role');
  return role;
}

export function removeRole(data: OrgData, kind: PrincipalKind, principalId: string, roleId: string): void {
  findRole(data, kind, principalId, roleId);
  data.assigned_roles = without(data.assigned_roles, (r) => r.id === roleId);
}
