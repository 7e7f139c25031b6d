/**
 * The explorer's JSON endpoints: each validates its parameters (see requestParams.ts) and
 * composes the apply stage and the explorer's views. Handlers are pure over the read-only
 * model; nothing a request sends is written anywhere.
 */

import { explain } from "../apply/explain.js";
import { type FavouredGroup, MAX_FAIRNESS_ALPHA } from "../apply/fairnessWeights.js";
import { groupFromModel } from "../apply/groupFromModel.js";
import { GROUP_METHODS, type GroupMethod } from "../apply/groupVirtualUser.js";
import { RequestError } from "../errors.js";
import { type ExplorerModel, itemIndex, userIndex } from "./explorerModel.js";
import { factorView, profileView } from "./factorProfileView.js";
import type { FairnessMeter } from "./fairnessExposure.js";
import { heldOutFairness } from "./heldOutFairness.js";
import { modelOverview } from "./modelOverview.js";
import {
  choiceParam,
  integerParam,
  listParam,
  numberParam,
  optionalText,
  type RequestParams,
  requiredInteger,
  requiredText,
} from "./requestParams.js";
import type { ServeConfig } from "./serveConfig.js";
import { userRecommendations } from "./userRecommendations.js";
import { searchUsers, userSummary } from "./userSearch.js";

/** What every handler reads. */
export interface ApiContext {
  readonly explorer: ExplorerModel;
  readonly meter: FairnessMeter;
  readonly config: ServeConfig;
}

/** One endpoint: the HTTP methods it answers and its handler (returns the JSON body). */
export interface ApiRoute {
  readonly methods: readonly ("GET" | "POST")[];
  readonly handle: (params: RequestParams, context: ApiContext) => unknown;
}

/** Longest list the API returns (recommendations, factor items, group lists). */
export const MAX_API_TOP = 100;
const GROUPS: readonly FavouredGroup[] = ["minority", "majority"];

function attributeParam(params: RequestParams, explorer: ExplorerModel): string {
  return optionalText(params, "attribute") ?? explorer.attributes[0];
}

/** The endpoints by path. */
export const API_ROUTES: Readonly<Record<string, ApiRoute>> = Object.freeze({
  "/api/model": {
    methods: ["GET"],
    handle: (_params, { explorer }) => modelOverview(explorer),
  },
  "/api/profile": {
    methods: ["GET"],
    handle: (params, { explorer }) => profileView(explorer, attributeParam(params, explorer)),
  },
  "/api/factor": {
    methods: ["GET"],
    handle: (params, { explorer }) =>
      factorView(
        explorer,
        requiredInteger(params, "factor", 0, explorer.model.manifest.k - 1),
        integerParam(params, "top", 1, MAX_API_TOP, 10),
      ),
  },
  "/api/users": {
    methods: ["GET"],
    handle: (params, { explorer }) =>
      searchUsers(
        explorer,
        optionalText(params, "search") ?? "",
        integerParam(params, "limit", 1, 100, 20),
      ),
  },
  "/api/recommend": {
    methods: ["GET"],
    handle: (params, { explorer, meter }) =>
      userRecommendations(explorer, meter, {
        user: requiredText(params, "user"),
        top: integerParam(params, "top", 1, MAX_API_TOP, 10),
        alpha: numberParam(params, "alpha", 0, MAX_FAIRNESS_ALPHA, 0),
        attribute: attributeParam(params, explorer),
        group: choiceParam(params, "group", GROUPS, "minority"),
        explain: choiceParam(params, "explain", ["1", "0"], "1") === "1",
      }),
  },
  "/api/explain": {
    methods: ["GET"],
    handle: (params, { explorer }) => {
      const user = requiredText(params, "user");
      const item = requiredText(params, "item");
      userIndex(explorer, user);
      itemIndex(explorer, item);
      return explain(explorer.model, user, item);
    },
  },
  "/api/fairness": {
    methods: ["GET"],
    handle: (params, { explorer, meter }) => {
      const attribute = attributeParam(params, explorer);
      const group = choiceParam(params, "group", GROUPS, "minority");
      const summary = meter.summary(
        attribute,
        group,
        numberParam(params, "alpha", 0, MAX_FAIRNESS_ALPHA, 0),
      );
      const heldOut = heldOutFairness(explorer, attribute, group);
      return heldOut !== undefined ? { ...summary, heldOut } : summary;
    },
  },
  "/api/group": {
    methods: ["GET", "POST"],
    handle: (params, { explorer, config }) => {
      const users = listParam(params, "users", config.maxGroupSize);
      const members = users.map((id) => userIndex(explorer, id));
      if (new Set(members).size !== members.length) {
        throw new RequestError(400, `a user appears twice in the group: ${users.join(",")}`);
      }
      const methods =
        explorer.groupAttributes !== undefined
          ? GROUP_METHODS
          : GROUP_METHODS.filter((m) => m !== "demographic");
      const method = choiceParam<GroupMethod | "all">(params, "method", ["all", ...methods], "all");
      const group = groupFromModel(
        explorer.model,
        users,
        {
          top: integerParam(params, "top", 1, MAX_API_TOP, 10),
          ...(method !== "all" ? { methods: [method] } : {}),
        },
        "the served model folder",
      );
      return { ...group, members: members.map((u) => userSummary(explorer, u)) };
    },
  },
});
