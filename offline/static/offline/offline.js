// CivNet's offline outbox (docs/offline.md). Enhances forms marked data-offline="<kind>": with no connection,
// their fields are sealed for the server's public key (ephemeral ECDH P-256, HKDF-SHA256, AES-256-GCM, with Web
// Crypto) and kept in IndexedDB; they are sent, each once, on page load, when the browser comes back online and
// with "Send now". Every word shown comes from the page (the JSON element #offline-config, translated by Django).
// Without this script, or without Web Crypto, the forms work online as before.
(function () {
  "use strict";
  const element = document.getElementById("offline-config");
  if (!element || !window.indexedDB) return;
  const C = JSON.parse(element.textContent);
  const T = C.t;
  const fmt = (text, values) => text.replace(/%\((\w+)\)s/g, (all, key) => (key in values ? String(values[key]) : all));
  const isCopy = document.documentElement.hasAttribute("data-offline-copy");
  const isFallback = Boolean(document.querySelector("[data-offline-fallback]"));
  const canSeal = Boolean(window.crypto && crypto.subtle && crypto.randomUUID);
  const PAGES = "civnet-pages";
  const INFLIGHT = "civnet-outbox-inflight"; // sessionStorage: the id of the record this tab is sending by the form
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  // --- IndexedDB: one store of records keyed by id ---------------------------------------------------------------
  let opened = null;
  function db() {
    if (!opened) {
      opened = new Promise((resolve, reject) => {
        const request = indexedDB.open("civnet-outbox", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("records", { keyPath: "id" });
        request.onsuccess = () => {
          const database = request.result;
          database.onversionchange = () => {
            database.close();
            opened = null;
          };
          resolve(database);
        };
        request.onerror = () => reject(request.error);
      });
    }
    return opened;
  }
  function inStore(mode, action) {
    return db().then(
      (database) =>
        new Promise((resolve, reject) => {
          const transaction = database.transaction("records", mode);
          const request = action(transaction.objectStore("records"));
          transaction.oncomplete = () => resolve(request.result);
          transaction.onerror = transaction.onabort = () => reject(transaction.error);
        }),
    );
  }
  const all = () => inStore("readonly", (store) => store.getAll());
  const get = (id) => inStore("readonly", (store) => store.get(id));
  const put = (record) => inStore("readwrite", (store) => store.put(record));
  const remove = (id) => inStore("readwrite", (store) => store.delete(id));

  // --- sealing for the server (offline/crypto.py opens it) --------------------------------------------------------
  const b64 = {
    encode(buffer) {
      let text = "";
      new Uint8Array(buffer).forEach((byte) => (text += String.fromCharCode(byte)));
      return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    },
    decode(text) {
      return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    },
  };
  const utf8 = (text) => new TextEncoder().encode(text);

  async function seal(payload, id, kind) {
    const subtle = crypto.subtle;
    const curve = { name: "ECDH", namedCurve: "P-256" };
    const serverRaw = b64.decode(C.key.x);
    const server = await subtle.importKey("raw", serverRaw, curve, false, []);
    const ephemeral = await subtle.generateKey(curve, false, ["deriveBits"]);
    const epk = new Uint8Array(await subtle.exportKey("raw", ephemeral.publicKey));
    const shared = await subtle.deriveBits({ name: "ECDH", public: server }, ephemeral.privateKey, 256);
    const salt = new Uint8Array(epk.length + serverRaw.length);
    salt.set(epk);
    salt.set(serverRaw, epk.length);
    const hkdf = await subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
    const key = await subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt, info: utf8("CivNet outbox v1") },
      hkdf,
      { name: "AES-GCM", length: 256 },
      false,
      ["encrypt"],
    );
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const additionalData = utf8(`civnet-outbox-v1|${id}|${kind}|${C.key.kid}`);
    const ct = await subtle.encrypt({ name: "AES-GCM", iv, additionalData }, key, utf8(JSON.stringify(payload)));
    return JSON.stringify({ v: 1, kid: C.key.kid, epk: b64.encode(epk), iv: b64.encode(iv), ct: b64.encode(ct) });
  }

  // --- making a record of a form ---------------------------------------------------------------------------------
  function fieldsOf(form, submitter) {
    let data;
    try {
      data = new FormData(form, submitter || null);
    } catch (error) {
      data = new FormData(form);
      if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    }
    const pairs = [];
    for (const [name, value] of data) {
      if (typeof value === "string" && name !== "csrfmiddlewaretoken") pairs.push([name, value]);
    }
    // data-offline-set="name=value&…": what a record sent later needs in place of a choice made online.
    if (form.dataset.offlineSet) {
      for (const [name, value] of new URLSearchParams(form.dataset.offlineSet)) {
        for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i][0] === name) pairs.splice(i, 1);
        pairs.push([name, value]);
      }
    }
    return pairs;
  }

  async function makeRecord(form, submitter, id, status) {
    const kind = form.dataset.offline;
    const action = new URL(form.getAttribute("action") || location.href, location.href);
    const createdAt = new Date().toISOString();
    const payload = {
      v: 1,
      id,
      kind,
      user: C.user,
      url: action.pathname + action.search,
      page: location.pathname, // where the form is shown, to open it again if it is refused
      created_at: createdAt,
      fields: fieldsOf(form, submitter),
    };
    const record = { id, kind, owner: C.owner, kid: C.key.kid, created_at: createdAt, status };
    record.ciphertext = await seal(payload, id, kind);
    await put(record);
    if (form.dataset.outboxReplaces) {
      await remove(form.dataset.outboxReplaces);
      delete form.dataset.outboxReplaces;
    }
    askPersistence();
    return record;
  }

  function askPersistence() {
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage
        .persisted()
        .then((persisted) => persisted || navigator.storage.persist())
        .catch(() => {});
    }
  }

  function notice(before, text, level) {
    const old = document.querySelector("[data-outbox-notice]");
    if (old) old.remove();
    const list = document.createElement("ul");
    list.className = "messages";
    list.dataset.outboxNotice = "";
    const item = document.createElement("li");
    item.className = level || "info";
    item.setAttribute("role", "status");
    item.textContent = text;
    list.append(item);
    before.parentNode.insertBefore(list, before);
    return list;
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (C.logout && new URL(form.action, location.href).pathname === C.logout) return signOut(event, form);
    if (!form.dataset.offline || !(form.dataset.offline in C.kinds)) return;
    if (form.dataset.offlinePass) {
      delete form.dataset.offlinePass; // the form's own sending, after a copy was kept
      return;
    }
    const online = navigator.onLine;
    if (!canSeal) {
      if (!online) {
        event.preventDefault();
        notice(form, T.no_crypto, "error");
      }
      return;
    }
    // Online without a service worker, nothing could catch a dropped connection: the form goes as before.
    if (online && !(navigator.serviceWorker && navigator.serviceWorker.controller)) return;
    event.preventDefault();
    const submitter = event.submitter;
    const id = crypto.randomUUID();
    // The record's id is the form's own identifier too, so the form sent now and the record sent later are one.
    if (form.elements.client_uuid) form.elements.client_uuid.value = id;
    if (!online) {
      try {
        await makeRecord(form, submitter, id, "waiting");
      } catch (error) {
        notice(form, T.no_crypto, "error");
        return;
      }
      form.reset();
      notice(form, T.saved, "info");
      refresh();
      return;
    }
    // Online: keep a sealed copy while the form travels. The next page says what became of it: the server's page
    // (it arrived: the copy is dropped) or the offline page (the connection dropped: the copy waits).
    try {
      await makeRecord(form, submitter, id, "inflight");
      sessionStorage.setItem(INFLIGHT, id);
    } catch (error) {
      // No copy could be kept: the form goes as before.
    }
    form.dataset.offlinePass = "1";
    form.requestSubmit(submitter || null);
  });

  async function settleInflight() {
    const id = sessionStorage.getItem(INFLIGHT);
    sessionStorage.removeItem(INFLIGHT);
    const records = await all();
    for (const record of records) {
      if (record.status !== "inflight") continue;
      const mine = record.id === id;
      const stale = Date.now() - Date.parse(record.created_at) > 10 * 60 * 1000;
      if (mine && !isCopy && !isFallback && navigator.onLine) {
        await remove(record.id);
      } else if (mine || stale) {
        record.status = "waiting"; // never dropped without knowing it arrived
        await put(record);
      }
    }
  }

  // --- the counter, the lists, the offline notice ----------------------------------------------------------------
  let waitingCount = 0;
  const ofThisPerson = (records) => (C.owner ? records.filter((r) => r.owner === C.owner) : records);

  function when(iso) {
    try {
      return new Intl.DateTimeFormat(C.lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
    } catch (error) {
      return iso;
    }
  }

  function button(text, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", action);
    return b;
  }

  function renderList(records) {
    const list = document.querySelector("[data-outbox-list]");
    if (!list) return;
    list.replaceChildren();
    const sorted = records.slice().sort((a, b) => a.created_at.localeCompare(b.created_at));
    for (const record of sorted) {
      const item = document.createElement("li");
      item.dataset.record = record.id;
      item.dataset.status = record.status;
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = record.status === "refused" ? T.refused_one : T.waiting;
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + fmt(T.made, { time: when(record.created_at) });
      item.append(tag, C.kinds[record.kind] || record.kind, meta);
      if (C.owner && record.owner !== C.owner) {
        const other = document.createElement("p");
        other.className = "meta";
        other.textContent = T.other_person;
        item.append(other);
      } else if (record.status === "refused") {
        item.append(" ", button(T.fix, () => reopen(record.id)));
      }
      item.append(
        " ",
        button(T.discard, async () => {
          if (window.confirm(T.discard_confirm)) {
            await remove(record.id);
            refresh();
          }
        }),
      );
      list.append(item);
    }
    const empty = document.querySelector("[data-outbox-empty]");
    if (empty) empty.hidden = records.length > 0;
    const actions = document.querySelector("[data-outbox-actions]");
    if (actions) actions.hidden = false;
    document.querySelectorAll("[data-outbox-reopen]").forEach((b) => {
      const here = records.find((r) => r.id === b.dataset.outboxReopen && r.status === "refused");
      b.hidden = !here;
    });
    const warning = document.querySelector("[data-outbox-warning]");
    if (warning && navigator.storage && navigator.storage.persisted) {
      navigator.storage.persisted().then((persisted) => {
        warning.textContent = T.not_persisted;
        warning.hidden = persisted || records.length === 0;
      });
    }
  }

  async function refresh() {
    let records = [];
    try {
      records = ofThisPerson(await all());
    } catch (error) {
      return 0;
    }
    waitingCount = records.filter((r) => r.status === "waiting" || r.status === "inflight").length;
    const counter = document.querySelector("[data-outbox-counter]");
    if (counter) {
      counter.textContent = fmt(T.counter, { count: waitingCount });
      counter.hidden = waitingCount === 0;
    }
    renderList(records);
    return waitingCount;
  }

  function say(text) {
    const place = document.querySelector("[data-outbox-message]");
    if (place) place.textContent = text;
  }

  function showOffline() {
    const main = document.querySelector("main");
    const old = document.querySelector("[data-outbox-offline]");
    if (navigator.onLine) {
      if (old) old.remove();
    } else if (main && !old) {
      const p = document.createElement("p");
      p.className = "meta";
      p.dataset.outboxOffline = "";
      p.setAttribute("role", "status");
      p.textContent = T.offline;
      main.prepend(p);
    }
  }

  // --- sending ----------------------------------------------------------------------------------------------------
  let sending = null;
  function send() {
    if (!sending) {
      const run = () => sendWaiting();
      const job = navigator.locks ? navigator.locks.request("civnet-outbox-send", run) : run();
      sending = job.catch(() => {}).finally(() => (sending = null));
    }
    return sending;
  }

  async function sendWaiting() {
    const waiting = (await all()).filter((r) => r.status === "waiting");
    if (!waiting.length) return;
    if (!navigator.onLine) {
      say(T.failed);
      return;
    }
    let state;
    try {
      state = await (await fetch(C.status, { credentials: "same-origin", cache: "no-store" })).json();
    } catch (error) {
      say(T.failed);
      return;
    }
    if (!state.signed_in) {
      say(T.sign_in);
      return;
    }
    say(T.sending);
    let sent = 0;
    let refused = 0;
    for (const record of waiting) {
      if (record.owner !== state.owner) continue;
      const body = new FormData();
      body.append("client_id", record.id);
      body.append("kind", record.kind);
      body.append("ciphertext", record.ciphertext);
      let answer;
      try {
        const response = await fetch(C.submit, {
          method: "POST",
          body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": state.csrf },
        });
        answer = await response.json();
      } catch (error) {
        break; // the connection dropped, or the server did not answer as the outbox: try again later
      }
      if (answer.status === "accepted") {
        await remove(record.id);
        sent += 1;
      } else if (answer.status === "refused") {
        record.status = "refused";
        await put(record);
        refused += 1;
      } else if (answer.status === "sign_in") {
        say(T.sign_in);
        break;
      }
    }
    await refresh();
    const parts = [];
    if (sent) parts.push(fmt(T.sent, { count: sent }));
    if (refused) parts.push(fmt(T.refused, { count: refused }));
    if (parts.length) {
      say(parts.join(" "));
      // The outbox page lists what the server answered: show the new answers in place (a reload would take the
      // page from under a person reading or importing on it).
      await showReceipts();
    }
  }

  async function showReceipts() {
    const list = document.querySelector("#receipts");
    if (!list) return;
    try {
      const response = await fetch(location.pathname, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("#receipts");
      if (fresh) list.replaceWith(document.adoptNode(fresh));
    } catch (error) {
      return; // the line dropped again: the list stays as it was until the next visit
    }
    await refresh(); // the buttons to fix refused records this phone still holds
  }

  // --- opening a refused record in its form again -----------------------------------------------------------------
  async function reopened(id) {
    const record = await get(id);
    if (!record) throw new Error("absent");
    const state = await (await fetch(C.status, { credentials: "same-origin", cache: "no-store" })).json();
    const body = new FormData();
    body.append("client_id", record.id);
    body.append("kind", record.kind);
    body.append("ciphertext", record.ciphertext);
    const response = await fetch(C.reopen, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": state.csrf },
    });
    if (!response.ok) throw new Error("refused");
    return { record, answer: await response.json() };
  }

  async function reopen(id) {
    try {
      const { answer } = await reopened(id);
      location.href = answer.url + "#outbox-fix=" + id;
    } catch (error) {
      say(error.message === "absent" ? T.not_here : T.reopen_failed);
    }
  }

  function fill(form, pairs) {
    const values = new Map();
    for (const [name, value] of pairs) values.set(name, (values.get(name) || []).concat([value]));
    for (const field of Array.from(form.elements)) {
      if (!field.name || field.name === "csrfmiddlewaretoken" || field.name === "client_uuid") continue;
      const wanted = values.get(field.name) || [];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = wanted.includes(field.value);
      } else if (field.tagName === "SELECT" && field.multiple) {
        for (const option of field.options) option.selected = wanted.includes(option.value);
      } else if (!["file", "submit", "button", "reset"].includes(field.type) && wanted.length) {
        field.value = wanted.shift();
        values.set(field.name, wanted);
      }
    }
  }

  async function fixFromAddress() {
    const match = location.hash.match(/^#outbox-fix=([0-9a-f-]{36})$/);
    if (!match) return;
    history.replaceState(null, "", location.pathname + location.search);
    try {
      const { record, answer } = await reopened(match[1]);
      const form = document.querySelector(`form[data-offline="${record.kind}"]`);
      if (!form) return;
      fill(form, answer.fields);
      form.dataset.outboxReplaces = record.id;
      notice(form, T.replaces, "info");
    } catch (error) {
      const main = document.querySelector("main");
      if (main) notice(main.firstElementChild || main, T.reopen_failed, "error");
    }
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-outbox-reopen]");
    if (target) reopen(target.dataset.outboxReopen);
  });

  // --- export and import (still encrypted) ------------------------------------------------------------------------
  async function exportOutbox() {
    const records = await all();
    const file = { format: "civnet-outbox", version: 1, exported_at: new Date().toISOString(), records };
    const blob = new Blob([JSON.stringify(file, null, 1)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${T.file_name}-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-")}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    say(fmt(T.exported, { count: records.length }));
  }

  const validRecord = (r) =>
    r &&
    typeof r.id === "string" &&
    UUID.test(r.id) &&
    typeof r.kind === "string" &&
    r.kind in C.kinds &&
    typeof r.ciphertext === "string" &&
    typeof r.owner === "string" &&
    typeof r.created_at === "string";

  async function importOutbox(file) {
    let data = null;
    try {
      data = JSON.parse(await file.text());
    } catch (error) {
      data = null;
    }
    if (!data || data.format !== "civnet-outbox" || !Array.isArray(data.records)) {
      say(T.import_bad);
      return;
    }
    let added = 0;
    let known = 0;
    for (const r of data.records.filter(validRecord)) {
      if (await get(r.id)) {
        known += 1;
        continue;
      }
      const status = r.status === "refused" ? "refused" : "waiting";
      await put({ id: r.id, kind: r.kind, owner: r.owner, kid: String(r.kid || ""), created_at: r.created_at, status, ciphertext: r.ciphertext });
      added += 1;
    }
    say(fmt(T.imported, { count: added, known }));
    askPersistence();
    await refresh();
    send();
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-outbox-send]")) send();
    if (event.target.closest("[data-outbox-export]")) exportOutbox();
  });
  document.addEventListener("change", (event) => {
    const input = event.target.closest("[data-outbox-import]");
    if (input && input.files.length) {
      importOutbox(input.files[0]).finally(() => (input.value = ""));
    }
  });

  // --- signing out: warn about what waits; forget the form copies of this person ---------------------------------
  function signOut(event, form) {
    if (form.dataset.offlinePass) return;
    event.preventDefault();
    if (waitingCount > 0 && !window.confirm(fmt(T.logout, { count: waitingCount }))) return;
    const done = () => {
      form.dataset.offlinePass = "1";
      form.submit();
    };
    ("caches" in window ? caches.delete(PAGES) : Promise.resolve()).then(done, done);
  }

  // --- keeping an offline copy of a form page (only the form: none of the page's other data) ---------------------
  function prune(node) {
    for (const child of Array.from(node.children)) {
      if (child.matches("form[data-offline], [data-offline-keep], h1, h2, h3")) continue;
      if (child.querySelector("form[data-offline], [data-offline-keep]")) prune(child);
      else child.remove();
    }
  }

  async function keepCopy() {
    // Only pages with offline forms are kept, pruned to those forms and headings: the back-office's roll call too.
    if (isCopy || isFallback || !("caches" in window)) return;
    if (!document.querySelector("form[data-offline], [data-offline-page]")) return;
    if (document.querySelector(".error-summary")) return; // a form sent back with its values: not kept
    const root = document.documentElement.cloneNode(true);
    root.setAttribute("data-offline-copy", "");
    root.querySelectorAll(".messages, [data-outbox-offline], details[open]").forEach((e) => {
      if (e.tagName === "DETAILS") e.removeAttribute("open");
      else e.remove();
    });
    root.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach((e) => e.setAttribute("value", ""));
    const main = root.querySelector("main");
    if (main) prune(main);
    const html = "<!doctype html>\n" + root.outerHTML;
    const cache = await caches.open(PAGES);
    await cache.put(location.pathname, new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
  }

  // --- start ------------------------------------------------------------------------------------------------------
  async function start() {
    if ("serviceWorker" in navigator && C.worker) {
      navigator.serviceWorker.register(C.worker, { scope: "/" }).catch(() => {});
    }
    showOffline();
    try {
      await settleInflight();
    } catch (error) {
      // IndexedDB refused (private mode): the forms work online only.
    }
    await refresh();
    keepCopy().catch(() => {});
    fixFromAddress();
    if (navigator.onLine && !isCopy) send();
  }
  window.addEventListener("online", () => {
    showOffline();
    send();
  });
  window.addEventListener("offline", showOffline);
  start();
})();
