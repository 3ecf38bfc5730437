// The dispatchers' live board. No framework: the page fetches its words and its data signed
// with Telegram's initData (Authorization: tma ...), follows changes over a streamed response,
// and sends overrides with the token of what the dispatcher saw.
"use strict";
(() => {
  const base = document.body.dataset.base;
  const $ = (id) => document.getElementById(id);
  const launch = new URLSearchParams(location.hash.slice(1));
  const initData = launch.get("tgWebAppData") || sessionStorage.getItem("tgWebAppData") || "";
  if (launch.get("tgWebAppData")) {
    sessionStorage.setItem("tgWebAppData", initData);
    history.replaceState(null, "", location.pathname + location.search); // keep it out of sight
  }
  const PAGE_ROWS = 150; // a phone shows a screenful; "Show more" and the filters find the rest
  const state = { words: null, site: null, board: null, sort: { groups: ["waited", -1], hosts: ["free", -1] },
    limits: { groups: PAGE_ROWS, hosts: PAGE_ROWS } };
  let numbers = new Intl.NumberFormat("en");

  // -- Telegram: theme colours, ready/expand ---------------------------------------------
  function applyTheme(theme) {
    if (!theme) return;
    const root = document.documentElement.style;
    for (const [key, value] of Object.entries(theme)) {
      if (/^#[0-9a-f]{3,8}$/i.test(value)) root.setProperty("--tg-" + key.replace(/_color$/, "").replace(/_/g, "-"), value);
    }
  }
  function postEvent(type, data) {
    const payload = JSON.stringify(data || {});
    if (window.TelegramWebviewProxy) window.TelegramWebviewProxy.postEvent(type, payload);
    else if (window.external && "notify" in window.external) window.external.notify(JSON.stringify({ eventType: type, eventData: data }));
    else if (window.parent !== window) window.parent.postMessage(JSON.stringify({ eventType: type, eventData: data }), "*");
  }
  function receiveEvent(type, data) {
    if (type === "theme_changed" && data) applyTheme(data.theme_params);
  }
  window.Telegram = { WebView: { receiveEvent } };
  window.addEventListener("message", (event) => {
    try { const m = JSON.parse(event.data); receiveEvent(m.eventType, m.eventData); } catch (e) { /* not ours */ }
  });
  try { applyTheme(JSON.parse(launch.get("tgWebAppThemeParams") || "null")); } catch (e) { /* none */ }

  // -- signed requests ---------------------------------------------------------------------
  async function api(path, body) {
    const options = { headers: { Authorization: "tma " + initData }, cache: "no-store" };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(base + "/api/" + path, options);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw Object.assign(new Error(data.error || response.statusText), { status: response.status });
    return data;
  }

  // Opened outside Telegram, or with a signature the bot refused: said in the browser's language.
  function unsigned() {
    const texts = JSON.parse(document.body.dataset.unsigned || "{}");
    const wanted = (navigator.languages || [navigator.language]).map((l) => l.slice(0, 2));
    return texts[wanted.find((l) => texts[l]) || "en"];
  }
  function notice(text, error) {
    const box = $("notice");
    box.textContent = text;
    box.className = error ? "error" : "";
    box.hidden = !text;
  }

  // -- words -------------------------------------------------------------------------------
  function applyWords(words) {
    document.documentElement.lang = words.locale;
    document.documentElement.dir = words.dir;
    document.title = words.labels.title;
    $("title").textContent = words.labels.title;
    for (const el of document.querySelectorAll("[data-label]")) el.textContent = words.labels[el.dataset.label] || "";
    $("rerun").textContent = words.labels.rerun;
    $("close").textContent = words.labels.close;
    numbers = new Intl.NumberFormat(words.locale, { numberingSystem: "latn" });
    fillSelect($("f-status"), words.statuses, words.labels.all);
    fillSelect($("f-type"), words.types, words.labels.all);
  }
  function fillSelect(select, options, allLabel) {
    const chosen = select.value;
    select.replaceChildren(new Option(allLabel, ""));
    for (const [value, label] of Object.entries(options)) select.add(new Option(label, value));
    select.value = Object.prototype.hasOwnProperty.call(options, chosen) ? chosen : "";
  }

  // -- rendering ---------------------------------------------------------------------------
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = text; if (cls) e.className = cls; return e; };
  const fmt = (n) => (n === null || n === undefined ? "–" : numbers.format(n));

  function renderFigures(board) {
    const w = state.words, f = board.figures, items = [
      [w.labels.beds_offered, f.beds_offered], [w.labels.beds_free, f.beds_free], [w.labels.hosts, f.hosts],
      [w.labels.people_asking, f.people_asking], [w.labels.groups_asking, f.groups_asking],
      ...Object.entries(w.statuses).map(([k, label]) => [label, f.people[k] || 0]),
      ...Object.entries(f.by_type).map(([k, n]) => [w.types[k] || k, n]),
    ];
    $("figures").replaceChildren(...items.map(([label, n]) => {
      const box = el("div", undefined, "figure"); box.append(el("b", fmt(n)), el("span", label)); return box;
    }));
    $("state").textContent = board.round.closed ? w.labels.round_closed : w.labels.round_open;
    $("rerun").hidden = !board.round.closed;
    $("close").hidden = board.round.closed;
  }

  function sorted(rows, [key, direction]) {
    const value = (row) => key === "size" ? row.women + row.men + row.children : key === "languages" ? row.languages.join(",") : row[key];
    return rows.slice().sort((a, b) => {
      const x = value(a), y = value(b);
      if (x === y) return a.id - b.id;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * direction;
    });
  }

  function filteredGroups(board) {
    const status = $("f-status").value, type = $("f-type").value, lang = $("f-lang").value;
    const wait = parseInt($("f-wait").value, 10);
    return board.groups.filter((g) => (!status || g.status === status) && (!type || g.type === type)
      && (!lang || g.languages.includes(lang)) && (isNaN(wait) || (g.waited !== null && g.waited >= wait)));
  }

  // Rows are rebuilt only when their data changed: a board of 800 groups arrives every time
  // anything moves, and most rows are as they were.
  const rowCache = { groups: new Map(), hosts: new Map() };
  function cachedRows(table, rows, build) {
    const cache = rowCache[table], fresh = new Map();
    const trs = rows.map((row) => {
      const key = JSON.stringify(row), old = cache.get(row.id);
      const tr = old && old.key === key ? old.tr : build(row);
      fresh.set(row.id, { key, tr });
      return tr;
    });
    rowCache[table] = fresh;
    return trs;
  }

  function groupRow(g) {
    const w = state.words, tr = el("tr"); tr.dataset.id = g.id;
    const name = el("td", g.alias);
    if (g.walk_in) name.append(" ", el("span", w.labels.walk_in, "tag"));
    const makeUp = [g.women && "👩 " + fmt(g.women), g.men && "👨 " + fmt(g.men), g.children && "🧒 " + fmt(g.children)].filter(Boolean).join(" · ");
    const status = el("td", w.statuses[g.status] || g.status);
    if (g.blocked) status.append(el("span", "⚠️ " + (w.rules[g.blocked] || g.blocked), "blocked"));
    const why = g.reasons.map((c) => w.reasons[c]).filter(Boolean).join(", ");
    const act = el("td");
    if (g.status !== "picked_up") {
      const b = el("button", w.labels.move, "small"); b.type = "button"; b.dataset.move = g.id; act.append(b);
    }
    tr.append(el("td", "#" + g.id, "num"), name, el("td", makeUp, "num"), el("td", w.types[g.type] || "–"),
      el("td", g.languages.join(", ").toUpperCase()), status, el("td", fmt(g.waited), "num"), el("td", g.host || "–"), el("td", why), act);
    return tr;
  }

  function renderGroups(board) {
    const w = state.words, rows = sorted(filteredGroups(board), state.sort.groups);
    const langs = [...new Set(board.groups.flatMap((g) => g.languages))].sort();
    const chosen = $("f-lang").value;
    if (state.languages !== langs.join()) {
      state.languages = langs.join();
      fillSelect($("f-lang"), Object.fromEntries(langs.map((l) => [l, l.toUpperCase()])), w.labels.all);
      $("f-lang").value = langs.includes(chosen) ? chosen : "";
    }
    $("group-count").textContent = fmt(rows.length) + " / " + fmt(board.groups.length);
    const body = $("groups").tBodies[0];
    body.replaceChildren(...cachedRows("groups", rows.slice(0, state.limits.groups), groupRow));
    if (!rows.length) body.append(emptyRow(10));
    $("more-groups").hidden = rows.length <= state.limits.groups;
  }

  function hostRow(h) {
    const w = state.words, tr = el("tr"); tr.dataset.id = h.id;
    const act = el("td"), b = el("button", w.labels.take_out, "small");
    b.type = "button"; b.dataset.out = h.id; act.append(b);
    const phone = el("td"); phone.dir = "ltr"; phone.textContent = h.phone || "–";
    tr.append(el("td", h.name), phone, el("td", fmt(h.beds), "num"), el("td", fmt(h.used), "num"),
      el("td", fmt(h.free), "num"), el("td", h.collects_by, "num"), act);
    return tr;
  }

  function renderHosts(board) {
    const rows = sorted(board.hosts, state.sort.hosts);
    $("host-count").textContent = fmt(rows.length);
    const body = $("hosts").tBodies[0];
    body.replaceChildren(...cachedRows("hosts", rows.slice(0, state.limits.hosts), hostRow));
    if (!rows.length) body.append(emptyRow(7));
    $("more-hosts").hidden = rows.length <= state.limits.hosts;
  }
  // Tonight's drivers and the rides to act on: short lists, rebuilt whole.
  function renderRides(board) {
    const w = state.words, drivers = board.drivers || [], rides = board.rides || [];
    $("driver-count").textContent = fmt(drivers.length);
    $("drivers").tBodies[0].replaceChildren(...drivers.map((d) => {
      const tr = el("tr"), phone = el("td", d.phone || "–"), hours = el("td", d.starts + "–" + d.ends, "num");
      tr.dataset.id = d.id; phone.dir = "ltr"; hours.dir = "ltr"; // a time span reads left to right
      tr.append(el("td", d.name), phone, hours, el("td", fmt(d.seats), "num"),
        el("td", fmt(d.used) + " / " + fmt(d.trips), "num"), el("td", fmt(d.left), "num"));
      return tr;
    }));
    $("drivers").tBodies[0].append(...(board.volunteers || []).map((v) => {
      const tr = el("tr", undefined, "volunteer"), phone = el("td", v.phone || "–"), tag = el("td", w.labels.volunteer, "tag");
      phone.dir = "ltr"; tag.colSpan = 4; tr.append(el("td", v.name), phone, tag);
      return tr;
    }));
    if (!drivers.length && !(board.volunteers || []).length) $("drivers").tBodies[0].append(emptyRow(6));
    const counts = board.ride_counts || {};
    $("ride-figures").replaceChildren(...Object.entries(w.ride_statuses).filter(([k]) => counts[k]).map(([k, label]) => {
      const box = el("div", undefined, "figure"); box.dataset.status = k; box.append(el("b", fmt(counts[k])), el("span", label)); return box;
    }));
    $("ride-count").textContent = fmt(rides.length);
    $("rides").tBodies[0].replaceChildren(...rides.map((r) => {
      const tr = el("tr"); tr.dataset.id = r.id;
      const trouble = [r.driver ? null : w.labels.no_driver, r.late ? w.labels.late : null,
        r.declined ? w.labels.declined + " (" + fmt(r.declined) + ")" : null,
        r.unanswered ? w.labels.unanswered + " (" + fmt(r.unanswered) + ")" : null].filter(Boolean).join(" · ");
      tr.append(el("td", "#" + r.request, "num"), el("td", r.alias), el("td", r.host), el("td", r.driver || "–"),
        el("td", r.meet_at || "–", "num"), el("td", w.ride_statuses[r.status] || r.status), el("td", trouble, "trouble"));
      return tr;
    }));
    if (!rides.length) $("rides").tBodies[0].append(emptyRow(7));
  }
  function emptyRow(span) { const tr = el("tr"), td = el("td", state.words.labels.nothing); td.colSpan = span; tr.append(td); return tr; }

  // The figures first, the long tables a moment later: a change shows at once.
  let tablesDue = false;
  function render() {
    const board = state.board;
    if (!board || !state.words) return;
    renderFigures(board);
    document.body.dataset.version = board.version;
    if (tablesDue) return;
    tablesDue = true;
    setTimeout(() => {
      tablesDue = false;
      renderGroups(state.board); renderHosts(state.board); renderRides(state.board);
      for (const th of document.querySelectorAll("th[data-sort]")) {
        const [key, direction] = state.sort[th.closest("table").id];
        th.setAttribute("aria-sort", th.dataset.sort === key ? (direction > 0 ? "ascending" : "descending") : "none");
      }
    }, 0);
  }

  // -- live stream ------------------------------------------------------------------------
  let stream = null;
  async function follow(siteId) {
    if (stream) stream.abort();
    const controller = new AbortController();
    stream = controller;
    let delay = 500;
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`${base}/api/events?site=${siteId}`, {
          headers: { Authorization: "tma " + initData }, signal: controller.signal, cache: "no-store" });
        if (!response.ok) {
          const data = await response.json().catch(() => ({}));
          notice(data.error || response.statusText, true);
          if (response.status === 401 || response.status === 403) return;
          throw new Error(String(response.status));
        }
        setLive(true); delay = 500;
        await readEvents(response.body.getReader(), (board) => { state.board = board; render(); });
      } catch (error) {
        if (controller.signal.aborted) return;
      }
      setLive(false);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10000);
    }
  }
  async function readEvents(reader, onBoard) {
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const chunk = buffer.slice(0, end); buffer = buffer.slice(end + 2);
        const data = chunk.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
        if (data) onBoard(JSON.parse(data));
      }
    }
  }
  function setLive(on) {
    $("live").textContent = on ? "● " + state.words.labels.live : state.words.labels.reconnecting;
    $("live").className = on ? "pill on" : "pill";
  }

  // -- overrides -----------------------------------------------------------------------------
  function ask(text, choices, withNote) {
    const dialog = $("dialog");
    $("dialog-text").textContent = text;
    $("dialog-choices").replaceChildren(...(choices || []).map((c, i) => {
      const label = el("label"), radio = el("input");
      radio.type = "radio"; radio.name = "choice"; radio.value = c.id; radio.checked = i === 0;
      label.append(radio, el("span", c.name)); return label;
    }));
    $("dialog-note-label").hidden = !withNote;
    $("dialog-note").value = "";
    $("dialog-ok").hidden = choices !== null && choices !== undefined && !choices.length;
    return new Promise((resolve) => {
      dialog.onclose = () => {
        if (dialog.returnValue !== "ok") return resolve(null);
        const picked = dialog.querySelector("input[name=choice]:checked");
        resolve({ choice: picked ? Number(picked.value) : null, note: $("dialog-note").value });
      };
      dialog.returnValue = "";
      dialog.showModal();
    });
  }
  async function run(action, body) {
    try { notice((await api(action, body)).message); }
    catch (error) { notice(error.message, true); }
  }
  async function move(id) {
    const w = state.words, group = state.board.groups.find((g) => g.id === id);
    if (!group) return;
    let targets;
    try { targets = (await api("targets?request=" + id)).targets; } catch (error) { return notice(error.message, true); }
    const text = (targets.length ? w.choose_host : w.no_target).replace("{name}", group.alias);
    const answer = await ask(text, targets, targets.length > 0);
    if (answer && answer.choice !== null) await run("move", { request: id, offer: answer.choice, note: answer.note, token: group.token });
  }
  async function takeOut(id) {
    const host = state.board.hosts.find((h) => h.id === id);
    if (!host) return;
    const answer = await ask(state.words.confirm_take_out.replace("{name}", host.name));
    if (answer) await run("take-out", { offer: id, token: host.token });
  }
  async function roundAction(action, question) {
    const answer = await ask(question);
    if (answer) await run(action, { site: state.site, token: state.board.round.token });
  }

  // -- start ---------------------------------------------------------------------------------
  document.addEventListener("click", (event) => {
    const target = event.target;
    if (target.dataset.move) move(Number(target.dataset.move));
    else if (target.dataset.out) takeOut(Number(target.dataset.out));
    else if (target.dataset.more) { state.limits[target.dataset.more] += PAGE_ROWS; render(); }
    else if (target.id === "rerun") roundAction("rerun", state.words.labels.confirm_rerun);
    else if (target.id === "close") roundAction("close", state.words.labels.confirm_close);
    else if (target.dataset.sort) {
      const table = target.closest("table").id, [key, direction] = state.sort[table];
      state.sort[table] = [target.dataset.sort, key === target.dataset.sort ? -direction : 1];
      render();
    }
  });
  for (const id of ["f-status", "f-type", "f-lang", "f-wait"]) $(id).addEventListener("input", render);

  async function start() {
    postEvent("web_app_ready"); postEvent("web_app_expand");
    if (!initData) { notice(unsigned(), true); return; }
    let words;
    try { words = await api("me"); } catch (error) { notice(error.status === 401 ? unsigned() : error.message, true); return; }
    state.words = words; applyWords(words);
    const select = $("site");
    select.replaceChildren(...words.sites.map((s) => new Option(s.name, s.id)));
    const wanted = Number(new URLSearchParams(location.search).get("site"));
    state.site = words.sites.some((s) => s.id === wanted) ? wanted : (words.sites[0] || {}).id;
    select.value = state.site;
    select.addEventListener("change", () => { state.site = Number(select.value); state.board = null; follow(state.site); });
    if (state.site !== undefined) follow(state.site);
  }
  start();
})();
