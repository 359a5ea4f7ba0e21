// The fact-sheet editor: the checks of briefing check beside each field as the operator types
// (the form is sent to the desk, which answers with each field's problems), and a word before
// leaving a page with changes not saved. The page works without this script: Check and Save
// are buttons of the form.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("sheet");
  if (!form) return;
  var status = document.getElementById("check-status");
  var dirty = form.hasAttribute("data-dirty"), submitting = false, timer = null, asked = 0;

  function names(kind) { return form.getAttribute("data-" + kind) || kind; }

  function problemLine(problem) {
    var line = document.createElement("p");
    line.className = "problem " + problem.severity;
    var badge = document.createElement("span");
    badge.className = "severity";
    badge.textContent = names(problem.severity);
    line.appendChild(badge);
    line.appendChild(document.createTextNode(" " + (problem.prefix || "") + problem.message));
    return line;
  }

  function show(answer) {
    var boxes = form.querySelectorAll(".field-problems");
    boxes.forEach(function (box) { box.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    answer.problems.forEach(function (problem) {
      var box = document.getElementById(problem.id + "-problems");
      if (!box) return;
      box.appendChild(problemLine(problem));
      if (problem.severity === "error") {
        var holder = document.getElementById(problem.id);
        var inputs = holder ? (holder.matches("input, select, textarea") ? [holder] :
          holder.querySelectorAll(":scope > input, :scope > select, :scope > textarea, :scope > .date-parts select, :scope > .date-parts input")) : [];
        var own = document.getElementById(problem.id + "-input");
        if (own) own.setAttribute("aria-invalid", "true");
        inputs.forEach(function (el) { el.setAttribute("aria-invalid", "true"); });
      }
    });
    var sheet = document.getElementById("sheet-problems");
    sheet.textContent = "";
    answer.sheet.forEach(function (problem) {
      sheet.appendChild(problemLine({severity: problem.severity, message: problem.message,
                                     prefix: problem.field ? problem.field + ": " : ""}));
    });
    answer.elsewhere.forEach(function (text) { sheet.appendChild(problemLine({severity: "error", message: text})); });
    Object.keys(answer.figures).forEach(function (id) {
      var line = document.getElementById(id + "-prints");
      if (!line) return;
      line.querySelector("span").textContent = answer.figures[id];
      line.hidden = false;
    });
    form.querySelectorAll(".prints-as").forEach(function (line) {
      if (!answer.figures[line.id.replace(/-prints$/, "")]) line.hidden = true;
    });
    status.textContent = answer.failure || answer.summary;
    var links = document.getElementById("error-links");
    links.textContent = "";
    var linked = {};
    answer.problems.forEach(function (problem) {
      if (problem.severity !== "error" || linked[problem.id] || Object.keys(linked).length >= 6) return;
      linked[problem.id] = true;
      var link = document.createElement("a");
      link.href = "#" + problem.id;
      link.textContent = problem.field;
      links.appendChild(link);
    });
  }

  function check() {
    var number = ++asked;
    var body = new URLSearchParams(new FormData(form));
    body.delete("op");
    status.textContent = names("checking");
    fetch(form.getAttribute("data-check"), {method: "POST", body: body, credentials: "same-origin",
                                            headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) { if (answer && number === asked) show(answer); })
      .catch(function () { /* the Check button still works */ });
  }

  // A box as tall as its text (where the browser does not size it by itself, field-sizing).
  function fit(box) {
    if (CSS.supports && CSS.supports("field-sizing", "content")) return;
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  form.querySelectorAll("textarea").forEach(fit);
  form.addEventListener("input", function (event) { if (event.target.tagName === "TEXTAREA") fit(event.target); });

  function changed() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(check, 600);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty || submitting) return;
    event.preventDefault();
    event.returnValue = form.getAttribute("data-unsaved");
  });
});
