import type { ExplorerModel } from "./explorerModel.js";

/** A user as the explorer lists her. */
export interface UserSummary {
  readonly user: string;
  /** How many items she rated (0 when the folder does not record rated items). */
  readonly rated: number;
  /** Her group per attribute, e.g. `{ gender: "female", age: "young" }` (when saved). */
  readonly groups: Record<string, string>;
}

/** GET /api/users?search=&limit=. */
export interface UserSearchResult {
  readonly search: string;
  /** How many users match in all. */
  readonly matches: number;
  /** The first `limit` matches: the exact id first, then ids that start with the search, in model order. */
  readonly users: UserSummary[];
}

/** Users whose id starts with `search` (every user for an empty search), the exact id first. */
export function searchUsers(
  explorer: ExplorerModel,
  search: string,
  limit: number,
): UserSearchResult {
  const ids = explorer.model.manifest.userIds;
  const found: number[] = [];
  let matches = 0;
  for (let u = 0; u < ids.length; u++) {
    if (!ids[u].startsWith(search)) continue;
    matches++;
    if (ids[u] === search) found.unshift(u);
    else found.push(u);
  }
  return {
    search,
    matches,
    users: found.slice(0, limit).map((u) => userSummary(explorer, u)),
  };
}

/** The summary of the user at dense index `u`. */
export function userSummary(explorer: ExplorerModel, u: number): UserSummary {
  const { model } = explorer;
  const groups: Record<string, string> = {};
  for (const a of model.manifest.attributes) {
    const label = model.profiles[a.name]?.labels?.[u];
    if (label !== undefined) groups[a.name] = label === 1 ? a.rule.majority : a.rule.minority;
  }
  const rated = model.rated;
  return {
    user: model.manifest.userIds[u],
    rated: rated !== undefined ? rated.indptr[u + 1] - rated.indptr[u] : 0,
    groups,
  };
}
