"use strict";
// The programme editor (admin/meetings/meeting/<pk>/programme/). Without this script the page
// works with its empty rows under "Add a …". With it: "Add" buttons copy the page's <template>
// rows under new keys ("new-7"), rows move with "Move up"/"Move down" (focus stays on the button,
// a live region says where the row went) or by dragging their handle (SortableJS). The order of
// rows is the order of their hidden key inputs, which the server reads.
// Loaded in the page's head: it starts once the page is read.
document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("programme-editor");
    const announcer = document.getElementById("pe-announce");
    let nextKey = 1;

    const format = (pattern, values) =>
        pattern.replace(/%\((\w+)\)s/g, (match, name) => String(values[name] ?? match));

    const announce = (message) => {
        announcer.textContent = "";
        // A new text node is read out even when the message is the same as the last one.
        window.setTimeout(() => {
            announcer.textContent = message;
        }, 50);
    };

    const rowName = (row) => row.querySelector(".pe-name")?.textContent.replace(/:\s*$/, "") ?? "";

    const rows = (list) => [...list.children].filter((child) => child.matches("li.pe-row"));

    const sessionLists = () => [
        ...document.querySelectorAll(".pe-session-choices"),
        ...[...document.querySelectorAll("template")].flatMap((template) => [
            ...template.content.querySelectorAll(".pe-session-choices"),
        ]),
    ];

    const sessionSelects = () => [
        ...document.querySelectorAll(".pe-field-session select"),
        ...[...document.querySelectorAll("template")].flatMap((template) => [
            ...template.content.querySelectorAll(".pe-field-session select"),
        ]),
    ];

    const offerSession = (key, label) => {
        sessionLists().forEach((choices) => {
            const wrapper = document.createElement("label");
            const box = document.createElement("input");
            box.type = "checkbox";
            box.name = choices.dataset.name;
            box.value = key;
            wrapper.append(box, ` ${label}`);
            choices.append(wrapper);
        });
        sessionSelects().forEach((select) => select.add(new Option(label, key)));
    };

    const forgetSession = (key) => {
        sessionLists().forEach((choices) => {
            choices.querySelectorAll(`input[value="${key}"]`).forEach((box) => box.closest("label").remove());
        });
        sessionSelects().forEach((select) => {
            select.querySelectorAll(`option[value="${key}"]`).forEach((option) => option.remove());
        });
    };

    const copyTemplate = (kind, name) => {
        const key = `new-${nextKey++}`;
        const template = document.getElementById(`pe-template-${kind}`);
        const html = template.innerHTML.replaceAll("__key__", key).replaceAll("__name__", name);
        const holder = document.createElement("ol");
        holder.innerHTML = html;
        const row = holder.querySelector("li.pe-row");
        return { key, row };
    };

    const placeRow = (row, list, message) => {
        list.append(row);
        row.querySelectorAll(".pe-handle, .pe-add").forEach((element) => {
            element.hidden = false;
        });
        row.querySelectorAll("ol.pe-items, ol.pe-segments, ol.pe-people").forEach(sortable);
        row.dispatchEvent(new CustomEvent("formset:added", { bubbles: true }));
        row.querySelector("input:not([type=hidden]), select, textarea")?.focus();
        announce(message);
    };

    const addSession = () => {
        const list = document.querySelector(".pe-new-sessions");
        const name = format(form.dataset.newSession, { number: rows(list).length + 1 });
        const { key, row } = copyTemplate("session", name);
        offerSession(key, name);
        placeRow(row, list, format(form.dataset.added, { name }));
    };

    const addItem = () => {
        const list = document.querySelector("ol.pe-items");
        const count = list.querySelectorAll(":scope > li.pe-row[data-key^='new-']").length;
        const name = format(form.dataset.newItem, { number: count + 1 });
        const { key, row } = copyTemplate("item", name);
        row.querySelectorAll("ol.pe-people, ol.pe-segments").forEach((inner) => {
            inner.dataset.item = key;
        });
        placeRow(row, list, format(form.dataset.added, { name }));
    };

    const addSegment = (item) => {
        const list = item.querySelector(":scope > ol.pe-segments");
        const name = format(form.dataset.segmentName, {
            item: rowName(item),
            number: rows(list).length + 1,
        });
        const { key, row } = copyTemplate("segment", name);
        row.querySelector('[data-parent="item"]').value = item.dataset.key;
        const people = row.querySelector("ol.pe-people");
        people.dataset.item = item.dataset.key;
        people.dataset.segment = key;
        placeRow(row, list, format(form.dataset.added, { name }));
    };

    const addPerson = (container) => {
        const list = container.querySelector(":scope > ol.pe-people");
        const name = format(form.dataset.personName, {
            container: rowName(container),
            number: rows(list).length + 1,
        });
        const { row } = copyTemplate("person", name);
        row.querySelector('[data-parent="item"]').value = list.dataset.item;
        row.querySelector('[data-parent="segment"]').value = list.dataset.segment;
        placeRow(row, list, format(form.dataset.added, { name }));
    };

    const roman = (number) => {
        const numerals = [
            [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
            [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
        ];
        let left = number;
        return numerals.map(([value, numeral]) => {
            const count = Math.floor(left / value);
            left -= count * value;
            return numeral.repeat(count);
        }).join("");
    };

    // A row's name is in each of its labels ("Item II: Title"): after a move, the names follow
    // the rows' new places, as the server names them.
    const rename = (row, name) => {
        row.querySelectorAll(".pe-name").forEach((element) => {
            if (element.closest("li.pe-row") === row) {
                element.textContent = element.textContent.endsWith(": ") ? `${name}: ` : name;
            }
        });
        const children = (selector) => {
            const list = row.querySelector(`:scope > ol.${selector}`);
            return list ? rows(list) : [];
        };
        children("pe-segments").forEach((segment, index) => {
            rename(segment, format(form.dataset.segmentName, { item: name, number: index + 1 }));
        });
        children("pe-people").forEach((person, index) => {
            rename(person, format(form.dataset.personName, { container: name, number: index + 1 }));
        });
    };

    const renameAll = (list) => {
        if (list.matches("ol.pe-items")) {
            let stored = 0;
            rows(list).forEach((item) => {
                if (item.dataset.key.startsWith("new-")) {
                    rename(item, rowName(item));
                } else {
                    stored += 1;
                    rename(item, format(form.dataset.itemName, { numeral: roman(stored) }));
                }
            });
        } else {
            const owner = list.closest("li.pe-row");
            rename(owner, rowName(owner));
        }
    };

    const moved = (row) => {
        const siblings = rows(row.parentElement);
        announce(
            format(form.dataset.moved, {
                name: rowName(row),
                place: siblings.indexOf(row) + 1,
                count: siblings.length,
            }),
        );
        renameAll(row.parentElement);
    };

    const move = (button) => {
        const row = button.closest("li.pe-row");
        const siblings = rows(row.parentElement);
        const index = siblings.indexOf(row);
        if (button.dataset.move === "up" && index > 0) {
            siblings[index - 1].before(row);
        } else if (button.dataset.move === "down" && index < siblings.length - 1) {
            siblings[index + 1].after(row);
        }
        button.focus();
        moved(row);
    };

    const sortable = (list) => {
        if (window.Sortable && !list.dataset.sortable) {
            list.dataset.sortable = "on";
            window.Sortable.create(list, {
                handle: ".pe-handle",
                draggable: "li.pe-row",
                animation: 150,
                // Pointer events rather than the browser's drag and drop: touch screens too.
                forceFallback: true,
                onEnd: (event) => moved(event.item),
            });
        }
    };

    if (form) {
        document.querySelectorAll("[data-key^='new-']").forEach((row) => {
            nextKey = Math.max(nextKey, Number(row.dataset.key.slice(4)) + 1);
        });
        // The empty rows offered to a page without script: the buttons add rows instead.
        form.querySelectorAll("details.pe-blank").forEach((blank) => {
            blank.querySelectorAll(".pe-session[data-key]").forEach((row) => forgetSession(row.dataset.key));
            blank.remove();
        });
        form.querySelectorAll(".pe-handle, .pe-add").forEach((element) => {
            element.hidden = false;
        });
        form.querySelectorAll("ol.pe-items, ol.pe-segments, ol.pe-people").forEach(sortable);
        form.addEventListener("click", (event) => {
            const button = event.target.closest("button");
            if (!button) {
                return;
            }
            if (button.dataset.move) {
                event.preventDefault(); // without the script, the button asks the server
                move(button);
            } else if (button.dataset.add === "session") {
                addSession();
            } else if (button.dataset.add === "item") {
                addItem();
            } else if (button.dataset.add === "segment") {
                addSegment(button.closest("li.pe-item"));
            } else if (button.dataset.add === "person") {
                addPerson(button.parentElement);
            }
        });
        document.getElementById("pe-error-summary")?.focus();
        // The admin names each autocomplete box after its label once the page has loaded
        // (static/admin-fixes/autocomplete_names.js) and again when its choice changes; the page's
        // "load" can come before jQuery has made the boxes, so ask again once they are made.
        if (window.django && window.django.jQuery) {
            const $ = window.django.jQuery;
            $(() => $(form).find("select.admin-autocomplete").trigger("change"));
        }
    }
});
