// Copy buttons of the "Cite this paper" box (build_tools/bibliography/citebox.py).
// Works offline: no library, no network. The buttons are `hidden` in the HTML, so readers
// without JavaScript see only the selectable text; this script reveals them.
(function () {
  "use strict";

  function reveal() {
    document.querySelectorAll("button[data-cite-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }

  // Fallback for pages opened from disk or over plain HTTP, where the Clipboard API is missing.
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyBySelection(text); }
      );
    }
    return Promise.resolve(copyBySelection(text));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-cite-copy]") : null;
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-cite-copy"));
    if (!source) {
      return;
    }
    var text = source.innerText.trim();
    copy(text).then(function (ok) {
      button.setAttribute("data-copied", ok ? "true" : "false");
      if (!ok) {
        return;
      }
      var label = button.getAttribute("data-cite-label") || button.textContent;
      button.setAttribute("data-cite-label", label);
      button.textContent = button.getAttribute("data-cite-done") || label;
      window.setTimeout(function () { button.textContent = label; }, 2000);
    });
  });

  // Material's instant navigation swaps the page without a new load; `document$` tells us when.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reveal);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
