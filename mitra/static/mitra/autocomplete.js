// Long lists (government bodies, provinces, regencies, organizations) as an accessible
// autocomplete: Tom Select (ADR 0021) enhances every select[data-autocomplete]. Without
// JavaScript the plain select works. The box searches each option's text and its data-search
// (name, English name, acronym, aliases); bodies no longer in existence (data-ended) are left
// out of the suggestions unless the user ticks "Include bodies no longer in existence".
(() => {
  "use strict";

  const escapeHtml = (text) =>
    String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  const enhance = (select) => {
    if (select.tomselect || typeof window.TomSelect !== "function") return;
    const ended = select.querySelector("option[data-ended]") !== null;
    const settings = {
      searchField: ["text", "search"],
      maxOptions: null,
      closeAfterSelect: !select.multiple,
      hidePlaceholder: true,
      plugins: select.multiple ? { remove_button: { title: "×" } } : {},
      render: {
        no_results: () =>
          `<div class="no-results" role="status">${escapeHtml(select.dataset.autocompleteEmpty || "")}</div>`,
      },
      onItemAdd() {
        if (select.multiple) this.setTextboxValue("");
      },
    };
    const box = new window.TomSelect(select, settings);
    // Tom Select points the field's <label> at its own text box; the original select (now
    // visually hidden, still submitted) keeps its name through aria-labelledby.
    const label = document.getElementById(`${box.inputId}-ts-label`);
    if (label) select.setAttribute("aria-labelledby", label.id);
    if (!ended) return;
    // Bodies no longer in existence leave the suggestions (chosen ones stay chosen) until the
    // user ticks the checkbox added below: a real checkbox, reached by keyboard and screen
    // readers like any other control.
    const endedOptions = Object.values(box.options)
      .filter((option) => option.ended)
      .map(({ $div, ...option }) => option);
    const hideEnded = () => {
      for (const option of endedOptions) {
        if (!box.items.includes(option.value)) box.removeOption(option.value, true);
      }
    };
    const showEnded = () => {
      for (const option of endedOptions) {
        if (!box.options[option.value]) box.addOption(option);
      }
    };
    hideEnded();
    const id = `${select.id || select.name}-include-ended`;
    const wrap = document.createElement("div");
    wrap.className = "form-check mt-1";
    wrap.innerHTML =
      `<input class="form-check-input" type="checkbox" id="${escapeHtml(id)}">` +
      `<label class="form-check-label small" for="${escapeHtml(id)}">${escapeHtml(select.dataset.autocompleteEnded || "")}</label>`;
    box.wrapper.after(wrap);
    wrap.querySelector("input").addEventListener("change", (event) => {
      if (event.target.checked) showEnded();
      else hideEnded();
      box.refreshOptions(false);
    });
  };

  const enhanceAll = (root) => {
    for (const select of root.querySelectorAll("select[data-autocomplete]")) enhance(select);
  };

  document.addEventListener("DOMContentLoaded", () => {
    enhanceAll(document);
    // Forms that htmx swaps in are enhanced too.
    document.body.addEventListener("htmx:load", (event) => enhanceAll(event.target));
  });
})();
