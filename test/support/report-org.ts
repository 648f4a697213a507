/** A small org with something for every flag of the report: shared by the CLI and browser tests. */
export const GONE_CP = '99999999-9999-4999-8999-999999999999';

export const REPORT_SEED = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }, { name: edge, region: eu }]
teams:
  - name: Platform
    roles:
      - { role: Admin, entity_type: Control Planes, entity: prod, region: us }
      - { role: Viewer, entity_type: Control Planes, entity: edge, region: eu }
  - name: Security
    roles: [{ role: Admin, entity_type: Identity, entity: "*", region: "*" }]
  - name: Unused
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: ana@example.com
    teams: [Platform]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: "${GONE_CP}", region: us }]
  - { email: sam@example.com, teams: [Security] }
  - { email: "<img src=x onerror=alert(1)>@example.com", teams: [Platform] }
  - { email: lee@example.com }
  - { email: new@example.com, status: pending, invited_at: "2026-01-01T00:00:00Z" }
system_accounts:
  - name: ci-deployer
    description: CI
    teams: [Platform]
    roles: [{ role: Admin, entity_type: Audit Logs, entity: "*", region: "*" }]
`;
