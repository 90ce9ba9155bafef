// The room's pages (board and seat), served from the package: no framework, no CDN. Every
// text from the drill goes into the page as a text node, never as markup. The view comes
// whole over Server-Sent Events, so a reload or a reconnect shows exactly where the drill
// is. A seat's entries wait in a queue kept in the browser until the server says "saved"
// (after its fsync); each has an id made here, so one sent twice is logged once.
(() => {
  const body = document.body;
  const base = body.dataset.base || "";
  const zh = body.dataset.lang === "zh";
  // Statuses, blocker kinds, kinds of note and ratings, in the words the console and the
  // review use (src/core/terms.ts), given by the page.
  const T = JSON.parse(body.dataset.terms);
  const W = zh
    ? {
        connecting: "连接中…",
        offline: "离线：记录将在恢复连接后发送",
        speed: "倍速",
        paused: "已暂停",
        ended: "推演已结束",
        latest: "最新情景",
        noInject: "尚未下达情景",
        mustAct: "须处置：",
        everyone: "全体",
        open: "待办",
        nothingOpen: "暂无待办",
        done: (n) => `已完成 ${n}`,
        left: (m) => `剩 ${m} 分钟`,
        overdue: (m) => `逾期 ${m} 分钟`,
        blocked: "受阻",
        recent: "最新记录",
        injects: "本组情景",
        allInjects: "已下达情景",
        decision: "记录决策",
        answers: "回应",
        improvised: "临机处置（预案外）",
        status: "状态",
        text: "内容",
        blocker: "阻碍",
        none: "无",
        blockerText: "阻碍说明",
        minutesAgo: "发生于几分钟前（情景时间，0 为刚刚）",
        save: "保存",
        note: "记录观察",
        kind: "类别",
        group: "小组",
        inject: "情景",
        objective: "目标",
        rating: "评级",
        any: "（不限）",
        message: "致导调消息",
        send: "发送",
        mine: "本席位记录",
        queued: (n) => `待发送 ${n} 条`,
        saved: (seq) => `已保存 #${seq}`,
        savedMark: "已保存",
        waiting: "待发送",
        rejected: (why) => `被拒绝：${why}`,
        sent: "已发送给导调",
        retracted: "已撤回",
        corrected: "已更正",
      }
    : {
        connecting: "Connecting…",
        offline: "Offline: entries are sent when the connection is back",
        speed: "speed",
        paused: "paused",
        ended: "the drill has ended",
        latest: "Latest inject",
        noInject: "No inject delivered yet",
        mustAct: "Must act: ",
        everyone: "everyone",
        open: "Open actions",
        nothingOpen: "nothing open",
        done: (n) => `${n} done`,
        left: (m) => `${m} min left`,
        overdue: (m) => `overdue ${m} min`,
        blocked: "blocked",
        recent: "Latest entries",
        injects: "Your injects",
        allInjects: "Injects delivered",
        decision: "Log a decision",
        answers: "Answers",
        improvised: "improvised (not in the plan)",
        status: "Status",
        text: "Text",
        blocker: "Blocker",
        none: "none",
        blockerText: "What blocked it",
        minutesAgo: "Happened how many minutes ago (scenario time; 0: just now)",
        save: "Save",
        note: "Log an observation",
        kind: "Kind",
        group: "Group",
        inject: "Inject",
        objective: "Objective",
        rating: "Rating",
        any: "(any)",
        message: "Message to control",
        send: "Send",
        mine: "This seat's entries",
        queued: (n) => `${n} waiting to be sent`,
        saved: (seq) => `saved #${seq}`,
        savedMark: "saved",
        waiting: "waiting",
        rejected: (why) => `refused: ${why}`,
        sent: "sent to control",
        retracted: "retracted",
        corrected: "corrected",
      };

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const app = document.getElementById("app");
  let view;
  let receivedAt = 0;
  let online = false;

  function nowT() {
    if (!view) return 0;
    const c = view.clock;
    return c.running && !c.ended ? c.t + ((Date.now() - receivedAt) * c.speed) / 60000 : c.t;
  }

  const pad = (n) => String(n).padStart(2, "0");
  function clockText(t) {
    const m = Math.floor(t + 1e-9);
    return `T+${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
  }

  function timeLeft(deadline) {
    const d = deadline - nowT();
    const m = Math.max(1, Math.ceil(Math.abs(d) - 1e-9));
    return d < 0 ? el("span", { class: "late" }, W.overdue(m)) : el("span", {}, W.left(m));
  }

  function clockBar() {
    const c = view.clock;
    return el(
      "div",
      { class: "bar" },
      el("span", { class: "clock", "data-clock": "" }, clockText(nowT())),
      el("span", { class: "dim" }, `${W.speed} ×${c.speed}`),
      c.ended
        ? el("span", { class: "dim" }, W.ended)
        : !c.running && el("span", { class: "late" }, W.paused),
      !online && el("span", { class: "offline" }, W.offline),
    );
  }

  function injectPanel(inject, large) {
    return el(
      "section",
      { class: "panel inject", "data-inject": inject.id },
      el("div", { class: "dim" }, `${inject.id} · ${clockText(inject.at)}`),
      el(large ? "h2" : "h3", { class: "pre" }, inject.title),
      el("div", { class: "message pre" }, inject.message),
      el("div", { class: "dim" }, W.mustAct, inject.to.length ? inject.to.join("、") : W.everyone),
    );
  }

  function groupPanel(group) {
    return el(
      "section",
      { class: "panel", "data-group": group.id },
      el("h3", { class: "pre" }, group.name),
      group.open.length === 0
        ? el("div", { class: "dim" }, W.nothingOpen)
        : el(
            "ul",
            {},
            group.open.map((open) =>
              el(
                "li",
                { "data-expectation": open.id },
                el("span", { class: "pre" }, `${open.id} ${open.action}`),
                " — ",
                open.blocked ? `${W.blocked} · ` : "",
                timeLeft(open.deadline),
              ),
            ),
          ),
      el("div", { class: "dim" }, W.done(group.done)),
    );
  }

  function entryLine(entry) {
    return el(
      "li",
      { "data-seq": entry.seq },
      el("span", { class: "dim" }, `#${entry.seq} `),
      entry.group ? el("span", { class: "dim" }, `${entry.group} · `) : "",
      entry.status
        ? el("span", { class: "dim" }, `${T.statuses[entry.status] || entry.status} · `)
        : "",
      el("span", { class: "pre" }, entry.text),
      entry.retracted ? el("span", { class: "late" }, ` (${W.retracted})`) : "",
      entry.corrected ? el("span", { class: "dim" }, ` (${W.corrected})`) : "",
    );
  }

  // ── the board ─────────────────────────────────────────────────────────

  function renderBoard() {
    app.replaceChildren(
      el(
        "div",
        { class: "bar" },
        el("h1", { class: "pre" }, view.title),
        view.site ? el("h2", { class: "dim pre" }, view.site) : "",
      ),
      clockBar(),
      view.latest
        ? injectPanel(view.latest, true)
        : el("section", { class: "panel dim" }, W.noInject),
      el("div", { class: "groups" }, view.groups.map(groupPanel)),
      view.recent.length
        ? el(
            "section",
            { class: "panel" },
            el("h3", {}, W.recent),
            el("ul", {}, view.recent.map(entryLine)),
          )
        : "",
    );
  }

  // ── a seat ────────────────────────────────────────────────────────────

  const queueKey = `drillbook-room:${base}`;
  const outcomes = new Map();
  function loadQueue() {
    try {
      return JSON.parse(localStorage.getItem(queueKey) || "[]");
    } catch {
      return [];
    }
  }
  function saveQueue(queue) {
    localStorage.setItem(queueKey, JSON.stringify(queue));
  }
  function newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  let sending = false;
  async function flush() {
    if (sending) return;
    sending = true;
    try {
      for (let queue = loadQueue(); queue.length > 0; queue = loadQueue()) {
        const item = queue[0];
        let response;
        try {
          response = await fetch(`${base}/entries`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(item.body),
          });
        } catch {
          break; // offline: kept, sent again when the connection is back
        }
        if (response.status === 429 || response.status >= 500) break;
        const answer = await response.json().catch(() => ({}));
        outcomes.set(
          item.body.id,
          response.ok
            ? { ok: true, text: answer.seq ? W.saved(answer.seq) : W.sent }
            : { ok: false, text: W.rejected(answer.error || response.status) },
        );
        saveQueue(loadQueue().filter((q) => q.body.id !== item.body.id));
        renderStatus();
      }
    } finally {
      sending = false;
      renderStatus();
    }
  }
  setInterval(() => {
    if (loadQueue().length > 0) flush();
  }, 2000);
  /** Connected or not, as the page shows it; back online, the queue is sent. */
  function setOnline(yes) {
    online = yes;
    body.dataset.connected = yes ? "1" : "0";
    render();
    if (yes) flush();
  }
  window.addEventListener("online", () => setOnline(true));
  window.addEventListener("offline", () => setOnline(false));

  function enqueue(entry, label) {
    const body = { id: newId(), happenedAt: Date.now(), ...entry };
    saveQueue([...loadQueue(), { body, label }]);
    outcomes.set(body.id, { ok: true, text: W.waiting, label });
    renderStatus();
    flush();
  }

  const select = (name, options, value) =>
    el(
      "select",
      { name },
      options.map(([v, text]) => {
        const option = el("option", { value: v }, text);
        if (v === value) option.selected = true;
        return option;
      }),
    );
  const field = (label, control) => el("label", {}, label, control);
  /** "It happened N minutes ago" (scenario minutes), when the seat says so. */
  const minutesAgo = (data) => {
    const n = Number(data.get("minutesAgo") || 0);
    return Number.isFinite(n) && n > 0 ? { minutesAgo: n } : {};
  };

  let built = false;
  const parts = {};

  function buildSeat() {
    built = true;
    parts.head = el("div", {});
    parts.injects = el("div", {});
    parts.open = el("div", {});
    parts.status = el("div", { id: "status" });
    parts.mine = el("ul", { id: "mine" });
    const forms = [];
    if (view.seat.kind === "group") {
      parts.answers = el("select", { name: "answers" });
      const form = el(
        "form",
        { id: "decision", class: "panel" },
        el("h3", {}, W.decision),
        field(W.answers, parts.answers),
        field(
          W.status,
          select(
            "status",
            view.statuses.map((s) => [s, T.statuses[s] || s]),
            "done",
          ),
        ),
        field(W.text, el("textarea", { name: "text", required: true, maxlength: 2000 })),
        field(
          W.blocker,
          select(
            "blockerKind",
            [["", W.none], ...view.blockerKinds.map((k) => [k, T.blockers[k] || k])],
            "",
          ),
        ),
        field(W.blockerText, el("input", { name: "blockerText", maxlength: 2000 })),
        field(
          W.minutesAgo,
          el("input", { name: "minutesAgo", type: "number", min: 0, step: 1, value: 0 }),
        ),
        el("button", { type: "submit" }, W.save),
      );
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const answers = String(data.get("answers") || "");
        const text = String(data.get("text") || "").trim();
        if (!text) return;
        const blockerKind = String(data.get("blockerKind") || "");
        const decision = {
          status: String(data.get("status")),
          text,
          ...(answers.startsWith("e:") ? { expectation: answers.slice(2) } : {}),
          ...(answers.startsWith("i:") ? { inject: answers.slice(2) } : {}),
          ...(blockerKind
            ? { blocker: { kind: blockerKind, text: String(data.get("blockerText") || "") } }
            : {}),
        };
        enqueue({ decision, ...minutesAgo(data) }, text);
        form.reset();
      });
      forms.push(form);
    } else {
      parts.noteGroup = el("select", { name: "group" });
      parts.noteInject = el("select", { name: "inject" });
      const form = el(
        "form",
        { id: "note", class: "panel" },
        el("h3", {}, W.note),
        field(
          W.kind,
          select(
            "kind",
            ["strength", "improvement", "neutral"].map((k) => [k, T.kinds[k]]),
            "strength",
          ),
        ),
        field(W.group, parts.noteGroup),
        field(W.inject, parts.noteInject),
        field(
          W.objective,
          select(
            "objective",
            [["", W.any], ...view.objectives.map((o) => [o.id, `${o.id} ${o.title}`])],
            "",
          ),
        ),
        field(
          W.rating,
          select(
            "rating",
            [["", W.none], ...["P", "S", "M", "U"].map((r) => [r, `${r} · ${T.ratings[r]}`])],
            "",
          ),
        ),
        field(W.text, el("textarea", { name: "text", required: true, maxlength: 2000 })),
        field(
          W.minutesAgo,
          el("input", { name: "minutesAgo", type: "number", min: 0, step: 1, value: 0 }),
        ),
        el("button", { type: "submit" }, W.save),
      );
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const text = String(data.get("text") || "").trim();
        if (!text) return;
        const pick = (name) => String(data.get(name) || "");
        const note = {
          kind: pick("kind"),
          text,
          ...(pick("group") ? { group: pick("group") } : {}),
          ...(pick("inject") ? { inject: pick("inject") } : {}),
          ...(pick("objective") ? { objective: pick("objective") } : {}),
          ...(pick("rating") && pick("objective") ? { rating: pick("rating") } : {}),
        };
        enqueue({ note, ...minutesAgo(data) }, text);
        form.reset();
      });
      forms.push(form);
    }
    const message = el(
      "form",
      { id: "message", class: "panel" },
      el("h3", {}, W.message),
      el("input", { name: "message", maxlength: 2000, required: true }),
      el("button", { type: "submit" }, W.send),
    );
    message.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = String(new FormData(message).get("message") || "").trim();
      if (!text) return;
      enqueue({ message: text }, text);
      message.reset();
    });
    app.replaceChildren(
      parts.head,
      parts.status,
      parts.injects,
      parts.open,
      ...forms,
      message,
      el("section", { class: "panel" }, el("h3", {}, W.mine), parts.mine),
    );
  }

  /** Replaces a select's options, keeping what was chosen if it is still there. */
  function setOptions(node, options) {
    const value = node.value;
    node.replaceChildren(...options.map(([v, text]) => el("option", { value: v }, text)));
    if (options.some(([v]) => v === value)) node.value = value;
  }

  function renderStatus() {
    if (!parts.status) return;
    const queued = loadQueue().length;
    parts.status.replaceChildren(
      queued ? el("div", { class: "late", "data-queued": queued }, W.queued(queued)) : "",
      el(
        "ul",
        {},
        [...outcomes.entries()]
          .slice(-5)
          .reverse()
          .map(([id, o]) =>
            el("li", { class: o.ok ? "saved" : "rejected", "data-entry": id }, o.text),
          ),
      ),
    );
    body.dataset.queued = String(queued);
  }

  function renderSeat() {
    if (!built) buildSeat();
    parts.head.replaceChildren(
      el("h1", { class: "pre" }, view.seat.name),
      el("div", { class: "dim pre" }, view.title),
      clockBar(),
    );
    parts.injects.replaceChildren(
      el("h2", {}, view.seat.kind === "group" ? W.injects : W.allInjects),
      ...(view.injects.length
        ? view.injects.map((inject) => injectPanel(inject, false))
        : [el("div", { class: "dim" }, W.noInject)]),
    );
    parts.open.replaceChildren(...(view.seat.kind === "group" ? view.groups.map(groupPanel) : []));
    if (parts.answers) {
      const open = view.groups.flatMap((group) => group.open);
      setOptions(parts.answers, [
        ...open.map((o) => [`e:${o.id}`, `${o.id} ${o.action}`]),
        ...view.injects.map((i) => [`i:${i.id}`, `${W.improvised} · ${i.id} ${i.title}`]),
        ["", W.improvised],
      ]);
    }
    if (parts.noteGroup) {
      setOptions(parts.noteGroup, [["", W.any], ...view.groups.map((g) => [g.id, g.name])]);
      setOptions(parts.noteInject, [
        ["", W.any],
        ...view.injects.map((i) => [i.id, `${i.id} ${i.title}`]),
      ]);
    }
    parts.mine.replaceChildren(...view.entries.map(entryLine));
    renderStatus();
  }

  function render() {
    if (!view) return;
    if (view.page === "board") renderBoard();
    else renderSeat();
    body.dataset.seq = String(view.seq);
  }

  function renderClock() {
    if (!view) return;
    if (view.page === "board") renderBoard();
    else {
      for (const node of document.querySelectorAll("[data-clock]"))
        node.textContent = clockText(nowT());
      // The time left on each open action moves with the clock.
      if (parts.open && view.seat.kind === "group")
        parts.open.replaceChildren(...view.groups.map(groupPanel));
    }
  }
  setInterval(renderClock, 1000);

  const source = new EventSource(`${base}/events`);
  source.addEventListener("open", () => setOnline(true));
  source.addEventListener("error", () => setOnline(false));
  source.addEventListener("message", (event) => {
    view = JSON.parse(event.data);
    receivedAt = Date.now();
    online = true;
    body.dataset.connected = "1";
    render();
  });
})();
