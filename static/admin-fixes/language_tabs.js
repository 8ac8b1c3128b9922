"use strict";
// Loaded on every admin page (templates/admin/base_site.html), after django-modeltranslation
// has turned a field's languages into tabs (jQuery UI, on DOMContentLoaded; hence "load").
// - Each tab reads its language's name ("French"), not its code ("fr"); in a table's cell the
//   code stays, for room, and the name is its accessible name.
// - A tab (role="tab") must hold nothing focusable (axe-core: nested-interactive): jQuery UI
//   keeps an <a href> inside it. The link loses its href attribute (jQuery UI reads the href
//   property, which stays); the tab still selects on click and with the arrow keys.
// - The switch of a table's language (tabular inlines) gets an accessible name.
{
    const switchLabel = () =>
        document.querySelector('meta[name="plenary-language-switch"]')?.content || "Language";

    const fix = (root) => {
        root.querySelectorAll(".ui-tabs-nav a.ui-tabs-anchor[href]").forEach((anchor) => {
            // Without its href attribute the link is not focusable. jQuery UI still reads the
            // link's href and hash (properties) when a tab is chosen: they stay, as properties.
            const href = anchor.href;
            const hash = anchor.hash;
            anchor.removeAttribute("href");
            Object.defineProperty(anchor, "href", { value: href });
            Object.defineProperty(anchor, "hash", { value: hash });
            if (!anchor.title) {
                return;
            }
            if (anchor.closest("td")) {
                // In a table's narrow cell, the code ("FR") shows; the name is what is heard.
                anchor.setAttribute("aria-label", anchor.title);
            } else {
                anchor.textContent = anchor.title;
            }
        });
        root.querySelectorAll("select.modeltranslation-switch:not([aria-label])").forEach((select) => {
            select.setAttribute("aria-label", switchLabel());
            // Its options read the languages' names, and it shows the language the tabs show.
            const names = new Intl.DisplayNames([document.documentElement.lang || "en"], {
                type: "language",
            });
            for (const option of select.options) {
                try {
                    option.textContent = names.of(option.textContent.trim().toLowerCase());
                } catch (error) {
                    // A code Intl does not know keeps its code.
                }
            }
            const active = document.querySelector(".ui-tabs-nav .ui-tabs-active");
            if (active) {
                select.selectedIndex = [...active.parentElement.children].indexOf(active);
            }
        });
    };

    window.addEventListener("load", () => {
        fix(document);
        // Rows added with "Add another" get their tabs later.
        new MutationObserver((changes) => {
            for (const change of changes) {
                change.addedNodes.forEach((node) => {
                    if (node.nodeType === Node.ELEMENT_NODE) {
                        fix(node.parentElement || node);
                    }
                });
            }
        }).observe(document.body, { childList: true, subtree: true });
    });
}
