"use strict";
// Loaded on every admin page (templates/admin/base_site.html), after django-modeltranslation
// has turned a field's languages into tabs (jQuery UI, on DOMContentLoaded; hence "load").
// - Each tab reads its language's name ("French"), not its code ("fr"); in a table's cell the
//   code stays, for room, and the name is its accessible name.
// - A tab (role="tab") must hold nothing focusable (axe-core: nested-interactive): jQuery UI
//   keeps an <a href> inside it. The link loses its href attribute (jQuery UI reads the href
//   property, which stays); the tab still selects on click and with the arrow keys.
// - The switch of a table's language (tabular inlines) gets an accessible name.
// - A page shown again with errors opens, in each group of tabs, the first language whose field
//   has one; every such tab is marked ("!", in the admin's error colour) and described by the
//   field's own error message (aria-describedby).
// - An address naming a field (#id_title_ar, from the "Translation status" page) opens that
//   field's language and focuses it.
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

    // The tabs of a group, each with its panel.
    const tabsOf = (group) =>
        [...group.querySelectorAll(":scope > .ui-tabs-nav > [role=tab]")].map((tab) => ({
            tab,
            panel: document.getElementById(tab.getAttribute("aria-controls")),
        }));

    const activate = (group, index) => window.jQuery(group).tabs("option", "active", index);

    const markErrors = () => {
        let count = 0;
        document.querySelectorAll(".ui-tabs").forEach((group) => {
            let first = -1;
            tabsOf(group).forEach(({ tab, panel }, index) => {
                const error = panel?.querySelector(".errorlist, .errors");
                if (!error) {
                    return;
                }
                const list = panel.querySelector(".errorlist") || error;
                if (!list.id) {
                    list.id = `${panel.id}_error_${(count += 1)}`;
                }
                tab.classList.add("plenary-tab-error");
                tab.setAttribute("aria-describedby", list.id);
                const mark = document.createElement("span");
                mark.className = "plenary-tab-error-mark";
                mark.setAttribute("aria-hidden", "true");
                mark.textContent = "!";
                tab.querySelector(".ui-tabs-anchor")?.append(mark);
                if (first < 0) {
                    first = index;
                }
            });
            if (first >= 0) {
                activate(group, first);
            }
        });
    };

    const openAddressedField = () => {
        let target = null;
        try {
            target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        } catch (error) {
            return; // an address that names no id
        }
        const panel = target?.closest(".ui-tabs-panel");
        if (!panel) {
            return;
        }
        const group = panel.closest(".ui-tabs");
        const index = tabsOf(group).findIndex((entry) => entry.panel === panel);
        if (index >= 0) {
            activate(group, index);
        }
        target.focus();
    };

    const start = () => {
        fix(document);
        markErrors();
        openAddressedField();
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
    };

    // jQuery runs its ready callbacks in turn, later than "load" at times: this one is queued
    // after django-modeltranslation's, which makes the tabs and chooses the language they show.
    window.addEventListener("load", () => (window.jQuery ? window.jQuery(start) : start()));
}
