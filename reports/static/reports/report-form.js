// The report request form: only the fields of the chosen kind of period are shown, and
// the person's type-ahead only when the scope is "a person".
(function () {
  const form = document.getElementById("report-form");
  if (!form) return;
  function group(name) {
    const el = form.querySelector(`[name=${name}]`);
    return el ? el.closest("[data-field], .mb-3, .col-md-6, .col") || el.parentElement : null;
  }
  function sync() {
    const checked = form.querySelector("input[name=period_kind]:checked");
    const custom = checked && checked.value === "custom";
    for (const name of ["start", "last_day"]) {
      const g = group(name);
      if (g) g.hidden = !custom;
    }
    const day = group("day");
    if (day) day.hidden = custom;
    const scope = form.querySelector("[name=scope]");
    const person = group("person");
    if (person) person.hidden = !scope || scope.value !== "person";
  }
  form.addEventListener("change", sync);
  sync();
})();
