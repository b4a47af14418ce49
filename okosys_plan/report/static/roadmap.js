/* The interactive Veikart (okosys_plan.report.roadmap_view): a details panel filled on
   hover and focus of a bar, filters by lane, owner and status, and a click that marks the
   measure's row. Without this script the page reads the same: the bars are links to the
   rows, with native tooltips. Runs under a CSP of script-src 'self': no inline handlers,
   no eval, no style attributes (only classes and the hidden property). A page that
   redraws the fragment in place (the app, with htmx) starts it again on the new one. */
(function () {
  "use strict";
  var started = null;  /* the data block the script last started on */
  var marking = null;  /* marks the row the address names, on the fragment started last */
  function start() {
    var source = document.getElementById("veikart-data");
    if (!source || source === started) { return; }
    started = source;
    var data = JSON.parse(source.textContent);
    var view = document.getElementById(data.view);
    var figure = view && view.querySelector("figure");
    if (!figure) { return; }
    var words = data.words, measures = data.measures, byAnchor = {};
    measures.forEach(function (m) { byAnchor[m.anchor] = m; });

    function make(tag, text, attributes) {
      var element = document.createElement(tag);
      if (text !== null && text !== undefined) { element.textContent = text; }
      Object.keys(attributes || {}).forEach(function (name) {
        element.setAttribute(name, attributes[name]);
      });
      return element;
    }

    function distinct(values) {
      var seen = {}, found = [];
      values.forEach(function (value) {
        if (value && !Object.prototype.hasOwnProperty.call(seen, value)) {
          seen[value] = true;
          found.push(value);
        }
      });
      return found;
    }

    /* the details panel, after the chart; it stays at the window's foot while the chart shows */
    var panel = make("div", null, {"class": "veikart-detaljer", "role": "status",
                                   "aria-live": "polite", "id": data.view + "-detaljer"});
    panel.appendChild(make("p", words.details_hint));
    figure.parentNode.insertBefore(panel, figure.nextSibling);

    function show(measure) {
      panel.textContent = "";
      var heading = make("p");
      heading.appendChild(make("strong", measure.id + " " + measure.title));
      panel.appendChild(heading);
      var list = make("dl");
      var values = [measure.period, measure.owner, measure.status,
                    measure.depends_on.join(", "), measure.needs.join(", "), measure.funding];
      data.labels.forEach(function (label, index) {
        var pair = make("div");
        pair.appendChild(make("dt", label));
        pair.appendChild(make("dd", values[index] || "\u2013"));
        list.appendChild(pair);
      });
      panel.appendChild(list);
    }

    /* the filters: one list each of lanes, owners and statuses, as the data has them */
    var controls = make("fieldset", null, {"class": "veikart-filter"});
    controls.appendChild(make("legend", words.filter_legend));
    var choices = [
      {key: "lane", label: data.lane, values: distinct([].concat.apply([], measures.map(
        function (m) { return m.lanes; })))},
      {key: "owner", label: words.detail_owner, values: distinct(measures.map(
        function (m) { return m.owner; })).sort(function (a, b) {
        return a.localeCompare(b, data.lang);
      })},
      {key: "status", label: words.detail_status, values: distinct(measures.map(
        function (m) { return m.status; }))}
    ];
    choices.forEach(function (choice) {
      var label = make("label", null);
      label.appendChild(make("span", choice.label));
      choice.select = make("select", null, {"name": choice.key,
                                            "id": data.view + "-filter-" + choice.key});
      choice.select.appendChild(make("option", words.filter_all, {"value": ""}));
      choice.values.forEach(function (value) {
        choice.select.appendChild(make("option", value, {"value": value}));
      });
      choice.select.addEventListener("change", apply);
      label.appendChild(choice.select);
      controls.appendChild(label);
    });
    var reset = make("button", words.filter_reset, {"type": "button"});
    reset.addEventListener("click", function () { clear(); apply(); });
    controls.appendChild(reset);
    var count = make("p", null, {"class": "veikart-antall", "aria-live": "polite"});
    controls.appendChild(count);
    figure.parentNode.insertBefore(controls, figure);

    function chosen(key) {
      return choices.filter(function (c) { return c.key === key; })[0].select.value;
    }

    function clear() {
      choices.forEach(function (choice) { choice.select.value = ""; });
    }

    function apply() {
      var lane = chosen("lane"), owner = chosen("owner"), status = chosen("status"), shown = 0;
      measures.forEach(function (m) {
        var fits = (!owner || m.owner === owner) && (!status || m.status === status);
        var visible = fits && (!lane || m.lanes.indexOf(lane) >= 0);
        var row = document.getElementById(m.anchor);
        if (row) { row.hidden = !visible; }
        if (visible) { shown += 1; }
        m.bars.forEach(function (bar) {
          var dim = !fits || (lane !== "" && bar.lane !== lane);
          [bar.bar].concat(bar.parts.slice(1)).forEach(function (id) {
            var part = document.getElementById(id);
            if (part) { part.classList.toggle("veikart-dempet", dim); }
          });
        });
      });
      count.textContent = words.filter_count.replace("{shown}", String(shown))
        .replace("{total}", String(measures.length));
    }

    function mark(anchor) {
      view.querySelectorAll("tr.veikart-valgt").forEach(function (row) {
        row.classList.remove("veikart-valgt");
      });
      var row = anchor && byAnchor[anchor] ? document.getElementById(anchor) : null;
      if (row) { row.classList.add("veikart-valgt"); }
    }

    view.querySelectorAll("a.veikart-stolpe").forEach(function (link) {
      var measure = byAnchor[link.getAttribute("data-measure")];
      if (!measure) { return; }
      link.addEventListener("mouseenter", function () { show(measure); });
      link.addEventListener("focus", function () { show(measure); });
      link.addEventListener("click", function () {
        var row = document.getElementById(measure.anchor);
        if (row && row.hidden) { clear(); apply(); }  /* a dimmed bar: show every row again */
        mark(measure.anchor);
      });
    });
    marking = function () { mark(window.location.hash.slice(1)); };
    marking();
    apply();
  }
  window.addEventListener("hashchange", function () { if (marking) { marking(); } });
  document.addEventListener("htmx:afterSettle", start);
  start();
}());
