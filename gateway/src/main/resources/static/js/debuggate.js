// Small enhancements; every page works without them.
(function () {
  // htmx requests carry the CSRF token (polls are GETs, but a future hx-post must not fail silently).
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });
  // Put the keyboard focus on the error summary or a refusal, so screen readers announce it first.
  document.addEventListener("DOMContentLoaded", function () {
    var first = document.getElementById("error-summary") || document.getElementById("refusal");
    if (first) {
      first.focus();
    }
  });
})();
