"use strict";
// The admin's autocomplete (select2) names its combobox by the text shown in it, which is empty
// until something is chosen, so a screen reader hears no name for it (axe-core:
// aria-input-field-name). Name it by the field's own label, followed by what is chosen.
{
    const named = (select) => {
        const label = document.querySelector(`label[for="${select.id}"]`);
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
            rendered.setAttribute("aria-labelledby", label.id);
            if (combobox) {
                combobox.setAttribute("aria-labelledby", `${label.id} ${rendered.id}`);
            }
        }
    };
    // After the admin's autocomplete.js has made its widgets (on DOMContentLoaded).
    window.addEventListener("load", () => {
        document.querySelectorAll("select.admin-autocomplete").forEach(named);
    });
}
