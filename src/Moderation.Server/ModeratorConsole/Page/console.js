// The moderator console. Every action is a call of the gRPC API through the server's JSON
// bridge (/api/call/<service>/<method>), with the signed-in moderator's credential: this page
// decides nothing itself, it shows what the API answers.

const UNDO_SECONDS = 5;
const CLAIM_BATCH = 10;
const LEASE = "600s";
const QUEUES = ["QUEUE_PENDING", "QUEUE_REPORTED", "QUEUE_HIDDEN"];
const REASONS = ["REASON_CODE_SPAM", "REASON_CODE_ABUSE", "REASON_CODE_OFF_TOPIC", "REASON_CODE_PERSONAL_INFORMATION", "REASON_CODE_OTHER"];

const state = {
  user: null,
  csrf: "",
  queue: "QUEUE_PENDING",
  items: [],
  selected: 0,
  claimMode: false,
  pending: null,
  history: null,
  historyOpenFor: null,
  events: null,
};

const $ = (id) => document.getElementById(id);

/** An element with attributes and children; text is always set as text, never as HTML. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

/** Replaces a node's children, leaving out the parts that are null (nothing to show). */
function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

class ApiError extends Error {
  constructor(status, body) {
    super(body.message || `HTTP ${status}`);
    this.status = status;
    this.code = body.code || "UNKNOWN";
    this.details = body.details || [];
  }

  detail(type) {
    return this.details.find((d) => (d["@type"] || "").endsWith(type));
  }
}

/** A POST of the request as JSON with the antiforgery token; a failure is an ApiError, an ended session shows the sign-in. */
async function post(path, request) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": state.csrf },
    body: JSON.stringify(request),
    credentials: "same-origin",
  });
  if (response.status === 401) {
    showSignIn("Your session has ended; sign in again.");
  }
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
  return response;
}

async function call(method, request = {}) {
  const response = await post(`/api/call/${method}`, request);
  return response.json().catch(() => ({}));
}

const moderation = (method, request) => call(`moderation.v1.ModerationService/${method}`, request);

/**
 * Calls a server-streaming method with the request as a POST body (it may be too large for a
 * URL) and hands each message to onMessage; an error event ends the stream as an ApiError.
 */
async function stream(method, request, onMessage) {
  const response = await post(`/api/stream/${method}`, request);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const lines = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      const type = lines.find((line) => line.startsWith("event: "))?.slice(7) ?? "message";
      const data = lines.find((line) => line.startsWith("data: "))?.slice(6);
      if (data === undefined) continue;
      if (type === "error") throw new ApiError(400, JSON.parse(data));
      onMessage(JSON.parse(data));
    }
  }
}

// ---- Sign-in -------------------------------------------------------------------------------

async function loadSession() {
  const response = await fetch("/api/session", { credentials: "same-origin" });
  if (!response.ok) return false;
  const session = await response.json();
  state.user = session;
  state.csrf = session.csrfToken;
  return true;
}

function showSignIn(message = "") {
  stopWatching();
  $("app").hidden = true;
  $("sign-in").hidden = false;
  $("sign-in-error").textContent = message;
  $("credential").focus();
}

async function signIn(event) {
  event.preventDefault();
  const credential = $("credential").value.trim();
  const response = await fetch("/api/session", {
    method: "POST",
    headers: { Authorization: `Bearer ${credential}` },
    credentials: "same-origin",
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    $("sign-in-error").textContent = body.message || "Sign-in failed.";
    return;
  }
  $("credential").value = "";
  await start();
}

async function signOut() {
  await fetch("/api/session", { method: "DELETE", headers: { "X-CSRF-TOKEN": state.csrf }, credentials: "same-origin" });
  state.user = null;
  showSignIn();
}

async function start() {
  if (!(await loadSession())) {
    showSignIn();
    return;
  }
  $("sign-in").hidden = true;
  $("app").hidden = false;
  $("who").textContent = `${state.user.name} (${state.user.role})`;
  $("rules-button").hidden = state.user.role !== "admin";
  watch();
  await refresh();
  $("items").focus();
}

// ---- Queues --------------------------------------------------------------------------------

function filters() {
  const articleId = $("article-filter").value.trim();
  return articleId ? { articleId } : {};
}

async function refresh() {
  await Promise.all([loadStats(), state.claimMode ? Promise.resolve() : loadQueue()]);
}

async function loadStats() {
  const { queues } = await moderation("GetQueueStats", filters());
  for (const stats of queues) {
    const depth = document.querySelector(`[data-depth="${stats.queue}"]`);
    const age = document.querySelector(`[data-age="${stats.queue}"]`);
    if (depth) depth.textContent = String(stats.depth);
    if (age) age.textContent = stats.depth > 0 && stats.oldestAge ? `oldest ${formatSeconds(parseFloat(stats.oldestAge))}` : "";
  }
}

async function loadQueue(selectedId = current()?.comment.commentId) {
  const { items } = await moderation("ListQueue", { queue: state.queue, order: $("order").value, pageSize: 100, ...filters() });
  setItems(items, selectedId);
}

async function claimBatch() {
  const held = state.items.filter((item) => item.claimedBy === state.user.name).length;
  const { items } = await moderation("ClaimComments", { queue: state.queue, maxItems: Math.max(1, CLAIM_BATCH - held), leaseDuration: LEASE, ...filters() });
  const known = new Set(state.items.map((item) => item.comment.commentId));
  setItems([...state.items, ...items.filter((item) => !known.has(item.comment.commentId))], current()?.comment.commentId);
  toast(items.length ? `Claimed ${items.length} comment${items.length === 1 ? "" : "s"} for ${formatSeconds(parseFloat(LEASE))}.` : "Nothing left to claim in this queue.");
}

async function setClaimMode(on) {
  $("claim-mode").checked = on;
  if (state.claimMode && !on) {
    const mine = state.items.filter((item) => item.claimedBy === state.user.name).map((item) => item.comment.commentId);
    if (mine.length) await moderation("ReleaseComments", { commentIds: mine });
  }
  state.claimMode = on;
  state.items = [];
  if (on) await claimBatch();
  else await loadQueue();
}

async function selectQueue(queue) {
  if (state.claimMode) await setClaimMode(false);
  state.queue = queue;
  state.selected = 0;
  for (const button of document.querySelectorAll("#queues button")) {
    button.setAttribute("aria-pressed", String(button.dataset.queue === queue));
  }
  await loadQueue();
}

function setItems(items, selectedId) {
  // A decision waiting out its undo window is still in the server's queue: keep it out of the list.
  const deciding = state.pending?.item.comment.commentId;
  state.items = items.filter((item) => item.comment.commentId !== deciding);
  const index = state.items.findIndex((item) => item.comment.commentId === selectedId);
  state.selected = index >= 0 ? index : Math.min(state.selected, Math.max(0, state.items.length - 1));
  renderList();
  renderCard();
}

function current() {
  return state.items[state.selected];
}

function renderList() {
  const list = $("items");
  fill(list, ...state.items.map((item, index) => {
    const comment = item.comment;
    return el("li", {
      role: "option",
      id: `item-${comment.commentId}`,
      "aria-selected": String(index === state.selected),
      "data-comment-id": comment.commentId,
      onclick: () => select(index),
    },
    el("span", { class: "excerpt", text: excerpt(comment.text) }),
    el("span", { class: "meta", text: [authorName(comment), `score ${comment.decision?.score ?? 0}`, item.reportCount ? `${item.reportCount} reports` : null, item.flaggedByRules ? "flagged" : null, item.claimedBy ? `held by ${item.claimedBy}` : null].filter(Boolean).join(" · ") }));
  }));
  if (state.items.length) list.setAttribute("aria-activedescendant", `item-${current().comment.commentId}`);
  $("empty").hidden = state.items.length > 0;
}

function select(index) {
  if (index < 0 || index >= state.items.length) return;
  state.selected = index;
  renderList();
  renderCard();
  document.getElementById(`item-${current().comment.commentId}`)?.scrollIntoView({ block: "nearest" });
}

// ---- The comment card ----------------------------------------------------------------------

/** The text as written, each matched span a <mark> naming its rules. Spans count code points. */
function highlighted(text, reasons) {
  const points = Array.from(text);
  const cuts = new Set([0, points.length]);
  const spans = [];
  for (const reason of reasons) {
    for (const span of reason.spans || []) {
      const start = span.start || 0;
      const end = Math.min(span.end || 0, points.length);
      if (end <= start) continue;
      spans.push({ start, end, reason });
      cuts.add(start);
      cuts.add(end);
    }
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [from, to] = [bounds[i], bounds[i + 1]];
    const part = points.slice(from, to).join("");
    const covering = spans.filter((s) => s.start <= from && to <= s.end).map((s) => s.reason);
    if (!covering.length) {
      nodes.push(document.createTextNode(part));
      continue;
    }
    const label = [...new Set(covering.map((r) => `${r.ruleId} (${r.category}, ${actionName(r.action)})${r.moderatorMessage ? `: ${r.moderatorMessage}` : ""}`))].join("; ");
    nodes.push(el("mark", { class: `action-${actionName(covering[0].action)}`, title: label, "data-rules": [...new Set(covering.map((r) => r.ruleId))].join(" "), text: part }));
  }
  return nodes;
}

function reasonList(reasons) {
  return el("ul", { class: "reason-list" }, reasons.map((reason) => el("li", { class: reason.shadow ? "shadow" : "" },
    el("strong", { text: reason.ruleId }),
    ` ${reason.category} · ${actionName(reason.action)}${reason.shadow ? " · shadow" : ""}`,
    reason.moderatorMessage ? el("div", { class: "message", text: reason.moderatorMessage }) : null)));
}

function renderCard() {
  const card = $("card");
  const item = current();
  if (!item) {
    fill(card, el("p", { class: "empty", text: "Select a comment, or wait for one to arrive." }));
    return;
  }
  const comment = item.comment;
  const decision = comment.decision || { reasons: [] };
  const leaseNote = item.claimedBy
    ? el("p", { class: `lease ${item.claimedBy === state.user.name ? "mine" : "theirs"}`, text: item.claimedBy === state.user.name ? `You hold this comment until ${formatTime(item.leaseExpiresAt)}.` : `Held by ${item.claimedBy} until ${formatTime(item.leaseExpiresAt)}.` })
    : null;
  fill(card,
    leaseNote,
    el("blockquote", { class: "text", lang: "" }, highlighted(comment.text, decision.reasons || [])),
    decision.censoredText && decision.censoredText !== comment.text ? el("p", { class: "censored" }, el("span", { class: "label", text: "Censored: " }), decision.censoredText) : null,
    el("dl", { class: "facts" },
      fact("Verdict", `${verdictName(decision.verdict)} (score ${decision.score ?? 0})`),
      fact("State", stateName(comment.state)),
      fact("Article", comment.articleId),
      comment.parentId ? fact("Reply to", comment.parentId) : null,
      fact("Author", `${authorName(comment)}${accountAge(comment)}`),
      fact("Reports", item.reportCount ? `${item.reportCount}${item.flaggedByRules ? ", and flagged by rules" : ""}` : item.flaggedByRules ? "none; flagged by rules" : "none"),
      fact("Submitted", formatTime(comment.createdAt))),
    el("h2", { text: "Why it is here" }),
    (decision.reasons || []).length ? reasonList(decision.reasons) : el("p", { text: "No rule matched: held by a setting (author or article premoderated) or reported by readers." }),
    el("div", { id: "report-reasons" }),
    el("div", { class: "actions" },
      el("button", { type: "button", class: "approve", onclick: () => decide("VERDICT_APPROVED", "REASON_CODE_UNSPECIFIED", ""), "aria-keyshortcuts": "a" }, el("kbd", { text: "a" }), " Approve"),
      el("button", { type: "button", class: "reject", onclick: openReasonPicker, "aria-keyshortcuts": "r" }, el("kbd", { text: "r" }), " Reject"),
      el("button", { type: "button", onclick: toggleHistory, "aria-keyshortcuts": "h" }, el("kbd", { text: "h" }), " History"),
      el("button", { type: "button", onclick: () => openDrawer(), "aria-keyshortcuts": "o" }, el("kbd", { text: "o" }), " Author")),
    el("div", { id: "history" }));
  renderHistory();
  loadReportReasons(comment.commentId);
}

function fact(term, value) {
  return [el("dt", { text: term }), el("dd", { text: value })];
}

async function loadReportReasons(commentId) {
  const { entries } = await moderation("GetCommentHistory", { commentId, pageSize: 100 }).catch(() => ({ entries: [] }));
  if (current()?.comment.commentId !== commentId) return;
  state.history = { commentId, entries };
  if (state.historyOpenFor === commentId) renderHistory();
  // The reports a moderator has not dismissed yet: those after the last approval that dismissed some.
  const dismissed = entries.findLastIndex((entry) => entry.action === "reports-dismissed");
  const reports = entries.slice(dismissed + 1).filter((entry) => entry.action === "reported");
  const target = $("report-reasons");
  if (target && reports.length) {
    fill(target, el("h2", { text: "Readers' reports" }), el("ul", {}, reports.map((entry) =>
      el("li", { text: `${reasonName(entry.reasonCode)}${entry.note ? `: ${entry.note}` : ""} (${formatTime(entry.occurredAt)})` }))));
  }
}

function toggleHistory() {
  const commentId = current()?.comment.commentId;
  if (!commentId) return;
  state.historyOpenFor = state.historyOpenFor === commentId ? null : commentId;
  renderHistory();
}

// The history stays open for its comment while live updates redraw the card around it. Its
// entries come from the fetch every card makes (loadReportReasons), which draws it on arrival.
function renderHistory() {
  const target = $("history");
  const commentId = current()?.comment.commentId;
  if (!target || !commentId) return;
  if (state.historyOpenFor !== commentId || state.history?.commentId !== commentId) {
    fill(target);
    return;
  }
  const entries = state.history.entries;
  fill(target, el("h2", { text: "History" }), el("ol", { class: "history" }, entries.map((entry) =>
    el("li", {},
      el("strong", { text: `${formatTime(entry.occurredAt)} · ${entry.actor} · ${entry.action}` }),
      ` → ${stateName(entry.state)}${entry.reasonCode && entry.reasonCode !== "REASON_CODE_UNSPECIFIED" ? ` (${reasonName(entry.reasonCode)})` : ""}${entry.note ? `: ${entry.note}` : ""}`,
      entry.ruleIds?.length ? el("div", { class: "message", text: `rules: ${entry.ruleIds.join(", ")}` }) : null,
      entry.text ? el("div", { class: "history-text", text: entry.text }) : null))));
}

// ---- Decisions, with undo ------------------------------------------------------------------

/**
 * A decision waits UNDO_SECONDS before it is sent, so "u" can take it back; the comment leaves
 * the list at once and comes back on undo or when the API refuses the decision.
 */
function decide(verdict, reasonCode, note) {
  const item = current();
  if (!item) return;
  flushPending();
  const index = state.selected;
  state.items.splice(index, 1);
  state.selected = Math.min(index, Math.max(0, state.items.length - 1));
  renderList();
  renderCard();
  const timer = setTimeout(() => send(pending), UNDO_SECONDS * 1000);
  const pending = { item, index, verdict, reasonCode, note, timer };
  state.pending = pending;
  toast(`${verdict === "VERDICT_APPROVED" ? "Approved" : `Rejected (${reasonName(reasonCode)})`}: press u to undo.`);
}

function undo() {
  const pending = state.pending;
  if (!pending) return;
  clearTimeout(pending.timer);
  state.pending = null;
  state.items.splice(Math.min(pending.index, state.items.length), 0, pending.item);
  state.selected = Math.min(pending.index, state.items.length - 1);
  renderList();
  renderCard();
  toast("Undone.");
}

function flushPending() {
  if (state.pending) {
    clearTimeout(state.pending.timer);
    send(state.pending);
  }
}

async function send(pending) {
  if (state.pending === pending) state.pending = null;
  const comment = pending.item.comment;
  try {
    const reply = await moderation("DecideComment", {
      commentId: comment.commentId,
      verdict: pending.verdict,
      reasonCode: pending.reasonCode,
      note: pending.note,
      expectedVersion: comment.version,
    });
    const dismissed = reply.reportsDismissed ? `, ${reply.reportsDismissed} report${reply.reportsDismissed === "1" || reply.reportsDismissed === 1 ? "" : "s"} dismissed` : "";
    toast(`${verdictName(pending.verdict)}: ${excerpt(comment.text, 40)}${dismissed}.`);
    await loadStats();
  } catch (error) {
    await lostRace(pending, error);
  }
}

/** Someone else decided first, or holds the lease: say what happened and show the comment as it is now. */
async function lostRace(pending, error) {
  const comment = pending.item.comment;
  let message = error.message;
  const lease = error.detail("PreconditionFailure")?.violations?.find((v) => v.type === "LEASE_HELD");
  if (lease) {
    message = `Not decided: ${lease.description}`;
  } else if (error.code === "ABORTED") {
    const now = await call("moderation.v1.CommentService/GetComment", { commentId: comment.commentId }).catch(() => null);
    const by = now?.comment?.moderatorDecision?.moderatorId;
    message = now ? `Someone got there first: this comment is now ${stateName(now.comment.state)}${by ? ` (by ${by})` : ""}.` : "Someone changed this comment first.";
  }
  toast(message, true);
  if (state.claimMode) {
    state.items.splice(Math.min(pending.index, state.items.length), 0, pending.item);
    select(Math.min(pending.index, state.items.length - 1));
  } else {
    await loadQueue(comment.commentId);
  }
}

function openReasonPicker() {
  if (!current()) return;
  $("reason-note").value = "";
  $("reason-picker").hidden = false;
  $("reason-picker").querySelector("button").focus();
}

function closeDialogs() {
  $("reason-picker").hidden = true;
  $("help").hidden = true;
  $("drawer").hidden = true;
  $("items").focus();
}

function pickReason(reasonCode) {
  const note = $("reason-note").value.trim();
  $("reason-picker").hidden = true;
  $("items").focus();
  decide("VERDICT_REJECTED", reasonCode, note);
}

// ---- The author drawer ---------------------------------------------------------------------

/** The drawer stays on its author after a ban takes their comments out of the queue. */
async function openDrawer(comment = current()?.comment) {
  if (!comment) return;
  const item = { comment };
  const authorId = comment.authorId;
  const drawer = $("drawer");
  drawer.hidden = false;
  fill(drawer, el("p", { text: "Loading…" }));
  const author = await moderation("GetAuthor", { authorId });
  const comments = author.recentComments || [];
  const untilInput = el("input", { type: "datetime-local", id: "suspend-until", "aria-label": "Suspend until" });
  const rejectPending = el("input", { type: "checkbox", id: "reject-pending", checked: true });
  const setStatus = async (status, extra = {}) => {
    try {
      const reply = await moderation("SetAuthorStatus", { authorId, status, ...extra });
      toast(`${authorName(item.comment)} is now ${authorStatusName(reply.status)}${reply.rejectedPendingCount ? `; ${reply.rejectedPendingCount} pending comments rejected` : ""}.`);
      await refresh();
      await openDrawer(comment);
    } catch (error) {
      toast(error.message, true);
    }
  };
  fill(drawer,
    el("h2", { text: authorName(item.comment) }),
    el("p", { class: "author-status", text: `${authorStatusName(author.status)}${author.suspendedUntil ? ` until ${formatTime(author.suspendedUntil)}` : ""} · ${author.approvedCount} approved · ${author.rejectedCount} rejected${accountAge(item.comment)}` }),
    el("div", { class: "author-actions" },
      el("label", { class: "check" }, rejectPending, " also reject their pending comments"),
      el("button", { type: "button", class: "reject", id: "ban-author", onclick: () => setStatus("AUTHOR_STATUS_BANNED", { rejectPending: rejectPending.checked, note: "Banned from the console." }) }, "Ban"),
      el("span", { class: "suspend" }, untilInput, el("button", { type: "button", onclick: () => untilInput.value ? setStatus("AUTHOR_STATUS_SUSPENDED", { suspendedUntil: new Date(untilInput.value).toISOString() }) : untilInput.focus() }, "Suspend until")),
      el("button", { type: "button", onclick: () => setStatus("AUTHOR_STATUS_PREMODERATED") }, "Premoderate"),
      el("button", { type: "button", onclick: () => setStatus("AUTHOR_STATUS_TRUSTED") }, "Trust"),
      el("button", { type: "button", onclick: () => setStatus("AUTHOR_STATUS_NORMAL") }, "Normal")),
    el("h3", { text: "Their recent comments" }),
    comments.length
      ? el("ul", { class: "author-comments" }, comments.map((c) => el("li", {},
        el("span", { class: "excerpt", text: excerpt(c.text, 80) }),
        el("span", { class: "meta", text: ` ${stateName(c.state)} · rules: ${verdictName(c.decision?.verdict)}${c.moderatorDecision?.moderatorId ? ` · ${verdictName(c.moderatorDecision.verdict)} by ${c.moderatorDecision.moderatorId}` : ""} · ${formatTime(c.createdAt)}` }))))
      : el("p", { text: "None stored." }),
    el("button", { type: "button", onclick: closeDialogs }, "Close (Esc)"));
  drawer.querySelector("#ban-author").focus();
}

// ---- Rules (admins) ------------------------------------------------------------------------

async function openRules() {
  const page = $("rules-page");
  if (!page.hidden) {
    page.hidden = true;
    return;
  }
  page.hidden = false;
  const [rules, stats] = await Promise.all([call("moderation.v1.RulesService/GetRules", {}), call("moderation.v1.RulesService/GetRuleStats", {})]);
  const lastDay = new Map(stats.rules.map((rule) => [rule.ruleId, rule.windows.find((w) => w.window === "STATS_WINDOW_DAY")]));
  const dayTotals = stats.windows.find((w) => w.window === "STATS_WINDOW_DAY");
  const input = el("textarea", { id: "try-text", rows: "4", "aria-label": "A comment to try" });
  const result = el("div", { id: "try-result" });
  fill(page,
    el("h2", { text: `Rules ${rules.version}` }),
    el("p", { text: `From ${rules.source}, loaded ${formatTime(rules.loadedAt)}.` }),
    el("form", { class: "try", onsubmit: async (event) => {
      event.preventDefault();
      const { decision } = await call("moderation.v1.RulesService/TestComment", { text: input.value });
      fill(result,
        el("p", { text: `${verdictName(decision.verdict)} (score ${decision.score})` }),
        el("blockquote", { class: "text" }, highlighted(input.value, decision.reasons)),
        reasonList(decision.reasons));
    } }, el("label", { for: "try-text", text: "Try a comment" }), input, el("button", { type: "submit" }, "Test")),
    result,
    backtestForm(),
    demotedNotice(rules),
    el("p", { id: "stats-window", text: `Last day: ${dayTotals?.comments ?? 0} new comments since ${formatTime(dayTotals?.since)}, counted by every instance.` }),
    el("table", { class: "rules" },
      el("thead", {}, el("tr", {}, ["Rule", "Category", "Action", "Terms", "Last day", "Brake", "Moderator message"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, [...rules.rules, ...rules.builtInReasons].map((rule) => el("tr", { class: rule.shadow || rule.demoted ? "shadow" : "", "data-rule": rule.id },
        el("td", { text: rule.id }), el("td", { text: rule.category }), el("td", { text: `${actionName(rule.action)}${rule.shadow ? " (shadow)" : ""}` }),
        el("td", { text: String(rule.termCount || "") }), el("td", { class: "stats", text: statsText(lastDay.get(rule.id)) }), brakeCell(rule, rules.brakeEnabled), el("td", { text: rule.moderatorMessage }))))));
}

/** A rule's last day: matches, the comments it decided and their share, and how often moderators overturned it. */
function statsText(day) {
  const matches = Number(day?.matches ?? 0);
  if (!matches) return "no matches";
  const percent = (share) => `${Math.round(Number(share ?? 0) * 100)} %`;
  const reviewed = Number(day.reviewed ?? 0);
  return [`${matches} matches`, `decided ${day.decided ?? 0} (${percent(day.decidedShare)} of comments)`,
    reviewed ? `${day.overturned ?? 0} of ${reviewed} reviews overturned (${percent(day.overturnRate)})` : "none reviewed"].join(" · ");
}

/** A candidate rules file replayed over the last day's comments (BacktestRules): progress, then what would change. */
function backtestForm() {
  const input = el("textarea", { id: "backtest-rules", rows: "6", spellcheck: "false", "aria-label": "A candidate rules file (YAML)" });
  const output = el("div", { id: "backtest-result", "aria-live": "polite" });
  const start = el("button", { type: "submit" }, "Backtest on the last 24 hours");
  return el("form", { class: "backtest", onsubmit: async (event) => {
    event.preventDefault();
    start.disabled = true;
    fill(output, el("p", { text: "Reading recent comments…" }));
    try {
      await stream("moderation.v1.RulesService/BacktestRules", { content: input.value, window: "86400s" }, (message) => {
        if (message.progress) fill(output, el("p", { text: `Scanned ${message.progress.scanned} comments, ${message.progress.changed} would change…` }));
        if (message.summary) fill(output, ...backtestSummary(message.summary));
      });
    } catch (error) {
      fill(output, el("p", { class: "error", role: "alert", text: error.message }));
    } finally {
      start.disabled = false;
    }
  } }, el("label", { for: "backtest-rules", text: "Backtest a rules file" }), input, start, output);
}

function backtestSummary(summary) {
  return [
    el("p", { id: "backtest-totals", text: `${summary.changed} of ${summary.scanned} comments would change (rules ${summary.candidateVersion})${summary.complete ? "" : "; stopped at the comment limit"}.` }),
    el("ul", { class: "directions" }, summary.directions.map((d) => el("li", { text: `${verdictName(d.fromVerdict)} → ${verdictName(d.toVerdict)}: ${d.count}` }))),
    el("ul", { class: "rule-changes" }, summary.rules.map((r) => el("li", { text: `${r.ruleId}: ${r.newlyMatching} newly matching, ${r.noLongerMatching} no longer matching` }))),
    summary.samples.length === 0 ? null : el("table", { class: "samples" },
      el("thead", {}, el("tr", {}, ["Comment", "Before", "After", "Rules after"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, summary.samples.map((sample) => el("tr", {},
        el("td", { text: sample.commentId }), el("td", { text: verdictName(sample.verdictBefore) }), el("td", { text: verdictName(sample.verdictAfter) }),
        el("td", { text: sample.reasonsAfter.map((reason) => reason.ruleId).join(", ") }))))),
  ];
}

/** The rules the emergency brake demoted to shadow, named above the table. */
function demotedNotice(rules) {
  const demoted = rules.rules.filter((rule) => rule.demoted);
  return demoted.length === 0 ? null : el("p", { id: "demoted", class: "notice", role: "status", text: `Demoted to shadow by the emergency brake: ${demoted.map((rule) => rule.id).join(", ")}. They are reported but decide nothing until restored.` });
}

/** Whether the brake watches a rule, and for a demoted one the figures that tripped it and a way back. */
function brakeCell(rule, brakeEnabled) {
  const demotion = rule.demoted;
  if (!demotion) {
    return el("td", { text: !brakeEnabled ? "off" : rule.watchedByBrake ? "watching" : "—" });
  }
  const figures = `demoted ${formatTime(demotion.demotedAt)}: ${demotion.recentMatches} matches in ${durationText(demotion.recentWindow)} (${demotion.recentPerMinute.toFixed(1)}/min against a baseline of ${(demotion.baselinePerMinute ?? 0).toFixed(1)}/min)`;
  const restore = el("button", { type: "button", class: "restore", onclick: async () => {
    restore.disabled = true;
    try {
      await call("moderation.v1.RulesService/RestoreRule", { ruleId: rule.id });
      toast(`${rule.id} restored: it decides again.`);
      $("rules-page").hidden = true;
      await openRules();
    } catch (error) {
      restore.disabled = false;
      toast(error.message, true);
    }
  } }, `Restore ${rule.id}`);
  return el("td", {}, el("span", { text: figures }), " ", restore);
}

/** A protobuf-JSON duration ("300s") as minutes or seconds. */
function durationText(duration) {
  const seconds = Number.parseFloat(String(duration ?? "0").replace("s", ""));
  return seconds >= 60 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
}

// ---- Live updates --------------------------------------------------------------------------

let refreshTimer = null;

function watch() {
  stopWatching();
  const request = encodeURIComponent(JSON.stringify({}));
  const events = new EventSource(`/api/stream/moderation.v1.ModerationService/WatchQueue?request=${request}`);
  events.onmessage = (message) => {
    const event = JSON.parse(message.data);
    const depth = document.querySelector(`[data-depth="${event.queue}"]`);
    if (depth) depth.textContent = String(event.depth);
    if (state.claimMode && !event.entered && event.queue === state.queue) {
      const index = state.items.findIndex((item) => item.comment.commentId === event.commentId);
      if (index >= 0 && index !== state.selected) {
        state.items.splice(index, 1);
        if (index < state.selected) state.selected--;
        renderList();
      }
    }
    // Many events come at once in a busy thread: refresh once they settle.
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => refresh().catch(() => {}), 250);
  };
  events.addEventListener("error", () => {
    if (events.readyState === EventSource.CLOSED) setTimeout(watch, 2000);
  });
  state.events = events;
}

function stopWatching() {
  state.events?.close();
  state.events = null;
}

// ---- Keys ----------------------------------------------------------------------------------

function onKey(event) {
  if ($("app").hidden || event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName);
  if (event.key === "Escape") {
    closeDialogs();
    return;
  }
  if (!$("reason-picker").hidden) {
    if (event.key >= "1" && event.key <= "5" && event.target.id !== "reason-note") {
      event.preventDefault();
      pickReason(REASONS[Number(event.key) - 1]);
    } else if (event.key === "n" && event.target.id !== "reason-note") {
      event.preventDefault();
      $("reason-note").focus();
    } else if (event.key === "Enter" && event.target.id === "reason-note") {
      event.preventDefault();
      pickReason("REASON_CODE_OTHER");
    }
    return;
  }
  if (typing) return;
  const actions = {
    j: () => select(state.selected + 1),
    ArrowDown: () => select(state.selected + 1),
    k: () => select(state.selected - 1),
    ArrowUp: () => select(state.selected - 1),
    a: () => decide("VERDICT_APPROVED", "REASON_CODE_UNSPECIFIED", ""),
    r: openReasonPicker,
    u: undo,
    o: () => openDrawer(),
    h: toggleHistory,
    c: () => setClaimMode(!state.claimMode),
    1: () => selectQueue(QUEUES[0]),
    2: () => selectQueue(QUEUES[1]),
    3: () => selectQueue(QUEUES[2]),
    "?": () => {
      $("help").hidden = false;
      $("help").focus();
    },
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    Promise.resolve(action()).catch((error) => toast(error.message, true));
  }
}

// ---- Formatting ----------------------------------------------------------------------------

function toast(message, isError = false) {
  const node = $("toast");
  node.textContent = message;
  node.classList.toggle("error", isError);
}

const excerpt = (text, length = 120) => (Array.from(text).length > length ? `${Array.from(text).slice(0, length).join("")}…` : text);
const strip = (value, prefix) => (value || "").replace(prefix, "").toLowerCase().replaceAll("_", " ");
const actionName = (action) => strip(action, "RULE_ACTION_");
const verdictName = (verdict) => strip(verdict, "VERDICT_");
const stateName = (s) => strip(s, "COMMENT_STATE_");
const reasonName = (reason) => strip(reason, "REASON_CODE_");
const authorStatusName = (status) => strip(status, "AUTHOR_STATUS_");
const authorName = (comment) => comment.author?.displayName || comment.authorId;

function accountAge(comment) {
  const created = comment.author?.createdAt;
  if (!created) return "";
  const days = Math.floor((Date.now() - Date.parse(created)) / 86400000);
  return ` · account ${days < 1 ? "less than a day" : `${days} day${days === 1 ? "" : "s"}`} old`;
}

function formatTime(timestamp) {
  return timestamp ? new Date(timestamp).toLocaleString() : "";
}

function formatSeconds(seconds) {
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

// ---- Wiring --------------------------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  $("rules-button").addEventListener("click", () => openRules().catch((error) => toast(error.message, true)));
  $("claim-mode").addEventListener("change", (event) => setClaimMode(event.target.checked).catch((error) => toast(error.message, true)));
  $("order").addEventListener("change", () => loadQueue());
  $("article-filter").addEventListener("change", () => refresh());
  for (const button of document.querySelectorAll("#queues button")) {
    button.addEventListener("click", () => selectQueue(button.dataset.queue));
  }
  for (const button of document.querySelectorAll("#reason-picker button")) {
    button.addEventListener("click", () => pickReason(button.dataset.reason));
  }
  document.addEventListener("keydown", onKey);
  window.addEventListener("pagehide", flushPending);
  document.querySelector(`#queues button[data-queue="${state.queue}"]`).setAttribute("aria-pressed", "true");
  start();
});
