/*
 * Imprint's search box: the form in the page header (base.peb). On first use it loads Lunr
 * (assets/vendor/lunr/) and the site's search.json, both relative to the page's root, builds
 * the index in the browser and lists the matching notes as links. Works under any subpath.
 * A page opened from a file:// URL cannot fetch search.json: the box says so instead.
 */
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  if (!form) {
    return;
  }
  var root = form.getAttribute("data-root") || "";
  var input = form.querySelector("input[type=search]");
  var results = form.querySelector(".site-search-results");
  var MAX_RESULTS = 10;
  var loading = null;
  var index = null;
  var docs = [];
  form.hidden = false;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) {
        throw new Error(url + ": HTTP " + r.status);
      }
      return r.json();
    });
  }

  function load() {
    if (loading) {
      return loading;
    }
    if (location.protocol === "file:") {
      loading = Promise.reject(new Error("file"));
    } else {
      loading = Promise.all([
        window.lunr ? null : loadScript(root + "assets/vendor/lunr/lunr.min.js"),
        fetchJson(root + "search.json").then(function (index) {
          // the notes are split in shards, so that editing one note rewrites one small file
          return Promise.all(index.shards.map(function (s) { return fetchJson(root + s); })).then(function (shards) {
            var entries = [];
            shards.forEach(function (shard) {
              Object.keys(shard).forEach(function (url) {
                var e = shard[url];
                entries.push({ url: url, title: e.title, section: e.section, tags: e.tags, text: e.text || "" });
              });
            });
            return entries;
          });
        })
      ]).then(function (loaded) {
        docs = loaded[1];
        index = window.lunr(function () {
          this.ref("i");
          this.field("title", { boost: 10 });
          this.field("tags", { boost: 5 });
          this.field("section", { boost: 2 });
          this.field("text");
          docs.forEach(function (d, i) {
            this.add({ i: String(i), title: d.title, tags: (d.tags || []).join(" "), section: d.section || "", text: d.text });
          }, this);
        });
      });
    }
    loading.catch(function () {});
    return loading;
  }

  function message(text) {
    results.textContent = "";
    var p = document.createElement("p");
    p.className = "site-search-message";
    p.textContent = text;
    results.appendChild(p);
  }

  function find(q) {
    var terms = window.lunr.tokenizer(q).map(String).filter(function (t) { return t.length > 0; });
    if (terms.length === 0) {
      return [];
    }
    return index.query(function (query) {
      terms.forEach(function (t) {
        query.term(t, { boost: 10 });
        query.term(t, { usePipeline: false, wildcard: window.lunr.Query.wildcard.TRAILING });
      });
    });
  }

  function show() {
    var q = input.value.trim();
    if (q === "") {
      results.textContent = "";
      return;
    }
    var hits = find(q);
    if (hits.length === 0) {
      message("No notes match \u201c" + q + "\u201d.");
      return;
    }
    var ol = document.createElement("ol");
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var d = docs[Number(hit.ref)];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + d.url;
      a.textContent = d.title;
      if (d.section) {
        var s = document.createElement("span");
        s.className = "site-search-section";
        s.textContent = d.section;
        a.appendChild(s);
      }
      li.appendChild(a);
      ol.appendChild(li);
    });
    results.textContent = "";
    results.appendChild(ol);
  }

  function update() {
    if (input.value.trim() === "") {
      results.textContent = "";
      return;
    }
    if (!index) {
      message("Searching\u2026");
    }
    load().then(show, function (e) {
      message(e.message === "file"
        ? "Search needs the site to be served over HTTP: a page opened from a file cannot load the index."
        : "Search is unavailable (" + e.message + ").");
    });
  }

  input.addEventListener("focus", function () { load(); }, { once: true });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      input.value = "";
      results.textContent = "";
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = results.querySelector("a");
    if (first) {
      location.href = first.href;
    }
  });
})();
