// A search-as-you-type picker for every <select data-city-picker> (lib.forms.CityPicker): one city among 1,554.
//
// The select stays in the page and is what the form sends; the picker hides it and puts a combobox (WAI-ARIA 1.2
// "list autocomplete") in its place. Matching is done here on the options already in the page, so nothing is
// fetched: both the typed words and the names are folded the way lib.persian.normalize folds them (Arabic yeh and
// kaf, zero-width non-joiners, Arabic-Indic digits, case), and every typed word must start a word of the label, so
// «بندر ع» finds «بندرعباس (هرمزگان)» and "ban abb" finds "Bandar Abbas". Keyboard: arrows move, Enter picks,
// Escape closes and then clears. Without the script, the plain select still works.
(function () {
  "use strict";
  var LIMIT = 60;

  function fold(text) {
    return (text || "").toLowerCase()
      .replace(/[يى]/g, "ی").replace(/ك/g, "ک").replace(/[ۀة]/g, "ه").replace(/[أإآ]/g, "ا").replace(/ؤ/g, "و")
      .replace(/[\u064B-\u065F\u0670]/g, "")
      .replace(/[۰-۹]/g, function (c) { return "۰۱۲۳۴۵۶۷۸۹".indexOf(c); })
      .replace(/[٠-٩]/g, function (c) { return "٠١٢٣٤٥٦٧٨٩".indexOf(c); })
      .replace(/[\u200c\u200d\u200f\u200e]/g, "")
      .replace(/[()«»،,.\-]/g, " ").replace(/\s+/g, " ").trim();
  }

  function words() {
    var node = document.getElementById("ui-text");
    return node ? JSON.parse(node.textContent).cityPicker : null;
  }

  var counter = 0;

  function Picker(select, text) {
    this.select = select;
    this.text = text;
    this.id = "city-picker-" + (++counter);
    // Each option's label folded once, with the label squeezed without spaces so «بندرعباس» matches «بندر عباس».
    this.entries = [];
    for (var i = 0; i < select.options.length; i++) {
      var option = select.options[i];
      if (!option.value) { this.emptyLabel = option.text; continue; }
      var folded = fold(option.text), name = fold(option.text.split(" (")[0]);
      this.entries.push({ option: option, label: option.text, words: folded.split(" "), nameWords: name.split(" "),
                          squeezed: name.replace(/ /g, "") });
    }
    this.build();
  }

  Picker.prototype.build = function () {
    var self = this, text = this.text, select = this.select;
    var wrap = document.createElement("div");
    wrap.className = "city-search";
    select.parentNode.insertBefore(wrap, select);
    select.hidden = true;
    select.tabIndex = -1;

    var input = this.input = document.createElement("input");
    input.type = "text";
    input.id = select.id ? select.id + "-search" : this.id + "-search";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.id + "-list");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    input.placeholder = text.placeholder;
    if (select.required) { input.setAttribute("aria-required", "true"); }
    if (select.getAttribute("aria-invalid")) { input.setAttribute("aria-invalid", select.getAttribute("aria-invalid")); }
    if (select.getAttribute("aria-describedby")) { input.setAttribute("aria-describedby", select.getAttribute("aria-describedby")); }
    // The field's own <label for=select> now names the box people type in.
    // A label around the select (the filter bars) names the box too, since the box comes first inside it.
    var label = (select.id && document.querySelector('label[for="' + select.id + '"]')) || select.closest("label");
    if (label && label.htmlFor) { label.htmlFor = input.id; }
    wrap.appendChild(input);

    var list = this.list = document.createElement("ul");
    list.id = this.id + "-list";
    list.className = "city-search-list";
    list.setAttribute("role", "listbox");
    if (label) { list.setAttribute("aria-label", label.textContent.trim().split("\n")[0]); }
    list.hidden = true;
    wrap.appendChild(list);

    var status = this.status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrap.appendChild(status);
    wrap.appendChild(select);

    this.showChosen();
    input.addEventListener("input", function () { self.filter(true); });
    input.addEventListener("focus", function () { input.select(); });
    input.addEventListener("click", function () { if (list.hidden) { self.filter(false); } });
    input.addEventListener("keydown", function (event) { self.key(event); });
    input.addEventListener("blur", function () {
      // A click on an option lands after blur; wait for it before closing and restoring the chosen name.
      setTimeout(function () { if (!wrap.contains(document.activeElement)) { self.close(); self.showChosen(); } }, 150);
    });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var item = event.target.closest("li[data-index]");
      if (item) { self.choose(self.shown[+item.dataset.index]); }
    });
  };

  Picker.prototype.showChosen = function () {
    var option = this.select.options[this.select.selectedIndex];
    this.input.value = option && option.value ? option.text : "";
  };

  Picker.prototype.matches = function (query) {
    var wanted = fold(query).split(" ").filter(Boolean);
    if (!wanted.length) { return this.entries.slice(); }
    var squeezedQuery = wanted.join("");
    function startsEach(words) {
      return wanted.every(function (part) {
        return words.some(function (word) { return word.indexOf(part) === 0; });
      });
    }
    // The city's own name before its province: «کرمانشاه» lists Kermanshah before the province's other cities.
    var ranked = [[], [], []];
    this.entries.forEach(function (entry) {
      if (entry.squeezed.indexOf(squeezedQuery) === 0) { ranked[0].push(entry); }
      else if (startsEach(entry.nameWords)) { ranked[1].push(entry); }
      else if (startsEach(entry.words)) { ranked[2].push(entry); }
    });
    return ranked[0].concat(ranked[1], ranked[2]);
  };

  Picker.prototype.filter = function (typed) {
    var found = this.matches(typed ? this.input.value : "");
    if (typed && !this.input.value.trim() && this.select.options[0] && !this.select.options[0].value) {
      this.select.selectedIndex = 0;
    }
    this.shown = found.slice(0, LIMIT);
    this.active = this.shown.length ? 0 : -1;
    var list = this.list, text = this.text, fragment = document.createDocumentFragment();
    list.textContent = "";
    this.shown.forEach(function (entry, index) {
      var item = document.createElement("li");
      item.id = list.id + "-" + index;
      item.setAttribute("role", "option");
      item.dataset.index = index;
      item.textContent = entry.label;
      if (entry.option.selected) { item.setAttribute("aria-selected", "true"); }
      fragment.appendChild(item);
    });
    if (!found.length) {
      var empty = document.createElement("li");
      empty.className = "city-search-empty";
      empty.textContent = text.none;
      fragment.appendChild(empty);
    } else if (found.length > LIMIT) {
      var more = document.createElement("li");
      more.className = "city-search-more";
      more.textContent = text.more.replace("%(shown)s", this.number(LIMIT)).replace("%(count)s", this.number(found.length));
      fragment.appendChild(more);
    }
    list.appendChild(fragment);
    list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.highlight();
    this.status.textContent = found.length ? text.found.replace("%(count)s", this.number(found.length)) : text.none;
  };

  Picker.prototype.number = function (n) {
    return new Intl.NumberFormat(document.documentElement.lang === "fa" ? "fa" : "en").format(n);
  };

  Picker.prototype.highlight = function () {
    var items = this.list.querySelectorAll("li[role=option]");
    for (var i = 0; i < items.length; i++) { items[i].classList.toggle("is-active", i === this.active); }
    if (this.active >= 0 && items[this.active]) {
      this.input.setAttribute("aria-activedescendant", items[this.active].id);
      items[this.active].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Picker.prototype.choose = function (entry) {
    if (!entry) { return; }
    entry.option.selected = true;
    this.select.dispatchEvent(new Event("change", { bubbles: true }));
    this.close();
    this.showChosen();
  };

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Picker.prototype.key = function (event) {
    var open = !this.list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) { this.filter(false); return; }
      var step = event.key === "ArrowDown" ? 1 : -1;
      this.active = Math.max(0, Math.min(this.shown.length - 1, this.active + step));
      this.highlight();
    } else if (event.key === "Enter" && open) {
      // Enter picks the highlighted city instead of sending the form half-filled.
      event.preventDefault();
      this.choose(this.shown[this.active]);
    } else if (event.key === "Escape") {
      if (open) { this.close(); this.showChosen(); } else { this.input.value = ""; this.filter(true); this.close(); }
    }
  };

  // A long list of tick boxes (the cities of a news item, of a peer group, of a meeting) gets a box that hides
  // the ones not matching; ticked ones stay ticked and are sent whether shown or not.
  function filterBox(set, text) {
    var items = [];
    set.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var label = box.closest("label");
      if (label) { items.push({ row: label.parentElement === set ? label : label.parentElement, words: fold(label.textContent).split(" ") }); }
    });
    if (items.length < 20) { return; }
    var input = document.createElement("input");
    input.type = "search";
    input.className = "choice-filter";
    input.placeholder = text.filter;
    input.setAttribute("aria-label", text.filter);
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.addEventListener("input", function () {
      var wanted = fold(input.value).split(" ").filter(Boolean), shown = 0;
      items.forEach(function (item) {
        var match = wanted.every(function (part) {
          return item.words.some(function (word) { return word.indexOf(part) === 0; });
        });
        item.row.hidden = !match;
        if (match) { shown++; }
      });
      status.textContent = shown ? text.found.replace("%(count)s", Picker.prototype.number(shown)) : text.none;
    });
    set.querySelector("legend").after(input, status);
  }

  function start() {
    var text = words();
    if (!text) { return; }
    var selects = document.querySelectorAll("select[data-city-picker]");
    for (var i = 0; i < selects.length; i++) { new Picker(selects[i], text); }
    document.querySelectorAll("fieldset.choices").forEach(function (set) { filterBox(set, text); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
