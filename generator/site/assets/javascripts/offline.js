/* Offline after one visit, the page's side (the worker is sw.js, from generator/site/worker/sw.js).
   Registers the language's service worker as soon as the page has rendered (the worker then keeps the
   home page, the listings, the themes and the search index), says when a newer build is ready, runs the
   home page's "save for offline" block and fills in the offline page. Over http(s) only: a site opened
   from disk needs no worker. Text is set with textContent, never innerHTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/javascripts\/offline\.js(\?.*)?$/, "") : "";
  var EN = (document.documentElement.lang || "").slice(0, 2) === "en";
  var TEXT = EN ? {
    update: "A newer version of this site is ready.", reload: "Update now", updating: "Updating…", later: "Later",
    core: function (size) { return "This device keeps the home page, the lists, the theme pages and search (" + size + "); they open without a network."; },
    read: function (n) { return n === 1 ? " So does 1 page you have read." : " So do " + n + " pages you have read."; },
    save: function (pages, size) { return "Save for offline (all " + pages + " pages, " + size + " to download)"; },
    saved: function (pages, size) { return "All " + pages + " pages are saved on this device (" + size + " of storage) and open without a network."; },
    saving: function (percent, done, total) { return "Saving… " + percent + "% (" + done + " of " + total + ")"; },
    failed: "Saving did not finish (the network dropped?). Press the button again when you are online: it goes on from where it stopped.",
    damaged: "The download arrived incomplete or damaged, so none of it was kept; what this device already had is unchanged. Press the button again later.",
    broken: "The site could not be kept on this device this time (the network dropped, or the download arrived damaged). Reading online works as usual; your next visit tries again.",
    removed: "The offline copy was removed.",
    wanted: function (title) { return " (" + title + ")"; }
  } : {
    update: "本站有新版本，已经下载好了。", reload: "现在更新", updating: "正在更新…", later: "稍后",
    core: function (size) { return "这台设备已经保存了首页、目录、主题页和搜索（" + size + "），断网也能打开。"; },
    read: function (n) { return "你读过的 " + n + " 个页面也已保存。"; },
    save: function (pages, size) { return "保存离线版（全部 " + pages + " 页，需下载 " + size + "）"; },
    saved: function (pages, size) { return "全部 " + pages + " 页都已保存在这台设备上（占用 " + size + "），断网也能打开。"; },
    saving: function (percent, done, total) { return "正在保存… " + percent + "%（" + done + " / " + total + "）"; },
    failed: "保存没有完成（网络断了？）。联网后再点一次按钮，会从断开的地方接着保存。",
    damaged: "下载的离线数据不完整或已损坏，没有保存；这台设备上原有的内容没有变化。请稍后再点一次按钮。",
    broken: "这次没能把网站保存到这台设备上（网络断了，或下载的数据不完整）。联网时照常浏览，下次打开本站会再试一次。",
    removed: "离线版已移除。",
    wanted: function (title) { return "《" + title + "》"; }
  };
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var workers = navigator.serviceWorker, updating = false;

  function size(bytes) {
    return bytes >= 1e6 ? (bytes / 1e6).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1e3)) + " KB";
  }
  function ask(worker, message) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data); };
      worker.postMessage(message, [channel.port2]);
    });
  }

  // ----- a newer build: its worker has kept everything it needs and waits for the reader's word -----
  // "Later" holds for this tab until it is closed (the bar came back on every page read after it)
  function laterKey(registration) { return "compendium-update-later:" + registration.scope; }
  function putOff(registration) {
    try { return sessionStorage.getItem(laterKey(registration)) === "1"; } catch (e) { return false; }
  }
  function announce(registration, worker) {
    if (document.querySelector(".offline-update")) return;
    var bar = document.createElement("div"), text = document.createElement("span"), button = document.createElement("button");
    bar.className = "offline-update";
    bar.setAttribute("role", "status");
    text.textContent = TEXT.update;
    button.type = "button";
    button.textContent = TEXT.reload;
    button.addEventListener("click", function () {
      updating = true;
      button.disabled = true;
      button.textContent = TEXT.updating;
      worker.postMessage({type: "update"});
    });
    var later = document.createElement("button");
    later.type = "button";
    later.className = "offline-update__later";
    later.textContent = TEXT.later;
    later.addEventListener("click", function () {
      bar.remove();
      try { sessionStorage.setItem(laterKey(registration), "1"); } catch (e) { /* private mode: the bar comes back */ }
    });
    bar.appendChild(text);
    bar.appendChild(button);
    bar.appendChild(later);
    document.body.appendChild(bar);
  }
  workers.addEventListener("controllerchange", function () { if (updating) location.reload(); });
  // a newer version only where this page is served by an older one of the same worker: on the first English page
  // after Chinese ones, the Chinese worker (whose scope holds en/) serves the page while the English worker is
  // installed for the first time, which is not a newer version of anything
  function older(registration) {
    var controller = workers.controller, active = registration.active;
    return !!(controller && active && controller.scriptURL === active.scriptURL);
  }
  function watch(registration) {
    if (registration.waiting && older(registration) && !putOff(registration)) announce(registration, registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && older(registration)) announce(registration, worker);
      });
    });
  }

  // ----- the home page's block: what is kept, "save for offline" with its size and progress, removing it -----
  function saveBlock(box, worker) {
    var status = box.querySelector(".offline-box__status"), save = box.querySelector(".offline-box__save"),
        remove = box.querySelector(".offline-box__remove"), progress = box.querySelector(".offline-box__progress"),
        bar = progress.querySelector("progress"), note = progress.querySelector(".offline-box__progress-text");
    function show(state) {
      box.setAttribute("data-state", state.saved ? "saved" : "core");
      status.textContent = state.saved ? TEXT.saved(state.pages, size(state.size))
        : TEXT.core(size(state.core)) + (state.read.length ? TEXT.read(state.read.length) : "");
      if (!state.saved) save.textContent = TEXT.save(state.pages, size(state.toDownload));
      save.hidden = state.saved;
      save.disabled = false;
      remove.hidden = !state.saved;
      progress.hidden = true;
    }
    function refresh() { return ask(worker, {type: "status"}).then(show); }
    save.addEventListener("click", function () {
      save.disabled = true;
      progress.hidden = false;
      bar.value = 0;
      note.textContent = "";
      box.setAttribute("data-state", "saving");
      worker.postMessage({type: "save"});
    });
    remove.addEventListener("click", function () {
      remove.disabled = true;
      worker.postMessage({type: "remove"});
    });
    workers.addEventListener("message", function (event) {
      var message = event.data || {};
      if (message.type === "progress") {
        progress.hidden = false;
        var percent = Math.min(100, Math.floor(100 * message.done / Math.max(1, message.total)));
        bar.value = percent;
        note.textContent = TEXT.saving(percent, size(message.done), size(message.total));
      } else if (message.type === "saved") {
        show(message.status);
      } else if (message.type === "removed") {
        remove.disabled = false;
        show(message.status);
        status.textContent = TEXT.removed + " " + status.textContent;
      } else if (message.type === "failed") {
        box.setAttribute("data-state", "failed");
        save.disabled = false;
        progress.hidden = true;
        status.textContent = message.damaged ? TEXT.damaged : TEXT.failed;
      }
    });
    return refresh();
  }

  // ----- the offline page: which page was not saved, and the pages this reader has read -----
  function offlinePage(page, worker) {
    var from = new URLSearchParams(location.search).get("from") || "", target = null;
    try { target = new URL(from, ROOT); } catch (e) { target = null; }
    if (!target || target.origin !== location.origin || target.href.indexOf(ROOT) !== 0) target = null;
    var path = target ? target.href.slice(ROOT.length).split("?")[0] : "";
    return ask(worker, {type: "status", path: path}).then(function (state) {
      if (target) {
        page.querySelector(".offline-page__retry").href = target.href;
        if (state.wanted) page.querySelector(".offline-page__wanted").textContent = TEXT.wanted(state.wanted);
      }
      var other = page.querySelector(".offline-page__other");
      if (other) other.hidden = !state.otherLanguage;
      page.querySelector(".offline-page__all").hidden = !state.saved;
      var list = page.querySelector(".offline-page__read"), read = state.saved ? [] : state.read;
      read.forEach(function (item) {
        var li = document.createElement("li"), link = document.createElement("a");
        link.href = ROOT + item[0];
        link.textContent = item[1];
        li.appendChild(link);
        list.appendChild(li);
      });
      list.hidden = page.querySelector("#read").hidden = !read.length;
    });
  }

  // the first visit's copy could not be made (a dropped network, a damaged download): the block says so, and the
  // site goes on from the network
  function whenBroken(registration) {
    var worker = registration.installing;
    if (!worker || registration.active) return;
    function check() {
      var box = document.getElementById("offline-box");
      if (worker.state !== "redundant" || registration.active || !box) return;
      box.setAttribute("data-state", "broken");
      box.querySelector(".offline-box__status").textContent = TEXT.broken;
      box.querySelector(".offline-box__save").hidden = true;  // nothing to save into: a button that cannot work is not shown
    }
    worker.addEventListener("statechange", check);
    check();  // it may have failed already
  }

  function start() {
    workers.register(ROOT + "sw.js").then(function (registration) {
      watch(registration);
      whenBroken(registration);
      return workers.ready;
    }).then(function (registration) {
      var worker = registration.active;
      // this page was loaded before the worker could keep it: ask it to
      worker.postMessage({type: "read", url: location.href.split("#")[0]});
      var box = document.getElementById("offline-box"), page = document.getElementById("offline-page");
      if (box) saveBlock(box, worker);
      if (page) offlinePage(page, worker);
    }).catch(function () { /* no worker (private mode, storage off): the site works as it is */ });
  }
  function whenIdle() {
    if ("requestIdleCallback" in window) requestIdleCallback(start, {timeout: 1000});
    else setTimeout(start, 0);
  }
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle);
})();
