// What each role may do (DESIGN §1). Checked on the server for every action; the UI only mirrors it.
export type Role = "owner" | "billing" | "viewer";

export type Permission = "view" | "buy" | "manage_billing" | "manage_team" | "manage_alerts";

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: ["view", "buy", "manage_billing", "manage_team", "manage_alerts"],
  billing: ["view", "buy", "manage_billing", "manage_alerts"],
  viewer: ["view"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
