// Customer entry form: derive birth date, gender and province from an 18-digit resident ID,
// mark the fields the chosen stage requires, and show company-only fields for companies.
// The server checks all of this again (customers/validators.py); this only saves typing.
(function () {
  "use strict";

  var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CHECK = "10X98765432";
  var PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "內蒙古自治區",
    "21": "遼寧省", "22": "吉林省", "23": "黑龍江省", "31": "上海市", "32": "江蘇省",
    "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山東省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "廣東省", "45": "廣西壯族自治區",
    "46": "海南省", "50": "重慶市", "51": "四川省", "52": "貴州省", "53": "雲南省",
    "54": "西藏自治區", "61": "陝西省", "62": "甘肅省", "63": "青海省", "64": "寧夏回族自治區",
    "65": "新疆維吾爾自治區", "71": "臺灣省", "81": "香港特別行政區", "82": "澳門特別行政區",
    "83": "臺灣省"
  };

  // {ok, code, birth: "YYYY-MM-DD", gender: "male"|"female", province}
  function parseId(raw) {
    var v = (raw || "").replace(/\s+/g, "").toUpperCase();
    if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, code: "format" };
    var y = +v.substr(6, 4), m = +v.substr(10, 2), d = +v.substr(12, 2);
    var date = new Date(y, m - 1, d);
    if (y < 1900 || date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d || date > new Date()) {
      return { ok: false, code: "date" };
    }
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += (+v.charAt(i)) * WEIGHTS[i];
    if (CHECK.charAt(sum % 11) !== v.charAt(17)) return { ok: false, code: "checksum" };
    return {
      ok: true,
      birth: v.substr(6, 4) + "-" + v.substr(10, 2) + "-" + v.substr(12, 2),
      gender: (+v.charAt(16)) % 2 === 1 ? "male" : "female",
      province: PROVINCES[v.substr(0, 2)] || ""
    };
  }

  function fieldBox(form, name) {
    var input = form.querySelector("[name='" + name + "']");
    return input ? input.closest(".col-md-6, .col-12") : null;
  }

  function radioValue(form, name) {
    var checked = form.querySelector("input[name='" + name + "']:checked");
    return checked ? checked.value : "";
  }

  function note(box, cls, text, ok) {
    if (!box) return;
    var el = box.querySelector("." + cls);
    if (!el) {
      el = document.createElement("div");
      el.className = "form-text " + cls;
      box.appendChild(el);
    }
    el.textContent = text || "";
    el.classList.toggle("text-success", !!ok);
    el.classList.toggle("text-danger", !ok && !!text);
  }

  function setupIdNumber(root, form) {
    var idInput = form.querySelector("#id_id_number");
    var idType = form.querySelector("#id_id_type");
    if (!idInput) return;
    var msgs = root.dataset;

    function check() {
      var type = idType ? idType.value : "prc_id";
      var box = fieldBox(form, "id_number");
      if (type !== "prc_id" || !idInput.value.trim()) { note(box, "id-check", ""); return; }
      var r = parseId(idInput.value);
      if (!r.ok) {
        var partial = idInput.value.replace(/\s+/g, "").length < 18 && r.code === "format";
        note(box, "id-check", partial ? "" : msgs["msg" + r.code.charAt(0).toUpperCase() + r.code.slice(1)], false);
        return;
      }
      note(box, "id-check", msgs.msgOk, true);
      var birth = form.querySelector("#id_birth_date");
      if (birth && birth.value !== r.birth) {
        birth.value = r.birth;
        note(fieldBox(form, "birth_date"), "derived", msgs.msgDerived, true);
      }
      var gender = form.querySelector("input[name='gender'][value='" + r.gender + "']");
      if (gender && !gender.checked) {
        gender.checked = true;
        note(fieldBox(form, "gender"), "derived", msgs.msgDerived + ": " + (r.gender === "male" ? msgs.msgMale : msgs.msgFemale), true);
      }
      var province = form.querySelector("#id_province");
      if (province && !province.value && r.province) province.value = r.province;
    }

    idInput.addEventListener("input", check);
    idInput.addEventListener("change", check);
    if (idType) idType.addEventListener("change", function () {
      check();
      document.body.dispatchEvent(new Event("idcheck"));
    });
  }

  function setupStage(root, form) {
    var spec;
    try { spec = JSON.parse(root.dataset.required || "{}"); } catch (e) { return; }

    function refresh() {
      var kind = radioValue(form, "kind") || "individual";
      var stage = radioValue(form, "stage") || "prospect";
      var required = ((spec[kind] || {})[stage]) || [];
      form.querySelectorAll(".stage-mark").forEach(function (el) { el.remove(); });
      required.forEach(function (name) {
        var box = fieldBox(form, name);
        var label = box && box.querySelector("label.form-label");
        if (!label || label.querySelector(".required-mark")) return;
        var mark = document.createElement("span");
        mark.className = "required-mark stage-mark";
        mark.textContent = "*";
        label.appendChild(mark);
      });
      ["contact_person"].forEach(function (name) {
        var box = fieldBox(form, name);
        if (box) box.classList.toggle("d-none", kind !== "company");
      });
      ["gender", "birth_date"].forEach(function (name) {
        var box = fieldBox(form, name);
        if (box) box.classList.toggle("d-none", kind === "company");
      });
    }

    form.addEventListener("change", function (event) {
      var n = event.target && event.target.name;
      if (n === "kind" || n === "stage") refresh();
    });
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("customer-form");
    if (!root) return;
    var form = root.closest("form");
    setupIdNumber(root, form);
    setupStage(root, form);
  });
})();
