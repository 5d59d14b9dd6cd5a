(function () {
  var version = {{ version }};
  var failed = {{ failed }};
  function poll() {
    fetch("{{ wait }}?since=" + version, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        var here = decodeURI(location.pathname);
        var mine = answer.urls.indexOf("{{ every }}") >= 0 || answer.urls.indexOf(here) >= 0;
        if (answer.failed !== failed || (answer.version !== version && mine)) {
          location.reload();
          return;
        }
        version = answer.version;
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
