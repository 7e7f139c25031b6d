// The explorer page: fetches the JSON API of `deepunhide serve` and draws with Vega-Lite
// through vega-embed (loaded as classic scripts from /vendor/, so it works offline). All text
// from the API goes in through textContent, never innerHTML.

/** @type {(el: HTMLElement, spec: object, options?: object) => Promise<{ view: any }>} */
const embed = globalThis.vegaEmbed;

const state = {
  /** @type {any} */ model: null,
  /** @type {string | null} */ user: null,
  /** @type {Record<string, any>} */ profiles: {},
  shown: new Set(),
  fairTimer: 0,
  fairRequest: 0,
};

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Creates an element with attributes and children (strings become text nodes). */
function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const fixed = (x, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : "–");
const percent = (x, digits = 1) => (Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : "–");
const signed = (x, digits = 3) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(digits)}`;

/** GET (or POST with a JSON body) an API path; errors show in the alert line and reject. */
async function api(path, body) {
  const response = await fetch(
    path,
    body === undefined
      ? {}
      : {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        },
  );
  const data = await response.json();
  if (!response.ok) {
    showError(data?.error?.message ?? `HTTP ${response.status}`);
    throw new Error(data?.error?.message ?? `HTTP ${response.status}`);
  }
  showError(null);
  return data;
}

function showError(message) {
  const el = $("error");
  el.hidden = message === null;
  el.textContent = message ?? "";
}

/** Draws a Vega-Lite spec as SVG into the element; marks the element once drawn. */
async function draw(id, spec) {
  const el = $(id);
  const result = await embed(
    el,
    { $schema: "https://vega.github.io/schema/vega-lite/v6.json", ...spec },
    {
      actions: false,
      renderer: "svg",
    },
  );
  el.dataset.rendered = "true";
  return result;
}

// ---- Tabs -------------------------------------------------------------------------------

const VIEWS = ["overview", "factors", "user", "fairness", "group"];

function showView(name) {
  for (const view of VIEWS) {
    $(`tab-${view}`).setAttribute("aria-selected", String(view === name));
    $(`view-${view}`).hidden = view !== name;
  }
  if (name === "factors" && !state.shown.has(name)) void loadProfile().catch(() => {});
  if (name === "fairness") void refreshFairness().catch(() => {});
  state.shown.add(name);
}

// ---- Overview ---------------------------------------------------------------------------

function card(value, label) {
  return h(
    "div",
    { class: "card" },
    h("div", { class: "value" }, value),
    h("div", { class: "label" }, label),
  );
}

async function loadOverview() {
  const m = await api("/api/model");
  state.model = m;
  $("model-line").textContent =
    `${m.dataset.name}: ${m.dataset.users.toLocaleString()} users × ${m.dataset.items.toLocaleString()} items, ` +
    `${m.dataset.ratings.toLocaleString()} ratings · K = ${m.k} · seed ${m.seed} · ${m.package.name} ${m.package.version}`;
  const cards = [
    card(m.dataset.users.toLocaleString(), "users"),
    card(m.dataset.items.toLocaleString(), "items"),
    card(m.dataset.ratings.toLocaleString(), "ratings"),
    card(String(m.k), "factors (K)"),
  ];
  if (m.rmse) {
    cards.push(
      card(
        fixed(m.rmse.test),
        `RMSE on held-out ratings (global mean ${fixed(m.rmse.globalMean)})`,
      ),
    );
  }
  $("overview-cards").replaceChildren(...cards);
  const rows = m.attributes.map((a) =>
    h(
      "tr",
      {},
      h("td", {}, a.name),
      h(
        "td",
        {},
        `${a.majority} ${a.users?.majority ?? "?"} / ${a.minority} ${a.users?.minority ?? "?"}`,
      ),
      h("td", { class: "num" }, fixed(a.classifier?.accuracy)),
      h("td", { class: "num" }, fixed(a.classifier?.majorityFloor)),
      h("td", { class: "num" }, fixed(a.classifier?.balancedAccuracy)),
      h("td", { class: "num" }, fixed(a.classifier?.auc)),
      h("td", { class: "num" }, String(a.selected)),
      h(
        "td",
        {},
        `${a.majority} ${fixed(a.archetypeScores.majority)} · ${a.minority} ${fixed(a.archetypeScores.minority)}`,
      ),
    ),
  );
  $("overview-table").replaceChildren(
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [
            "attribute",
            "users",
            "accuracy",
            "majority floor",
            "balanced acc.",
            "AUC",
            "selected factors",
            "archetype scores",
          ].map((t) => h("th", {}, t)),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
  if (!m.results.found) {
    $("overview-table").append(
      h(
        "p",
        { class: "hint" },
        `Classifier quality and RMSE come from results.json: ${m.results.note}.`,
      ),
    );
  }
  for (const id of ["profile-attribute", "fair-attribute"]) {
    $(id).replaceChildren(...m.attributes.map((a) => h("option", { value: a.name }, a.name)));
  }
  $("group-method").replaceChildren(
    ...["all", ...m.groupMethods].map((x) => h("option", { value: x }, x)),
  );
  const values = m.attributes.flatMap((a) =>
    a.classifier
      ? [
          { attribute: a.name, measure: "accuracy", value: a.classifier.accuracy },
          { attribute: a.name, measure: "majority floor", value: a.classifier.majorityFloor },
          { attribute: a.name, measure: "balanced accuracy", value: a.classifier.balancedAccuracy },
          { attribute: a.name, measure: "AUC", value: a.classifier.auc },
        ]
      : [],
  );
  if (values.length > 0) {
    await draw("chart-classifier", {
      width: 360,
      height: 140,
      data: { values },
      mark: { type: "bar", tooltip: true },
      encoding: {
        y: { field: "measure", type: "nominal", sort: null, title: null },
        x: { field: "value", type: "quantitative", scale: { domain: [0, 1] } },
        color: { field: "measure", type: "nominal", legend: null },
        row: {
          field: "attribute",
          type: "nominal",
          title: null,
          sort: m.attributes.map((a) => a.name),
        },
      },
    });
  }
}

// ---- Factors ----------------------------------------------------------------------------

/** The x channel of a per-factor bar chart: one band per factor, a label every 10. */
function factorAxis(factors) {
  const values = factors.filter((f) => f.factor % 10 === 0).map((f) => f.factor);
  return { field: "factor", type: "ordinal", axis: { labelAngle: 0, values } };
}

/** The colour channel of the two groups of a profile, the same in every chart. */
function groupColor(field, profile) {
  const scale = { domain: [profile.majority, profile.minority], range: ["#7c9cc9", "#d98b5f"] };
  return { field, type: "nominal", scale };
}

/** Clicking a mark of a per-factor chart lists that factor's items. */
function openFactorOnClick(chart) {
  chart.view.addEventListener("click", (_event, item) => {
    if (item?.datum?.factor !== undefined) void showFactor(item.datum.factor).catch(() => {});
  });
}

async function loadProfile() {
  const attribute = /** @type {HTMLSelectElement} */ ($("profile-attribute")).value;
  const p = await api(`/api/profile?attribute=${encodeURIComponent(attribute)}`);
  state.profiles[attribute] = p;
  const factors = p.factors.map((f) => ({ ...f, minorityShare: 1 - f.majorityShare }));
  const relevancy = await draw("chart-relevancy", {
    width: 900,
    height: 180,
    data: { values: factors },
    mark: { type: "bar", cursor: "pointer" },
    encoding: {
      x: factorAxis(factors),
      y: { field: "relevancy", type: "quantitative", scale: { domain: [0, 1] } },
      color: {
        field: "selected",
        type: "nominal",
        scale: { domain: [true, false], range: ["#2a5db0", "#a9bbd9"] },
        legend: { title: `relevancy ≥ ${p.threshold}` },
      },
      tooltip: [
        { field: "factor", type: "ordinal" },
        { field: "relevancy", type: "quantitative", format: ".3f" },
        { field: "rank", type: "ordinal" },
        {
          field: "majorityShare",
          type: "quantitative",
          format: ".1%",
          title: `${p.majority} share`,
        },
        {
          field: "minorityShare",
          type: "quantitative",
          format: ".1%",
          title: `${p.minority} share`,
        },
      ],
    },
  });
  openFactorOnClick(relevancy);
  const shares = factors.flatMap((f) => [
    { factor: f.factor, group: p.majority, share: f.majorityShare },
    { factor: f.factor, group: p.minority, share: f.minorityShare },
  ]);
  const proportions = await draw("chart-proportions", {
    width: 900,
    height: 150,
    data: { values: shares },
    mark: { type: "bar", cursor: "pointer" },
    encoding: {
      x: factorAxis(factors),
      y: { field: "share", type: "quantitative", stack: "normalize", title: "share" },
      color: groupColor("group", p),
      tooltip: [
        { field: "factor", type: "ordinal" },
        { field: "group", type: "nominal" },
        { field: "share", type: "quantitative", format: ".1%" },
      ],
    },
  });
  openFactorOnClick(proportions);
  const archetypes = factors.flatMap((f) => [
    {
      factor: f.factor,
      archetype: p.majority,
      normalized: f.majorityNormalized,
      raw: f.majorityArchetype,
    },
    {
      factor: f.factor,
      archetype: p.minority,
      normalized: f.minorityNormalized,
      raw: f.minorityArchetype,
    },
  ]);
  await draw("chart-archetypes", {
    width: 900,
    height: 150,
    data: { values: archetypes },
    mark: { type: "line", point: { size: 18 }, tooltip: true },
    encoding: {
      x: { field: "factor", type: "quantitative", scale: { domain: [0, factors.length - 1] } },
      y: { field: "normalized", type: "quantitative", title: "p̃ (min–max)" },
      color: groupColor("archetype", p),
      tooltip: [
        { field: "factor", type: "quantitative" },
        { field: "archetype", type: "nominal" },
        { field: "normalized", type: "quantitative", format: ".3f" },
        { field: "raw", type: "quantitative", format: ".3f" },
      ],
    },
  });
  $("selected-factors").textContent =
    `${p.selected.length} selected factors (relevancy ≥ ${p.threshold}): ${p.selected.join(", ")}. ` +
    `Archetype scores: ${p.majority} ${fixed(p.archetypeScores.majority)}, ${p.minority} ${fixed(p.archetypeScores.minority)}.`;
}

async function showFactor(factor) {
  /** @type {HTMLInputElement} */ ($("factor-input")).value = String(factor);
  const f = await api(`/api/factor?factor=${factor}&top=8`);
  const list = (items) =>
    h(
      "ol",
      {},
      items.map((it) =>
        h(
          "li",
          {},
          `${it.title ?? `item ${it.item}`} `,
          h(
            "span",
            { class: "hint" },
            `${signed(it.loading)}${it.ratings !== undefined ? ` · ${it.ratings} ratings` : ""}${it.genres?.length ? ` · ${it.genres.join(", ")}` : ""}`,
          ),
        ),
      ),
    );
  $("factor-detail").replaceChildren(
    h("h3", { id: "factor-title" }, `Factor ${f.factor}`),
    h(
      "p",
      {},
      f.attributes
        .map(
          (a) =>
            `${a.attribute}: relevancy ${fixed(a.relevancy)}, leans ${a.leansTo} ${percent(a.share, 0)}${a.selected ? " (selected)" : ""}`,
        )
        .join(" · "),
    ),
    h(
      "div",
      { class: "two" },
      h("div", {}, h("h3", {}, "Largest loadings"), list(f.positive)),
      h("div", {}, h("h3", {}, "Most negative loadings"), list(f.negative)),
    ),
  );
}

// ---- User -------------------------------------------------------------------------------

let searchTimer = 0;
function suggestUsers() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const search = /** @type {HTMLInputElement} */ ($("user-input")).value.trim();
    const found = await api(`/api/users?search=${encodeURIComponent(search)}&limit=20`);
    $("user-options").replaceChildren(
      ...found.users.map((u) =>
        h("option", { value: u.user }, `${Object.values(u.groups).join(", ")} · ${u.rated} rated`),
      ),
    );
  }, 150);
}

function explanationRows(items, attribute) {
  return items.flatMap((it, n) => {
    const e = it.explanation;
    const parts = e?.attributes.find((a) => a.attribute === attribute);
    if (!parts) return [];
    const name = `${n + 1}. ${it.title ?? it.item}`;
    return [
      {
        item: name,
        part: `${parts.majority.group} raises`,
        percent: parts.majority.positivePercent,
      },
      {
        item: name,
        part: `${parts.minority.group} raises`,
        percent: parts.minority.positivePercent,
      },
      {
        item: name,
        part: `${parts.majority.group} lowers`,
        percent: -parts.majority.negativePercent,
      },
      {
        item: name,
        part: `${parts.minority.group} lowers`,
        percent: -parts.minority.negativePercent,
      },
    ];
  });
}

async function loadUser(user) {
  const top = /** @type {HTMLInputElement} */ ($("top-input")).value || "10";
  const list = await api(
    `/api/recommend?user=${encodeURIComponent(user)}&top=${encodeURIComponent(top)}`,
  );
  state.user = list.user.user;
  const groups = Object.entries(list.user.groups)
    .map(([a, g]) => `${a}: ${g}`)
    .join(", ");
  $("user-line").textContent =
    `User ${list.user.user} (${groups || "no saved groups"}) rated ${list.user.rated} items; the top ${list.items.length} of the others by predicted rating:`;
  $("recommendations").replaceChildren(
    ...list.items.map((it) => {
      const e = it.explanation;
      return h(
        "li",
        { class: "recommendation" },
        h("span", { class: "title" }, it.title ?? `item ${it.item}`),
        ` ${fixed(it.prediction, 2)}`,
        h(
          "div",
          { class: "meta" },
          `item ${it.item}${it.genres?.length ? ` · ${it.genres.join(", ")}` : ""}`,
        ),
        e
          ? h(
              "div",
              { class: "why" },
              e.attributes
                .map(
                  (a) =>
                    `${a.attribute}: ${a.majority.group} ${fixed(a.majority.positivePercent, 0)}% up / ${fixed(a.majority.negativePercent, 0)}% down, ${a.minority.group} ${fixed(a.minority.positivePercent, 0)}% up / ${fixed(a.minority.negativePercent, 0)}% down`,
                )
                .join(" · "),
              h("br"),
              `Factors that matter: ${e.topFactors
                .map(
                  (f) =>
                    `${f.factor} (${signed(f.contribution, 2)}; ${f.attributes.map((l) => `${l.leansTo} ${percent(l.share, 0)}`).join(", ")})`,
                )
                .join(", ")}`,
            )
          : null,
      );
    }),
  );
  const attribute = state.model.attributes[0]?.name;
  if (attribute) {
    await draw("chart-explanations", {
      width: 560,
      height: { step: 16 },
      title: `Each score's pull, split by what its factors encode (${attribute}), % of the total pull`,
      data: { values: explanationRows(list.items, attribute) },
      mark: { type: "bar", tooltip: true },
      encoding: {
        y: { field: "item", type: "nominal", sort: null, title: null },
        x: {
          field: "percent",
          type: "quantitative",
          stack: "zero",
          title: "% of the pull (left: lowers, right: raises)",
        },
        color: { field: "part", type: "nominal", title: null },
      },
    });
  }
}

// ---- Fairness ---------------------------------------------------------------------------

function metricList(pairs) {
  return h(
    "dl",
    { class: "metrics" },
    pairs.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );
}

async function refreshFairness() {
  if (state.model === null) return;
  const request = ++state.fairRequest;
  const alpha = Number(/** @type {HTMLInputElement} */ ($("alpha")).value);
  $("alpha-value").textContent = `α = ${alpha.toFixed(1)}`;
  const attribute = /** @type {HTMLSelectElement} */ ($("fair-attribute")).value;
  const group = /** @type {HTMLSelectElement} */ ($("fair-group")).value;
  if (state.user === null) {
    const first = await api("/api/users?limit=1");
    state.user = first.users[0]?.user ?? null;
  }
  const query = `attribute=${encodeURIComponent(attribute)}&group=${group}&alpha=${alpha}`;
  const [list, summary] = await Promise.all([
    api(`/api/recommend?user=${encodeURIComponent(state.user)}&top=10&explain=0&${query}`),
    api(`/api/fairness?${query}`),
  ]);
  // A slower answer to an older slider position must not overwrite a newer one.
  if (request !== state.fairRequest) return;
  const favoured = list.favoured.label;
  $("fair-user-title").textContent = `User ${list.user.user}'s list at α = ${alpha.toFixed(1)}`;
  $("fair-user-metrics").replaceChildren(
    metricList([
      [
        `exposure of ${favoured}-leaning items`,
        `${percent(list.metrics.exposure)} (plain ${percent(list.metrics.plainExposure)})`,
      ],
      [
        "mean predicted rating",
        `${fixed(list.metrics.meanPrediction, 3)} (plain ${fixed(list.metrics.plainMeanPrediction, 3)})`,
      ],
      ["plain list kept", percent(list.metrics.retained, 0)],
    ]),
  );
  $("fair-list").replaceChildren(
    ...list.items.map((it, n) => {
      const move =
        it.plainRank === null
          ? h("span", { class: "move-new" }, "new")
          : it.plainRank > n + 1
            ? h("span", { class: "move-up" }, `↑ from ${it.plainRank}`)
            : it.plainRank < n + 1
              ? h("span", { class: "hint" }, `↓ from ${it.plainRank}`)
              : h("span", { class: "hint" }, "=");
      return h(
        "li",
        { class: "fair-item" },
        h("span", { class: "title" }, it.title ?? `item ${it.item}`),
        " ",
        move,
        h(
          "span",
          { class: "meta" },
          ` · predicted ${fixed(it.prediction, 2)}${it.leansTo ? ` · raters lean ${it.leansTo}` : ""}`,
        ),
      );
    }),
  );
  const at = summary.atAlpha;
  $("fair-metrics").replaceChildren(
    metricList([
      [
        `exposure of ${favoured}-leaning items`,
        `${percent(at.exposure)} (α = 0: ${percent(summary.curve[0].exposure)})`,
      ],
      [
        `… in ${state.model.attributes.find((a) => a.name === attribute)?.majority ?? "majority"} users' lists`,
        percent(at.exposureByGroup.majority),
      ],
      [
        `… in ${state.model.attributes.find((a) => a.name === attribute)?.minority ?? "minority"} users' lists`,
        percent(at.exposureByGroup.minority),
      ],
      ["mean predicted-rating change", signed(at.scoreChange)],
      ["plain lists kept", percent(at.retained, 0)],
      [
        "users sampled",
        `${summary.sample.users} (${summary.sample.majority} / ${summary.sample.minority})`,
      ],
    ]),
  );
  $("fair-definition").textContent = summary.definition;
  showHeldOut(summary.heldOut, alpha);
  await draw("chart-tradeoff", {
    width: 380,
    height: 220,
    data: {
      values: summary.curve
        .map((p) => ({ ...p, current: false }))
        .concat([{ ...at, current: true }]),
    },
    layer: [
      {
        transform: [{ filter: "!datum.current" }],
        mark: { type: "line", point: true, tooltip: true },
        encoding: {
          x: { field: "scoreChange", type: "quantitative", title: "mean predicted-rating change" },
          y: {
            field: "exposure",
            type: "quantitative",
            title: `exposure of ${favoured}-leaning items`,
            axis: { format: ".0%" },
          },
          order: { field: "alpha" },
          tooltip: [
            { field: "alpha", type: "quantitative" },
            { field: "exposure", type: "quantitative", format: ".1%" },
            { field: "scoreChange", type: "quantitative", format: ".3f" },
          ],
        },
      },
      {
        transform: [{ filter: "datum.current" }],
        mark: { type: "point", filled: true, size: 160, color: "#a23b2a" },
        encoding: {
          x: { field: "scoreChange", type: "quantitative" },
          y: { field: "exposure", type: "quantitative" },
        },
      },
    ],
  });
}

/** The run's held-out sweep (results.json), the row nearest to α marked. */
function showHeldOut(sweep, alpha) {
  if (!sweep) {
    $("fair-heldout").replaceChildren(
      h(
        "p",
        { class: "hint" },
        "Not stored for this attribute and group (the run measures toward the minority; it needs results.json beside the model).",
      ),
    );
    return;
  }
  const nearest = sweep.rows.reduce((best, row) =>
    Math.abs(row.alpha - alpha) < Math.abs(best.alpha - alpha) ? row : best,
  );
  const pair = (c) => `${fixed(c.majority)} / ${fixed(c.minority)}`;
  const exposure = (row) => {
    const e = row.exposure.allLists.minorityLeaning;
    return `${percent(e.exposureShare)} (parity ${percent(e.itemShare)})`;
  };
  $("fair-heldout").replaceChildren(
    h(
      "table",
      { "aria-label": "Held-out fairness measures" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { class: "num" }, "α"),
          h("th", { class: "num" }, `RMSE ${sweep.groups.majority} / ${sweep.groups.minority}`),
          h("th", { class: "num" }, "NDCG@10"),
          h("th", { class: "num" }, `${sweep.groups.minority}-leaning exposure`),
        ),
      ),
      h(
        "tbody",
        {},
        sweep.rows.map((row) =>
          h(
            "tr",
            { class: row === nearest ? "current" : undefined },
            h("td", { class: "num" }, String(row.alpha)),
            h("td", { class: "num" }, pair(row.rmse)),
            h("td", { class: "num" }, pair(row.ndcg)),
            h("td", { class: "num" }, exposure(row)),
          ),
        ),
      ),
    ),
    h(
      "p",
      { class: "hint" },
      `${sweep.heldOut.ratings.toLocaleString()} held-out ratings of a fit on the other 80%; items lean by rating gaps (see deepunhide fairness). The marked row is the nearest measured α.`,
    ),
  );
}

function scheduleFairness() {
  $("alpha-value").textContent =
    `α = ${Number(/** @type {HTMLInputElement} */ ($("alpha")).value).toFixed(1)}`;
  clearTimeout(state.fairTimer);
  state.fairTimer = setTimeout(() => void refreshFairness().catch(() => {}), 120);
}

// ---- Group ------------------------------------------------------------------------------

async function buildGroup() {
  const users = /** @type {HTMLInputElement} */ ($("group-users")).value
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
  const method = /** @type {HTMLSelectElement} */ ($("group-method")).value;
  const g = await api("/api/group", { users, method, top: 10 });
  const rows = g.methods.flatMap((m) =>
    g.members.map((member, n) => ({
      method: m.method,
      member: `user ${member.user}`,
      meanRating: m.quality.perMember.meanRating[n],
      overlap: m.quality.perMember.overlap[n],
    })),
  );
  await draw("chart-members", {
    width: { step: 14 },
    height: 160,
    title: "Each member's mean predicted rating of the group's list",
    data: { values: rows },
    mark: { type: "bar", tooltip: true },
    encoding: {
      column: {
        field: "method",
        type: "nominal",
        title: null,
        sort: g.methods.map((m) => m.method),
      },
      x: { field: "member", type: "nominal", title: null, axis: { labels: g.members.length <= 8 } },
      y: { field: "meanRating", type: "quantitative", title: "mean predicted rating" },
      color: { field: "member", type: "nominal", legend: g.members.length <= 8 ? {} : null },
      tooltip: [
        { field: "member", type: "nominal" },
        { field: "meanRating", type: "quantitative", format: ".2f" },
        { field: "overlap", type: "quantitative", format: ".0%", title: "in own top-50" },
      ],
    },
  });
  $("group-members").replaceChildren(
    h(
      "table",
      { "aria-label": "How each member fares" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", {}, "member"),
          h("th", {}, "groups"),
          g.methods.map((m) =>
            h("th", { class: "num" }, `${m.method}: mean rating · in own top-50`),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        g.members.map((member, n) =>
          h(
            "tr",
            { class: "member" },
            h("td", {}, member.user),
            h("td", {}, Object.values(member.groups).join(", ")),
            g.methods.map((m) =>
              h(
                "td",
                { class: "num" },
                `${fixed(m.quality.perMember.meanRating[n], 2)} · ${percent(m.quality.perMember.overlap[n], 0)}`,
              ),
            ),
          ),
        ),
      ),
    ),
  );
  $("group-results").replaceChildren(
    ...g.methods.map((m) =>
      h(
        "div",
        { class: "group-method" },
        h(
          "h3",
          {},
          `${m.method}: members' mean rating ${fixed(m.quality.mean.meanRating, 2)} (worst member ${fixed(m.quality.worst.meanRating, 2)}), share in own top-50 ${percent(m.quality.mean.overlap, 0)} (worst ${percent(m.quality.worst.overlap, 0)})`,
        ),
        h(
          "ol",
          { class: "items compact group-list", "aria-label": `${m.method} list` },
          m.items.map((it) =>
            h(
              "li",
              {},
              `${it.title ?? `item ${it.item}`} `,
              h("span", { class: "hint" }, fixed(it.score, 2)),
            ),
          ),
        ),
      ),
    ),
  );
}

// ---- Wiring -----------------------------------------------------------------------------

for (const view of VIEWS) $(`tab-${view}`).addEventListener("click", () => showView(view));
$("profile-attribute").addEventListener("change", () => void loadProfile().catch(() => {}));
$("factor-show").addEventListener("click", () => {
  const value = /** @type {HTMLInputElement} */ ($("factor-input")).value;
  if (value !== "") void showFactor(Number(value)).catch(() => {});
});
$("user-input").addEventListener("input", suggestUsers);
$("user-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const user = /** @type {HTMLInputElement} */ ($("user-input")).value.trim();
  if (user !== "") void loadUser(user).catch(() => {});
});
$("alpha").addEventListener("input", scheduleFairness);
$("fair-attribute").addEventListener("change", scheduleFairness);
$("fair-group").addEventListener("change", scheduleFairness);
$("group-form").addEventListener("submit", (event) => {
  event.preventDefault();
  void buildGroup().catch(() => {});
});

loadOverview()
  .then(() => {
    document.body.dataset.ready = "true";
  })
  .catch((error) => showError(String(error?.message ?? error)));
