import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explain } from "../../src/apply/explain.js";
import { groupFromModel } from "../../src/apply/groupFromModel.js";
import { recommend } from "../../src/apply/recommend.js";
import { type LoadedModel, loadModelFolder } from "../../src/io/modelFolder.js";
import type { PipelineResult } from "../../src/pipeline/runPipeline.js";
import type { RunningExplorer } from "../../src/serve/explorerServer.js";
import { sha256Hex } from "../../src/util/sha256.js";
import { rawRequest, startFixtureServer } from "./serveFixture.js";

let dir: string;
let result: PipelineResult;
let running: RunningExplorer;
let model: LoadedModel;
let base: string;

async function get(path: string) {
  const response = await fetch(new URL(path, base));
  // JSON.parse's own type: the tests read the documents field by field.
  const body: ReturnType<typeof JSON.parse> = await response.json();
  return { status: response.status, body };
}

async function folderDigest(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(folder)).sort())
    out[name] = sha256Hex(await readFile(join(folder, name)));
  return out;
}

let digestBefore: Record<string, string>;

beforeAll(async () => {
  ({ dir, result, running } = await startFixtureServer());
  base = running.url;
  model = await loadModelFolder(dir);
  digestBefore = await folderDigest(dir);
}, 120_000);

afterAll(async () => {
  await running?.close();
});

const ids = () => result.dataset.users.ids;
const itemIds = () => result.dataset.items.ids;

/** The favoured (minority) group's leaning of every item, straight from the ratings. */
function minorityLeaning(attribute: string): Uint8Array {
  const labels = result.attributes[attribute].labels;
  const { user, item } = result.dataset.ratings;
  const items = itemIds().length;
  const raters = new Int32Array(items);
  const minority = new Int32Array(items);
  let minorityRatings = 0;
  for (let r = 0; r < user.length; r++) {
    raters[item[r]]++;
    if (labels[user[r]] === 0) {
      minority[item[r]]++;
      minorityRatings++;
    }
  }
  const base = minorityRatings / user.length;
  return Uint8Array.from(raters, (n, i) => (n >= 5 && minority[i] / n > base ? 1 : 0));
}

describe("the explorer API", () => {
  it("GET /api/model: sizes from the folder, RMSE and classifier quality from results.json", async () => {
    const { status, body } = await get("/api/model");
    expect(status).toBe(200);
    expect(body.dataset).toEqual({ name: "synthetic", users: 300, items: 400, ratings: 15_000 });
    expect(body.k).toBe(16);
    expect(body.rmse.test).toBe(result.mf.rmse.test);
    expect(body.results).toEqual({ found: true });
    const gender = body.attributes.find((a: { name: string }) => a.name === "gender");
    const labels = result.attributes.gender.labels;
    const male = labels.reduce((a, b) => a + b, 0);
    expect(gender.users).toEqual({ majority: male, minority: labels.length - male });
    expect(gender.classifier.majorityFloor).toBe(
      result.attributes.gender.classifier.test.majorityFloor,
    );
    expect(body.groupMethods).toEqual(["mean", "median", "vote", "demographic"]);
  });

  it("GET /api/profile: the saved relevancy, shares that add to 1 and ranks that follow the relevancy", async () => {
    const { status, body } = await get("/api/profile?attribute=age");
    expect(status).toBe(200);
    const profile = result.attributes.age.profile;
    expect(body.factors.map((f: { relevancy: number }) => f.relevancy)).toEqual(
      Array.from(profile.relevancy),
    );
    for (const f of body.factors) {
      expect(f.majorityShare).toBe(profile.majorityShare[f.factor]);
      expect(f.selected).toBe(f.relevancy >= body.threshold);
      expect(f.majorityNormalized).toBeGreaterThanOrEqual(0);
      expect(f.majorityNormalized).toBeLessThanOrEqual(1);
    }
    const byRank = [...body.factors].sort((a, b) => a.rank - b.rank);
    for (let r = 1; r < byRank.length; r++)
      expect(byRank[r - 1].relevancy).toBeGreaterThanOrEqual(byRank[r].relevancy);
    expect((await get("/api/profile")).body.attribute).toBe("gender");
  });

  it("GET /api/factor: the items with the largest and smallest loadings, in order", async () => {
    const factor = 5;
    const { status, body } = await get(`/api/factor?factor=${factor}&top=4`);
    expect(status).toBe(200);
    const k = model.manifest.k;
    const loadings = itemIds().map((id, i) => ({ id, q: model.itemFactors[i * k + factor] }));
    const sorted = [...loadings].sort((a, b) => b.q - a.q);
    expect(body.positive.map((x: { item: string }) => x.item)).toEqual(
      sorted.slice(0, 4).map((x) => x.id),
    );
    expect(body.negative.map((x: { item: string }) => x.item)).toEqual(
      sorted
        .slice(-4)
        .reverse()
        .map((x) => x.id),
    );
    expect(body.positive[0].loading).toBe(sorted[0].q);
    expect(body.attributes.map((a: { attribute: string }) => a.attribute)).toEqual([
      "gender",
      "age",
    ]);
  });

  it("GET /api/users: ids that start with the search, the exact one first, with their groups", async () => {
    const search = ids()[12];
    const { body } = await get(`/api/users?search=${search}&limit=5`);
    expect(body.users[0].user).toBe(search);
    expect(body.matches).toBe(ids().filter((id) => id.startsWith(search)).length);
    for (const u of body.users) expect(u.user.startsWith(search)).toBe(true);
    const u = ids().indexOf(search);
    expect(body.users[0].groups.gender).toBe(
      result.attributes.gender.labels[u] === 1 ? "male" : "female",
    );
    expect((await get("/api/users?limit=3")).body.users).toHaveLength(3);
  });

  it("GET /api/recommend at α = 0 is recommend's list, with explanations that add up", async () => {
    const user = ids()[7];
    const { status, body } = await get(`/api/recommend?user=${user}&top=6`);
    expect(status).toBe(200);
    const plain = recommend(model, user, { top: 6 });
    expect(body.items.map((x: { item: string }) => x.item)).toEqual(plain.items.map((x) => x.item));
    expect(body.items.map((x: { score: number }) => x.score)).toEqual(
      plain.items.map((x) => x.score),
    );
    for (const [n, it] of body.items.entries()) {
      expect(it.plainRank).toBe(n + 1);
      expect(it.explanation.prediction).toBe(it.prediction);
      expect(it.explanation.contributions).toBeUndefined();
      expect(it.explanation.summary).toMatch(/^Predicted/);
    }
    expect(body.metrics.retained).toBe(1);
    expect(body.metrics.exposure).toBe(body.metrics.plainExposure);
  });

  it("GET /api/recommend at α > 0 ranks by Σ w_j p_uj q_ij with w_j = exp(α(2·share_j − 1))", async () => {
    const user = ids()[7];
    const alpha = 2.5;
    const { body } = await get(
      `/api/recommend?user=${user}&top=8&alpha=${alpha}&attribute=gender&group=minority&explain=0`,
    );
    const u = ids().indexOf(user);
    const k = model.manifest.k;
    const share = model.profiles.gender.proportions.minority;
    const score = (i: number) => {
      let s = 0;
      for (let j = 0; j < k; j++)
        s +=
          Math.exp(alpha * (2 * share[j] - 1)) *
          model.userFactors[u * k + j] *
          model.itemFactors[i * k + j];
      return s;
    };
    const rated = new Set<number>();
    const { ratings } = result.dataset;
    for (let r = 0; r < ratings.user.length; r++)
      if (ratings.user[r] === u) rated.add(ratings.item[r]);
    const expected = itemIds()
      .map((id, i) => ({ id, s: score(i), i }))
      .filter((x) => !rated.has(x.i))
      .sort((a, b) => b.s - a.s)
      .slice(0, 8);
    expect(body.items.map((x: { item: string }) => x.item)).toEqual(expected.map((x) => x.id));
    for (const [n, it] of body.items.entries()) expect(it.score).toBeCloseTo(expected[n].s, 9);
    expect(body.items[0].explanation).toBeUndefined();
    // Exposure recomputed from the items' own leaning labels and DCG position weights.
    const leaning = minorityLeaning("gender");
    let hit = 0;
    let all = 0;
    body.items.forEach((it: { item: string; leansTo: string | null }, n: number) => {
      const w = 1 / Math.log2(n + 2);
      all += w;
      const favoured = leaning[itemIds().indexOf(it.item)] === 1;
      expect(it.leansTo === "female").toBe(favoured);
      if (favoured) hit += w;
    });
    expect(body.metrics.exposure).toBeCloseTo(hit / all, 12);
    expect(body.metrics.meanPrediction).toBeLessThanOrEqual(
      body.metrics.plainMeanPrediction + 1e-12,
    );
  });

  it("GET /api/explain is explain()'s explanation, contributions summing to the prediction", async () => {
    const user = ids()[3];
    const item = itemIds()[11];
    const { status, body } = await get(`/api/explain?user=${user}&item=${item}`);
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(explain(model, user, item))));
    const sum = body.contributions.reduce((a: number, b: number) => a + b, 0);
    expect(sum).toBeCloseTo(body.prediction, 12);
  });

  it("GET /api/fairness: the exposure of minority-leaning items over the sample, recomputed from the ratings", async () => {
    const { status, body } = await get("/api/fairness?attribute=gender&alpha=1.5");
    expect(status).toBe(200);
    expect(body.source).toBe("model");
    expect(body.sample.users).toBe(100);
    expect(body.items.leaningFavoured + body.items.leaningOther + body.items.unclassified).toBe(
      400,
    );
    expect(body.curve.map((p: { alpha: number }) => p.alpha)).toEqual([
      0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5,
    ]);
    expect(body.atAlpha).toEqual(body.curve[3]);
    const zero = body.curve[0];
    expect(zero.scoreChange).toBe(0);
    expect(zero.retained).toBe(1);
    for (const p of body.curve) {
      expect(p.scoreChange).toBeLessThanOrEqual(1e-12);
      expect(p.exposure).toBeGreaterThanOrEqual(0);
      expect(p.exposure).toBeLessThanOrEqual(1);
    }
    // α = 0 by hand: the plain top-10 of every sampled user (evenly spaced rows).
    const leaning = minorityLeaning("gender");
    const users = ids().length;
    let hit = 0;
    let all = 0;
    for (let s = 0; s < 100; s++) {
      const u = Math.floor((s * users) / 100);
      recommend(model, ids()[u], { top: 10 }).items.forEach((it, n) => {
        const w = 1 / Math.log2(n + 2);
        all += w;
        if (leaning[it.index] === 1) hit += w;
      });
    }
    expect(zero.exposure).toBeCloseTo(hit / all, 12);
    // Beside it, the held-out sweep the run stored (toward the minority only).
    const stored = JSON.parse(await readFile(join(dir, "..", "results.json"), "utf8"));
    expect(body.heldOut).toEqual(stored.uses.fairness.gender);
    expect(body.heldOut.rows.map((r: { alpha: number }) => r.alpha)).toEqual([0, 0.5, 1, 2]);
    const towardMajority = await get("/api/fairness?attribute=gender&group=majority");
    expect(towardMajority.body.heldOut).toBeUndefined();
  });

  it("GET and POST /api/group: the group's lists and each member's quality", async () => {
    const users = [ids()[1], ids()[4], ids()[9]];
    const expected = groupFromModel(model, users, { top: 5 }, dir);
    const viaGet = await get(`/api/group?users=${users.join(",")}&top=5`);
    expect(viaGet.status).toBe(200);
    expect(viaGet.body.methods).toEqual(JSON.parse(JSON.stringify(expected.methods)));
    expect(viaGet.body.members.map((m: { user: string }) => m.user)).toEqual(users);
    const viaPost = await fetch(new URL("/api/group", base), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ users, method: "vote", top: 5 }),
    });
    expect(viaPost.status).toBe(200);
    const posted: ReturnType<typeof JSON.parse> = await viaPost.json();
    expect(posted.methods).toHaveLength(1);
    expect(posted.methods[0]).toEqual(
      viaGet.body.methods.find((m: { method: string }) => m.method === "vote"),
    );
  });

  it("serves the page, its script and the vendored Vega builds, and nothing outside them", async () => {
    const page = await rawRequest(base, "/");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.headers["content-security-policy"]).toMatch(/script-src 'self'/);
    expect(page.body).toMatch(/<script src="\/vendor\/vega-embed.min.js">/);
    expect((await rawRequest(base, "/assets/app.js")).body).toMatch(/vegaEmbed/);
    for (const [file, pkg] of [
      ["vega.min.js", "vega"],
      ["vega-lite.min.js", "vega-lite"],
      ["vega-embed.min.js", "vega-embed"],
    ]) {
      const response = await rawRequest(base, `/vendor/${file}`);
      expect(response.status, file).toBe(200);
      const onDisk = await readFile(join("node_modules", pkg, "build", file), "utf8");
      expect(response.body === onDisk, file).toBe(true);
    }
    for (const target of [
      "/assets/../../package.json",
      "/assets/..%2f..%2fpackage.json",
      "/assets/%2e%2e/%2e%2e/package.json",
      "/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json",
      "/assets/..%5c..%5cpackage.json",
      "/vendor/../package.json",
      "/vendor/..%2fpackage.json",
      "/vendor/vega.min.js%2f..%2f..%2fpackage.json",
      "/assets/%00",
      "/assets/%E0%A4%A",
      "/assets/",
      "/package.json",
      "/../../../../etc/passwd",
      "//etc/passwd",
      "/assets//etc/passwd",
    ]) {
      const response = await rawRequest(base, target);
      expect(response.status, target).toBeGreaterThanOrEqual(400);
      expect(response.status, target).toBeLessThan(500);
      expect(response.body, target).not.toMatch(/"name": "deepunhide"|root:/);
      expect(JSON.parse(response.body).error.status, target).toBe(response.status);
    }
  });

  it("answers every bad input with a 4xx JSON error, never a stack trace, and keeps serving", async () => {
    const user = ids()[0];
    const long = "x".repeat(3000);
    const cases: [string, number, RegExp][] = [
      [`/api/recommend?user=nobody`, 404, /unknown user id "nobody"/],
      [`/api/recommend`, 400, /"user" is required/],
      [`/api/recommend?user=${user}&top=abc`, 400, /"top" must be an integer in 1…100/],
      [`/api/recommend?user=${user}&top=0`, 400, /"top"/],
      [`/api/recommend?user=${user}&top=101`, 400, /"top"/],
      [`/api/recommend?user=${user}&top=2.5`, 400, /"top"/],
      [`/api/recommend?user=${user}&alpha=-0.1`, 400, /"alpha" must be a number in \[0, 5\]/],
      [`/api/recommend?user=${user}&alpha=5.01`, 400, /"alpha"/],
      [`/api/recommend?user=${user}&alpha=NaN`, 400, /"alpha"/],
      [`/api/recommend?user=${user}&alpha=Infinity`, 400, /"alpha"/],
      [`/api/recommend?user=${user}&alpha=0x1`, 400, /"alpha"/],
      [`/api/recommend?user=${user}&alpha=`, 200, /./],
      [`/api/recommend?user=${user}&alpha=1&alpha=2`, 400, /more than once/],
      [`/api/recommend?user=${user}&attribute=height`, 404, /unknown attribute "height"/],
      [`/api/recommend?user=${user}&group=women`, 400, /"group" must be one of minority, majority/],
      [`/api/explain?user=${user}&item=nothing`, 404, /unknown item id "nothing"/],
      [`/api/explain?user=${user}`, 400, /"item" is required/],
      [`/api/factor?factor=16`, 400, /"factor" must be an integer in 0…15/],
      [`/api/factor?factor=-1`, 400, /"factor"/],
      [`/api/factor`, 400, /"factor" is required/],
      [`/api/profile?attribute=${long.slice(0, 1500)}`, 400, /longer than 1024/],
      [`/api/fairness?alpha=9`, 400, /"alpha"/],
      [`/api/fairness?attribute=height`, 404, /unknown attribute/],
      [`/api/users?limit=0`, 400, /"limit"/],
      [`/api/group?users=${user},${user}`, 400, /appears twice/],
      [`/api/group?users=${user},nobody`, 404, /unknown user id "nobody"/],
      [`/api/group?users=,`, 400, /"users" is empty/],
      [
        `/api/group?users=${Array.from({ length: 51 }, (_, n) => ids()[n]).join(",")}`,
        400,
        /at most 50/,
      ],
      [`/api/group?users=${user}&method=average`, 400, /"method" must be one of all, mean/],
      [`/api/nothing`, 404, /no endpoint/],
      [`/api/model?${long}`, 414, /longer than 2048/],
      [`/nothing.html`, 404, /not found/],
    ];
    for (const [target, status, message] of cases) {
      const response = await rawRequest(base, target);
      expect(response.status, target).toBe(status);
      expect(response.body, target).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
      if (status !== 200) {
        const body = JSON.parse(response.body);
        expect(body.error.status, target).toBe(status);
        expect(body.error.message, target).toMatch(message);
      }
    }
    const huge = await rawRequest(base, `/api/model?q=${"y".repeat(20_000)}`);
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body).error.status).toBe(431);

    const post = (body: string | Buffer, type = "application/json") =>
      rawRequest(base, "/api/group", { method: "POST", headers: { "content-type": type }, body });
    const bodyCases: [Promise<{ status: number; body: string }>, number, RegExp][] = [
      [
        post(JSON.stringify({ users: [user], pad: "z".repeat(20_000) })),
        413,
        /larger than 16384 bytes/,
      ],
      [post("{not json"), 400, /not valid JSON/],
      [post("[1,2]"), 400, /must be a JSON object/],
      [
        post(JSON.stringify({ users: [{ id: 1 }] })),
        400,
        /"users" must be a string, number or list/,
      ],
      [post(JSON.stringify({ users: [user] }), "text/plain"), 415, /application\/json/],
      [
        rawRequest(base, "/api/recommend", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        }),
        405,
        /answers GET/,
      ],
      [rawRequest(base, "/", { method: "DELETE" }), 405, /GET and HEAD/],
    ];
    for (const [pending, status, message] of bodyCases) {
      const response = await pending;
      expect(response.status, String(message)).toBe(status);
      expect(JSON.parse(response.body).error.message).toMatch(message);
    }
    // A loopback explorer answers only requests addressed to this machine (DNS rebinding).
    for (const host of ["evil.example", "evil.example:80", "127.0.0.1.evil.example"]) {
      const foreign = await rawRequest(base, "/api/model", { headers: { host } });
      expect(foreign.status, host).toBe(403);
      expect(JSON.parse(foreign.body).error.message).toMatch(/localhost only/);
    }
    const port = new URL(base).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await rawRequest(base, "/api/model", { headers: { host } })).status, host).toBe(200);
    }
    // Still serving, and nothing was written to the model folder.
    expect((await get("/api/model")).status).toBe(200);
    expect(await folderDigest(dir)).toEqual(digestBefore);
  });
});
