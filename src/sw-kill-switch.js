/* Letter Widget kill switch: removes the offline worker and everything it kept.
 *
 * Serve this file under the worker's name (copy it over sw.js in the
 * widget's folder). The next time a reader opens a page in that folder, the
 * browser finds the changed worker, installs this one in its place, and this
 * one deletes the widget's caches for the folder and unregisters itself.
 * Pages then load from the network as if there had never been a worker.
 * Drafts in localStorage are the reader's and stay.
 */
"use strict";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  var prefix = "letter-widget:" + self.registration.scope + ":"; // as sw.js names them
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf(prefix) === 0;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .catch(function () {})
      .then(function () {
        return self.registration.unregister();
      })
  );
});
