"use strict";
// Loaded on every admin page (templates/admin/base_site.html).
// The admin's autocomplete (select2) names its combobox by the text shown in it, which is empty
// until something is chosen, and its search box (in a multiple choice) has no name at all, so a
// screen reader hears no name for them (axe-core: aria-input-field-name, label). Name them by the
// field's own label (in a tabular inline, the hidden label of its cell), followed by what is chosen.
{
    const named = (select) => {
        const label = document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
        const container = select.nextElementSibling;
        if (!label || !container || !container.classList.contains("select2")) {
            return;
        }
        if (!label.id) {
            label.id = `${select.id}_label`;
        }
        const combobox = container.querySelector('[role="combobox"]');
        const rendered = container.querySelector(".select2-selection__rendered");
        if (rendered) {
            if (rendered.id) {
                rendered.setAttribute("aria-labelledby", label.id);
            }
            if (combobox) {
                const chosen = rendered.id ? ` ${rendered.id}` : "";
                combobox.setAttribute("aria-labelledby", `${label.id}${chosen}`);
            }
        }
        container.querySelectorAll(".select2-search__field").forEach((field) => {
            field.setAttribute("aria-labelledby", label.id);
        });
    };
    const nameAll = (root) => {
        root.querySelectorAll("select.admin-autocomplete").forEach(named);
    };
    // After the admin's autocomplete.js has made its widgets (on DOMContentLoaded).
    window.addEventListener("load", () => {
        nameAll(document);
        // jQuery runs its ready callbacks in turn, later than "load" at times: this one is
        // queued after autocomplete.js's, so it names the widgets it made too.
        if (window.django && window.django.jQuery) {
            window.django.jQuery(() => nameAll(document));
        }
        // select2 draws a multiple choice's search box anew when the choice changes.
        if (window.django && window.django.jQuery) {
            const $ = window.django.jQuery;
            $(document).on("change", "select.admin-autocomplete", (event) => {
                named(event.target);
            });
            // The search box of an open single choice is drawn at the end of the page; the
            // combobox says which list it controls (ARIA 1.2 wants aria-controls).
            $(document).on("select2:open", "select.admin-autocomplete", (event) => {
                const combobox = event.target.nextElementSibling?.querySelector('[role="combobox"]');
                const owned = combobox?.getAttribute("aria-owns");
                if (owned) {
                    combobox.setAttribute("aria-controls", owned);
                }
                const label = document.getElementById(`${event.target.id}_label`);
                if (label) {
                    document
                        .querySelectorAll(".select2-container--open .select2-search__field")
                        .forEach((field) => field.setAttribute("aria-labelledby", label.id));
                }
            });
        }
    });
    // A row added to an inline: autocomplete.js makes its widgets on the same event, first.
    document.addEventListener("formset:added", (event) => {
        nameAll(event.target);
    });
}
