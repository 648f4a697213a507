/** A live org with what a scoped file must leave alone: a stranger, and a team that is not orgdeck's. */
export const SCOPED_LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }]
teams:
  - { name: Mine, labels: { managed-by: orgdeck } }
  - name: Theirs
    roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Mine] }
  - email: stranger@example.com
    teams: [Theirs]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: "*", region: "*" }]
`;

/** Leaves unlisted users alone, and manages only the teams labelled managed-by: orgdeck. */
export const SCOPED_DESIRED = `_format_version: "1.0"
_info:
  unlisted_users: ignore
  select_team_labels: { managed-by: orgdeck }
teams: [{ name: Mine }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Mine, Analytics Viewer] }
`;
