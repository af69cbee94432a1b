// The place picker's suggestions as one types (places/forms.py describes the picker, which works without this
// script: searching then submits the form and it comes back with the places found). Text is set with
// textContent only, never as HTML.
(function () {
  "use strict";

  function choiceLabel(picker, result, checked) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = picker.dataset.multiple === "1" ? "checkbox" : "radio";
    box.name = picker.dataset.name;
    box.value = String(result.id);
    box.checked = checked;
    const name = document.createElement("bdi");
    name.textContent = result.name;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.append(result.within);
    if (result.pcode) {
      const code = document.createElement("bdi");
      code.textContent = result.pcode;
      meta.append(" · ", code);
    }
    label.append(box, " ", name, " ", meta);
    return label;
  }

  function setup(picker) {
    if (picker.dataset.ready) return;
    picker.dataset.ready = "1";
    const input = picker.querySelector('input[type="search"]');
    const searched = picker.querySelector('input[type="hidden"][name$="__searched"]');
    const button = picker.querySelector("[data-picker-button]");
    const chosen = picker.querySelector("[data-chosen]");
    const found = picker.querySelector("[data-found]");
    const request = picker.querySelector("[data-picker-request]");
    const requestBase = (picker.dataset.requestUrl || "").split("?")[0];
    const list = document.createElement("ul");
    list.id = input.id + "__list";
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.closest(".picker-search").after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    if (button) button.remove(); // the suggestions take the search button's place (and it is no default button)
    let results = [];
    let active = -1;
    let timer = null;
    let asked = "";
    let controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      const options = list.querySelectorAll('[role="option"]');
      options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(result) {
      const existing = chosen.querySelector('input[value="' + String(result.id) + '"]');
      if (existing) {
        existing.checked = true;
      } else {
        const item = document.createElement("li");
        item.append(choiceLabel(picker, result, true));
        chosen.append(item);
        if (picker.dataset.multiple !== "1") {
          chosen.querySelectorAll("input").forEach((box) => { box.checked = box.value === String(result.id); });
        }
      }
      input.value = "";
      searched.value = "";
      found.textContent = picker.dataset.added ? picker.dataset.added.replace("%s", result.name) : "";
      close();
      input.focus();
    }

    function show() {
      list.replaceChildren();
      results.forEach((result, i) => {
        const option = document.createElement("li");
        option.id = list.id + "_" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        const name = document.createElement("bdi");
        name.textContent = result.name;
        const meta = document.createElement("span");
        meta.className = "meta";
        meta.append(" " + result.within);
        if (result.pcode) {
          const code = document.createElement("bdi");
          code.textContent = result.pcode;
          meta.append(" · ", code);
        }
        option.append(name, meta);
        option.addEventListener("mousedown", (event) => event.preventDefault());
        option.addEventListener("click", () => pick(result));
        list.append(option);
      });
      if (!results.length) {
        const none = document.createElement("li");
        none.className = "meta";
        none.textContent = picker.dataset.none || "";
        list.append(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(results.length ? 0 : -1);
    }

    function search() {
      const query = input.value.trim();
      if (request) request.href = query ? requestBase + "?name=" + encodeURIComponent(query) : requestBase;
      if (!query) { results = []; close(); return; }
      if (query === asked && !list.hidden) return;
      asked = query;
      if (controller) controller.abort();
      controller = new AbortController();
      const params = new URLSearchParams({ q: query });
      if (picker.dataset.levels) params.set("levels", picker.dataset.levels);
      fetch(picker.dataset.searchUrl + "?" + params, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => { if (input.value.trim() === query) { results = data.results || []; show(); } })
        .catch(() => {}); // offline or aborted: the search button's way still works on submit
    }

    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 200); });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && results.length) {
        event.preventDefault();
        if (list.hidden) show(); else highlight((active + 1) % results.length);
      } else if (event.key === "ArrowUp" && results.length) {
        event.preventDefault();
        highlight(active <= 0 ? results.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        // Enter in the search box never submits the form: it picks the highlighted place, or searches now.
        event.preventDefault();
        if (!list.hidden && active >= 0 && results[active]) pick(results[active]);
        else { clearTimeout(timer); asked = ""; search(); }
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  document.querySelectorAll("[data-place-picker]").forEach(setup);
})();
