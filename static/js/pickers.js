// Type-ahead pickers (core/pickers.py): a text box searches with htmx, a hidden input keeps
// the chosen key. Arrow keys move through the matches, Enter chooses, Escape closes.
// No inline scripts (Content-Security-Policy): everything is delegated from the document.
(function () {
  "use strict";

  function pickerOf(el) { return el && el.closest ? el.closest("[data-picker]") : null; }

  function parts(picker) {
    return {
      hidden: picker.querySelector("[data-picker-value]"),
      input: picker.querySelector("[data-picker-input]"),
      list: picker.querySelector("[data-picker-results]")
    };
  }

  function options(picker) {
    return Array.prototype.slice.call(parts(picker).list.querySelectorAll("[data-value]"));
  }

  function close(picker) {
    var x = parts(picker);
    x.list.innerHTML = "";
    x.input.setAttribute("aria-expanded", "false");
    x.input.removeAttribute("aria-activedescendant");
  }

  function setValue(picker, value, label) {
    var x = parts(picker);
    var changed = x.hidden.value !== value;
    x.hidden.value = value;
    x.input.value = label;
    x.input.setAttribute("data-chosen", label);
    if (changed) x.hidden.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // A multiple picker adds a removable chip (with its own hidden input) per choice.
  function addChip(picker, value, label) {
    var chosen = picker.querySelector("[data-picker-chosen]");
    var taken = Array.prototype.some.call(chosen.querySelectorAll("input"), function (el) {
      return el.value === value;
    });
    if (taken) return;
    var chip = document.createElement("span");
    chip.className = "picker-chip badge text-bg-light border";
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = picker.getAttribute("data-picker-name");
    hidden.value = value;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn-close";
    remove.setAttribute("data-picker-remove", "");
    remove.setAttribute("aria-label", label);
    chip.appendChild(hidden);
    chip.appendChild(document.createTextNode(label + " "));
    chip.appendChild(remove);
    chosen.appendChild(chip);
  }

  function choose(picker, option) {
    if (picker.hasAttribute("data-picker-multiple")) {
      addChip(picker, option.getAttribute("data-value"), option.getAttribute("data-label"));
      parts(picker).input.value = "";
    } else {
      setValue(picker, option.getAttribute("data-value"), option.getAttribute("data-label"));
    }
    close(picker);
  }

  function activate(picker, index) {
    var opts = options(picker);
    var x = parts(picker);
    if (!opts.length) return;
    index = (index + opts.length) % opts.length;
    opts.forEach(function (opt, i) {
      var on = i === index;
      opt.classList.toggle("active", on);
      opt.setAttribute("aria-selected", on ? "true" : "false");
    });
    x.input.setAttribute("aria-activedescendant", opts[index].id);
    opts[index].scrollIntoView({ block: "nearest" });
  }

  function activeIndex(picker) {
    var opts = options(picker);
    for (var i = 0; i < opts.length; i++) if (opts[i].classList.contains("active")) return i;
    return -1;
  }

  // The search sends what was typed (nothing when the box still shows the chosen record's
  // label: then the first rows are offered) and the values of the fields it depends on.
  document.addEventListener("htmx:configRequest", function (event) {
    var picker = pickerOf(event.detail.elt);
    if (!picker || !event.detail.elt.hasAttribute("data-picker-input")) return;
    var input = event.detail.elt;
    var typed = input.value === input.getAttribute("data-chosen") ? "" : input.value;
    event.detail.parameters.q = typed;
    var depends = JSON.parse(picker.getAttribute("data-picker-depends") || "{}");
    Object.keys(depends).forEach(function (param) {
      var el = document.getElementById(depends[param]);
      if (el && el.value) event.detail.parameters[param] = el.value;
    });
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    // htmx fires this on the requesting box or on the list, depending on its version.
    var target = (event.detail && event.detail.target) || event.target;
    var picker = pickerOf(target);
    if (!picker || !target.hasAttribute("data-picker-results")) return;
    var x = parts(picker);
    if (document.activeElement !== x.input) { close(picker); return; }
    x.input.setAttribute("aria-expanded", "true");
    if (options(picker).length) activate(picker, 0);
  });

  // Typing over a chosen record un-chooses it: only a match from the list is a choice.
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (!el.hasAttribute || !el.hasAttribute("data-picker-input")) return;
    var picker = pickerOf(el);
    var x = parts(picker);
    if (x.hidden && x.hidden.value && el.value !== el.getAttribute("data-chosen")) {
      x.hidden.value = "";
      el.setAttribute("data-chosen", "");
      x.hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!el.hasAttribute || !el.hasAttribute("data-picker-input")) return;
    var picker = pickerOf(el);
    var open = options(picker).length > 0;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!open) { if (window.htmx) window.htmx.trigger(el, "focus"); return; }
      event.preventDefault();
      activate(picker, activeIndex(picker) + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();  // choosing a match does not submit the form
      // Enter without moving through the list takes the first match.
      choose(picker, options(picker)[Math.max(activeIndex(picker), 0)]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close(picker);
    }
  });

  document.addEventListener("click", function (event) {
    var remove = event.target.closest ? event.target.closest("[data-picker-remove]") : null;
    if (!remove) return;
    var picker = pickerOf(remove);
    remove.closest(".picker-chip").remove();
    parts(picker).input.focus();
  });

  // mousedown, not click: the box would lose focus (and the list close) first.
  document.addEventListener("mousedown", function (event) {
    var option = event.target.closest ? event.target.closest("[data-picker-results] [data-value]") : null;
    if (!option) return;
    event.preventDefault();
    choose(pickerOf(option), option);
  });

  document.addEventListener("focusout", function (event) {
    var picker = pickerOf(event.target);
    if (!picker) return;
    window.setTimeout(function () {
      if (!picker.contains(document.activeElement)) close(picker);
    }, 150);
  });

  // A changed choice clears the pickers that depend on it (the policy of another customer).
  document.addEventListener("change", function (event) {
    var id = event.target && event.target.id;
    if (!id) return;
    document.querySelectorAll("[data-picker]").forEach(function (picker) {
      var depends = JSON.parse(picker.getAttribute("data-picker-depends") || "{}");
      var hit = Object.keys(depends).some(function (param) { return depends[param] === id; });
      var hidden = parts(picker).hidden;
      if (hit && hidden && hidden.value) setValue(picker, "", "");
    });
  });
})();
