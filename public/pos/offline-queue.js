/*
 * The register's offline queue. When the server can't be reached, the register page keeps taking
 * cash sales and hands each one here: it is stored in IndexedDB (it survives a closed tab or a
 * flat battery) under its idempotency key, and sent to POST /pos/sync when the connection returns
 * (on the browser's "online" event, every 15 seconds while sales wait, and on "Sync now").
 *
 * The server records each key once, so a sale sent twice (a retry after a lost answer, two tabs)
 * is still one sale. A sale the server refuses (4xx, e.g. a price changed so the cash no longer
 * covers it) stays in the queue marked for attention, with the server's message.
 *
 *   window.SokoPosQueue.add(sale)   → Promise, then a sync attempt
 *   window.SokoPosQueue.sync()      → Promise
 *   window.SokoPosQueue.state()     → Promise<{ waiting, failed, syncing, lastError }>
 * Every change is announced as a "soko-pos-queue" event on window, with the state as its detail.
 */
(() => {
  if (window.SokoPosQueue) return;

  var DB_NAME = "soko-pos";
  var STORE = "sales";
  var dbPromise = null;
  var syncing = false;
  var lastError = null;

  function open() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore(STORE, { keyPath: "key" });
        };
        request.onsuccess = () => {
          resolve(request.result);
        };
        request.onerror = () => {
          reject(request.error);
        };
      });
    }
    return dbPromise;
  }

  function tx(mode, work) {
    return open().then(
      (db) =>
        new Promise((resolve, reject) => {
          var t = db.transaction(STORE, mode);
          var result;
          t.oncomplete = () => {
            resolve(result);
          };
          t.onerror = () => {
            reject(t.error);
          };
          t.onabort = () => {
            reject(t.error);
          };
          result = work(t.objectStore(STORE));
        }),
    );
  }

  function all() {
    return open().then(
      (db) =>
        new Promise((resolve, reject) => {
          var request = db.transaction(STORE, "readonly").objectStore(STORE).getAll();
          request.onsuccess = () => {
            resolve(request.result || []);
          };
          request.onerror = () => {
            reject(request.error);
          };
        }),
    );
  }

  function state() {
    return all().then((rows) => {
      var failed = rows.filter((r) => r.error);
      return {
        waiting: rows.length,
        failed: failed.length,
        syncing: syncing,
        lastError: failed.length ? failed[failed.length - 1].error : lastError,
      };
    });
  }

  function announce() {
    return state().then((detail) => {
      window.dispatchEvent(new CustomEvent("soko-pos-queue", { detail: detail }));
      return detail;
    });
  }

  function add(sale) {
    var row = { key: sale.key, sale: sale, queuedAt: new Date().toISOString(), attempts: 0, error: null };
    return tx("readwrite", (store) => {
      store.put(row);
    })
      .then(announce)
      .then(() => {
        sync();
      });
  }

  function sendOne(row) {
    return fetch("/pos/sync", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
      body: JSON.stringify(row.sale),
    }).then((res) =>
      res
        .json()
        .catch(() => ({}))
        .then((body) => ({ status: res.status, body: body })),
    );
  }

  function sync() {
    if (syncing || !navigator.onLine) return announce();
    syncing = true;
    lastError = null;
    announce();
    return all()
      .then((rows) => {
        rows.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : 1));
        var chain = Promise.resolve();
        var stop = false;
        rows.forEach((row) => {
          chain = chain.then(() => {
            if (stop) return;
            return sendOne(row).then(
              (answer) => {
                if (answer.status === 200 || answer.status === 201 || answer.status === 202) {
                  // Recorded now, already recorded before, or held for a manager (its time was outside
                  // the shift): either way the server has it once.
                  if (answer.status === 202) lastError = answer.body?.message || "A sale was held for a manager.";
                  return tx("readwrite", (store) => {
                    store.delete(row.key);
                  });
                }
                if (answer.status === 401 || answer.status === 409 || answer.status >= 500) {
                  // Signed out, no open shift, or the server is struggling: keep it and try later.
                  lastError = answer.body?.error || "The server couldn't take the sale yet.";
                  stop = true;
                  return;
                }
                row.attempts += 1;
                row.error = answer.body?.error || `The server refused this sale (${answer.status}).`;
                return tx("readwrite", (store) => {
                  store.put(row);
                });
              },
              () => {
                // Still unreachable: stop here, everything stays queued.
                stop = true;
              },
            );
          });
        });
        return chain;
      })
      .catch((error) => {
        lastError = String(error?.message || error);
      })
      .then(() => {
        syncing = false;
        return announce();
      });
  }

  window.SokoPosQueue = { add: add, sync: sync, state: state };
  window.addEventListener("online", () => {
    sync();
  });
  setInterval(() => {
    state().then((s) => {
      if (s.waiting > s.failed && navigator.onLine) sync();
    });
  }, 15000);
  // Sales left from before a reload go out as soon as the page is back.
  if (navigator.onLine) sync();
  else announce();
})();
