// Runs inside directory pages (every frame). Plain JavaScript read as text by in-page.ts, so no
// bundler helper leaks into a page; installed once per document as window.__autobolt.
//
// What lives here is what must be read or done in one synchronous pass over the DOM: scanning
// controls with every hint a person would read, watching changes (including inside open shadow
// roots, which a document-level MutationObserver does not see), typing values the way a browser's
// own input does, and reading what a submit changed.
(() => {
  if (window.__autobolt) return window.__autobolt;

  const doc = Math.random().toString(36).slice(2, 8);
  let seq = 0;
  const elements = new Map();
  const keyOf = (el) => {
    let key = el.getAttribute("data-autobolt-key");
    if (!key || elements.get(key) !== el) {
      key = `${doc}-${++seq}`;
      el.setAttribute("data-autobolt-key", key);
    }
    elements.set(key, el);
    return key;
  };
  const byKey = (key) => {
    const el = elements.get(key);
    return el?.isConnected ? el : null;
  };
  const clean = (s) => (s || "").replace(/\s+/g, " ").trim();

  // ---- change watching -------------------------------------------------------------------
  const watch = { count: 0, last: performance.now(), wake: new Set(), journal: null };
  const observed = new WeakSet();
  const visibleNow = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const observer = new MutationObserver((records) => {
    let changed = false;
    for (const r of records) {
      if (r.type === "attributes" && r.attributeName === "data-autobolt-key") continue;
      changed = true;
      if (!watch.journal || watch.journal.length >= 300) continue;
      let text = "";
      if (r.type === "childList") {
        for (const n of r.addedNodes) {
          if (n.nodeType === 3) text += ` ${n.data}`;
          else if (n.nodeType === 1 && !n.matches("script,style,template"))
            text += ` ${n.innerText ?? n.textContent}`;
        }
      } else if (r.type === "characterData") text = r.target.data;
      else if (
        r.target.nodeType === 1 &&
        ["class", "style", "hidden", "aria-hidden", "open"].includes(r.attributeName)
      ) {
        if (visibleNow(r.target)) text = r.target.innerText;
      }
      text = clean(text);
      if (text && text.length <= 600 && watch.journal.at(-1) !== text) watch.journal.push(text);
    }
    if (!changed) return;
    watch.count += 1;
    watch.last = performance.now();
    for (const wake of watch.wake) wake();
  });
  const observe = (root) => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  observe(document);

  // ---- walking the page, shadow roots included --------------------------------------------
  const allElements = () => {
    const out = [];
    const visit = (root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
      for (let el = walker.nextNode(); el; el = walker.nextNode()) {
        out.push(el);
        if (el.shadowRoot) {
          observe(el.shadowRoot);
          visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    return out;
  };
  const parentOf = (node) =>
    node.parentElement || (node.parentNode instanceof ShadowRoot ? node.parentNode.host : null);
  const composedClosest = (el, selector) => {
    for (let node = el; node; node = parentOf(node)) if (node.matches?.(selector)) return node;
    return null;
  };

  const visible = (el) => {
    if (!el?.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
      return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    const x = r.left + scrollX;
    const y = r.top + scrollY;
    if (x + r.width <= 0 || y + r.height <= 0) return false;
    if (x >= Math.max(document.documentElement.scrollWidth, innerWidth) + 50) return false;
    if (composedClosest(el, "[aria-hidden=true],[inert]")) return false;
    // A wrapper that clips its content to nothing (height:0; overflow:hidden) hides it too.
    for (let node = parentOf(el), depth = 0; node && depth < 6; node = parentOf(node), depth++) {
      if (node === document.body) break;
      const style = getComputedStyle(node);
      if (style.overflow !== "visible" || style.overflowX !== "visible" || style.overflowY !== "visible") {
        const box = node.getBoundingClientRect();
        if (box.width < 2 || box.height < 2) return false;
      }
    }
    return true;
  };

  const controlSelector = "input,select,textarea";
  const hasControl = (el) =>
    el.nodeType === 1 &&
    (el.matches(controlSelector) || !!el.querySelector("input:not([type=hidden]),select,textarea"));

  const ownText = (node) => {
    const copy = node.cloneNode(true);
    for (const n of copy.querySelectorAll(
      "input,select,textarea,option,script,style,template,[aria-hidden=true]",
    ))
      n.remove();
    return clean(copy.textContent);
  };
  const textOf = (node) =>
    clean(node.nodeType === 1 ? (node.innerText ?? node.textContent) : node.textContent);

  /** The words just before a control: a neighbouring cell, a span, a row above. */
  const textBefore = (el) => {
    let node = el;
    for (let depth = 0; depth < 4 && node; depth++) {
      let prev = node.previousSibling;
      for (let hops = 0; prev && hops < 6; hops++, prev = prev.previousSibling) {
        if (prev.nodeType === 1) {
          if (prev.matches("script,style,template,br")) continue;
          if (hasControl(prev) || prev.matches("button")) return "";
        }
        const text = textOf(prev);
        if (text) return text.length <= 120 ? text : text.slice(-120);
      }
      node = parentOf(node);
      if (!node || node.matches("form,body,fieldset,dialog,[role=dialog],[role=form]")) break;
    }
    return "";
  };
  /** The words just after a control: a floating label, a checkbox's sentence. */
  const textAfter = (el) => {
    let node = el;
    for (let depth = 0; depth < 2 && node; depth++) {
      let next = node.nextSibling;
      for (let hops = 0; next && hops < 4; hops++, next = next.nextSibling) {
        if (next.nodeType === 1) {
          if (next.matches("script,style,template,br")) continue;
          if (hasControl(next) || next.matches("button")) return "";
        }
        const text = textOf(next);
        if (text) return text.length <= 160 ? text : text.slice(0, 160);
      }
      node = parentOf(node);
      if (!node || node.matches("form,body,fieldset,dialog,[role=dialog],[role=form]")) break;
    }
    return "";
  };

  const idText = (root, ids) =>
    (ids || "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => {
        const t = root.getElementById ? root.getElementById(id) : document.getElementById(id);
        return t ? ownText(t) : "";
      })
      .filter(Boolean)
      .join(" ");

  const labelsOf = (el) => {
    const root = el.getRootNode();
    const found = new Set(el.labels ? Array.from(el.labels) : []);
    if (!el.labels && el.id)
      for (const l of root.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)) found.add(l);
    const text = Array.from(found).map(ownText).filter(Boolean);
    const by = idText(root, el.getAttribute("aria-labelledby"));
    if (by) text.push(by);
    return clean(text.join(" "));
  };
  const legendOf = (el) => {
    const fieldset = composedClosest(el, "fieldset");
    const legend = fieldset?.querySelector("legend");
    if (legend) return ownText(legend);
    const group = composedClosest(el, "[role=group],[role=radiogroup]");
    if (group)
      return clean(
        group.getAttribute("aria-label") || idText(el.getRootNode(), group.getAttribute("aria-labelledby")),
      );
    return "";
  };

  // ---- scripted widgets standing in for a native control --------------------------------
  const widgetClass =
    /(^|[\s_-])(select2|choices|chosen|selectize|ts-wrapper|ts-control|tom-select|nice-select|bootstrap-select|selectric|multiselect|vs__|react-select|custom-select|dropdown|combobox|listbox|picker|select-box|selectbox)/i;
  const editorClass =
    /(editor|ql-|ck-|tox|mce|trix|note-|prosemirror|wysiwyg|rich|redactor|froala|quill|tiptap|jodit)/i;
  const classText = (el) =>
    typeof el.className === "string" ? el.className : el.getAttribute("class") || "";
  const isWidget = (el) =>
    el.getAttribute("role") === "combobox" ||
    el.getAttribute("aria-haspopup") === "listbox" ||
    widgetClass.test(classText(el)) ||
    !!el.querySelector("[role=combobox],[aria-haspopup=listbox]");
  const editableIn = (el) => {
    if (el.tagName === "IFRAME") return el;
    if (el.isContentEditable) return el;
    return el.querySelector(
      "[contenteditable=true],[contenteditable=''],[contenteditable=plaintext-only],iframe",
    );
  };
  const isEditor = (el) =>
    editorClass.test(classText(el)) || (el.isContentEditable && el.getAttribute("contenteditable") !== null);

  /** The visible element a script put in place of a hidden select or textarea, if any. */
  const standIn = (el) => {
    const wanted = el.tagName === "SELECT" ? isWidget : (n) => isEditor(n) || !!editableIn(n);
    const near = [];
    for (let sib = el.nextElementSibling, i = 0; sib && i < 3; sib = sib.nextElementSibling, i++)
      near.push(sib);
    for (let sib = el.previousElementSibling, i = 0; sib && i < 2; sib = sib.previousElementSibling, i++)
      near.push(sib);
    for (let anc = parentOf(el), i = 0; anc && i < 3; anc = parentOf(anc), i++) {
      if (anc.matches("form,fieldset,body,dialog")) break;
      near.push(anc);
    }
    return near.find((n) => visible(n) && wanted(n) && !hasOtherField(n, el)) || null;
  };
  // A hidden input is the weakest claim: a box holding a select or textarea of its own is that
  // one's widget (a WordPress editor beside the form's nonce), never the hidden input's.
  const hasOtherField = (container, el) =>
    Array.from(
      container.querySelectorAll("select,textarea,input:not([type=hidden]):not([type=search])"),
    ).some(
      (c) =>
        c !== el &&
        (c.tagName === el.tagName || (el.tagName === "INPUT" && c.tagName !== "INPUT")) &&
        !c.closest("[class*=dropdown],[class*=search]"),
    );
  const triggerOf = (widget) =>
    widget.matches("[role=combobox],button,[aria-haspopup]")
      ? widget
      : widget.querySelector(
          "[role=combobox],[aria-haspopup],.select2-selection,.choices__inner,.ts-control,.chosen-single,.chosen-choices,.selectize-input,.nice-select,.dropdown-toggle,button,input:not([type=hidden])",
        ) || widget;

  const optionsOfListbox = (el) => {
    const root = el.getRootNode();
    const ids = `${el.getAttribute("aria-controls") || ""} ${el.getAttribute("aria-owns") || ""}`.trim();
    let box = null;
    for (const id of ids.split(/\s+/).filter(Boolean))
      box = box || (root.getElementById ? root.getElementById(id) : null);
    box = box || el.parentElement?.querySelector("[role=listbox]");
    if (!box) return [];
    return Array.from(box.querySelectorAll("[role=option]")).map((o) => ({
      value: o.getAttribute("data-value") || o.id || "",
      text: ownText(o),
    }));
  };

  // ---- describing controls ------------------------------------------------------------------
  const requiredMark = /\*|\((required|obligatoire|obligatorio|pflicht|obrigatorio|obbligatorio)\)/i;

  // A hidden control a widget stands in for is often labelled only through the widget (an
  // editor with aria-labelledby, a label written before the widget's box).
  const describe = (el, group, order, { proxy, ...extra } = {}) => {
    const tag = el.tagName.toLowerCase();
    const type = tag === "input" ? (el.getAttribute("type") || "text").toLowerCase() : tag;
    const label =
      labelsOf(el) || (proxy ? labelsOf(proxy) || clean(proxy.getAttribute("aria-label") || "") : "");
    const checkable = type === "checkbox" || type === "radio";
    const labelVisible = checkable && !!el.labels && Array.from(el.labels).some(visible);
    const before = textBefore(el) || (proxy ? textBefore(proxy) : "");
    return {
      key: keyOf(el),
      tag,
      type,
      kind: extra.kind || kindOf(el, tag, type),
      name: el.getAttribute("name") || "",
      id: el.id || "",
      className: classText(el).slice(0, 200),
      label,
      ariaLabel: el.getAttribute("aria-label") || "",
      placeholder: el.getAttribute("placeholder") || el.getAttribute("data-placeholder") || "",
      title: el.getAttribute("title") || "",
      before: label && !checkable ? "" : before,
      after: label ? "" : textAfter(el),
      legend: legendOf(el),
      describedBy: idText(el.getRootNode(), el.getAttribute("aria-describedby")),
      autocomplete: el.getAttribute("autocomplete") || "",
      inputMode: el.getAttribute("inputmode") || "",
      pattern: el.getAttribute("pattern") || "",
      maxLength: typeof el.maxLength === "number" && el.maxLength > 0 ? el.maxLength : -1,
      min: el.getAttribute("min") || "",
      tabIndex: el.getAttribute("tabindex") || "",
      required: !!(
        el.required ||
        el.getAttribute("aria-required") === "true" ||
        requiredMark.test(label) ||
        requiredMark.test(before)
      ),
      visible: visible(el) || labelVisible,
      disabled: !!(
        el.disabled ||
        el.getAttribute("aria-disabled") === "true" ||
        composedClosest(el, "fieldset[disabled]")
      ),
      readOnly: !!el.readOnly,
      checked: !!el.checked,
      value:
        tag === "select"
          ? (el.selectedOptions[0]?.value ?? "")
          : el.isContentEditable
            ? clean(el.textContent)
            : el.value || "",
      options:
        tag === "select"
          ? Array.from(el.options).map((o) => ({ value: o.value, text: clean(o.text), disabled: o.disabled }))
          : checkable
            ? [{ value: el.value, text: label || textAfter(el) }]
            : el.list
              ? Array.from(el.list.options).map((o) => ({ value: o.value, text: clean(o.label || o.value) }))
              : [],
      multiple: !!el.multiple,
      group,
      order,
      parent: el.parentElement ? keyOf(el.parentElement) : "",
      grandparent: el.parentElement?.parentElement ? keyOf(el.parentElement.parentElement) : "",
      standIn: "",
      fillKey: "",
      display: "",
      ...extra,
    };
  };
  const kindOf = (el, tag, type) => {
    if (tag === "select") return "select";
    if (tag === "textarea") return "textarea";
    if (tag !== "input")
      return el.isContentEditable
        ? "editable"
        : el.getAttribute("role") === "combobox"
          ? "combobox"
          : "listbox";
    if (type === "checkbox" || type === "radio") return type;
    if (type === "password") return "password";
    if (type === "hidden") return "hidden";
    if (type === "file") return "file";
    if (["submit", "button", "image", "reset"].includes(type)) return "button";
    if (["date", "datetime-local", "month", "week", "time"].includes(type)) return "date";
    if (["range", "color"].includes(type)) return "other";
    if (type === "search") return "search";
    // A box that offers suggestions to pick from as one types (an address search among them);
    // an input with a datalist is a text box with suggestions: typed, not picked.
    if (
      el.getAttribute("role") === "combobox" ||
      /^(list|both)$/.test(el.getAttribute("aria-autocomplete") || "") ||
      /(^|\s)pac-target-input(\s|$)/.test(classText(el))
    )
      return "combobox";
    return "text";
  };

  const dialogSelector = "dialog,[role=dialog],[role=alertdialog],[aria-modal=true],.modal";
  const groupSelector =
    "dialog,[role=dialog],[role=alertdialog],[role=form],[role=search],header,footer,nav,aside,[role=banner],[role=contentinfo],[role=navigation],[role=complementary]";
  const groupOf = (el) => {
    if (el.form) return el.form;
    const form = composedClosest(el, "form");
    if (form) return form;
    return composedClosest(el, groupSelector) || document.body;
  };

  const buttonSelector =
    "button,input[type=submit],input[type=button],input[type=image],[role=button],a[href^='#'],a[href^='javascript'],a[class*=btn],a[class*=button]";
  const buttonText = (b) =>
    clean(
      b.innerText ||
        b.value ||
        b.getAttribute("aria-label") ||
        b.getAttribute("title") ||
        b.getAttribute("alt") ||
        "",
    );

  const groupInfo = (g) => {
    const heading = g.querySelector?.("h1,h2,h3,h4,legend,[role=heading]");
    return {
      key: keyOf(g),
      formless: g.tagName !== "FORM",
      tag: g.tagName.toLowerCase(),
      role: g.getAttribute("role") || "",
      hints: clean(
        [
          g.id,
          g.getAttribute("name"),
          classText(g),
          g.getAttribute("action"),
          g.getAttribute("aria-label"),
          heading ? ownText(heading) : "",
        ]
          .filter(Boolean)
          .join(" "),
      ).slice(0, 300),
      visible: visible(g),
    };
  };

  const scan = () => {
    const all = allElements();
    const controls = [];
    const buttons = [];
    const groups = new Map();
    const usedWidgets = new Set();
    const noteGroup = (g) => {
      if (!groups.has(g)) groups.set(g, groupInfo(g));
      return groups.get(g).key;
    };
    let order = 0;
    // Hidden native controls replaced by a widget first, so the widget is not listed twice.
    // Selects and textareas claim theirs before hidden inputs, and a widget has one owner.
    const standIns = new Map();
    const hiddenNative = (el) =>
      (el.tagName === "SELECT" ||
        el.tagName === "TEXTAREA" ||
        (el.tagName === "INPUT" && el.type === "hidden")) &&
      !visible(el);
    const backed = all.filter(hiddenNative);
    const claimed = new Set();
    for (const el of [
      ...backed.filter((e) => e.tagName !== "INPUT"),
      ...backed.filter((e) => e.tagName === "INPUT"),
    ]) {
      if (el.tagName === "INPUT" && !el.name) continue;
      const widget = standIn(el);
      if (!widget || claimed.has(widget)) continue;
      claimed.add(widget);
      standIns.set(el, widget);
      usedWidgets.add(widget);
      for (const inner of widget.querySelectorAll("*")) usedWidgets.add(inner);
    }
    // A read-only box that opens a list (Vuetify's v-select) is a picker, not a text field.
    const pickerBox = (el) =>
      el.tagName === "INPUT" &&
      el.readOnly &&
      (el.getAttribute("role") === "combobox" || el.getAttribute("aria-haspopup") === "listbox");
    for (const el of all) {
      order += 1;
      if (el.matches(controlSelector) && !pickerBox(el)) {
        if (usedWidgets.has(el)) continue;
        const widget = standIns.get(el);
        if (widget) {
          const editor = el.tagName !== "SELECT";
          const target = editor ? editableIn(widget) || widget : triggerOf(widget);
          controls.push(
            describe(el, noteGroup(groupOf(el)), order, {
              kind: editor ? "editable" : "select",
              proxy: target === widget ? widget : target,
              visible: true,
              standIn: keyOf(widget),
              fillKey: keyOf(target),
              display: editor ? "" : clean(target.innerText || target.value || ""),
            }),
          );
          continue;
        }
        if (el.type === "hidden") continue;
        controls.push(describe(el, noteGroup(groupOf(el)), order));
        continue;
      }
      if (usedWidgets.has(el)) continue;
      const role = el.getAttribute("role");
      const editable = el.isContentEditable && !el.parentElement?.isContentEditable;
      const custom =
        (!el.matches("input,select,textarea,option") || pickerBox(el)) &&
        (role === "combobox" ||
          el.getAttribute("aria-haspopup") === "listbox" ||
          (role === "listbox" && !composedClosest(parentOf(el) || el, "[role=combobox]")));
      if (!editable && !custom) continue;
      if (custom) for (const inner of el.querySelectorAll("*")) usedWidgets.add(inner);
      const described = describe(el, noteGroup(groupOf(el)), order, {
        kind: editable
          ? "editable"
          : role === "listbox" && !el.hasAttribute("aria-haspopup")
            ? "listbox-inline"
            : "listbox",
        fillKey: "",
        display: custom ? clean(el.innerText || "") : "",
      });
      if (custom) described.options = optionsOfListbox(el);
      controls.push(described);
    }
    for (const el of all) {
      if (!el.matches(buttonSelector) || usedWidgets.has(el)) continue;
      if (
        el.getAttribute("aria-haspopup") ||
        el.getAttribute("role") === "combobox" ||
        el.getAttribute("role") === "option"
      )
        continue;
      // A dialog's footer button outside its one form (Bootstrap modals) is that form's button.
      const dialog = !el.form && !composedClosest(el, "form") && composedClosest(el, dialogSelector);
      const dialogForms = dialog ? dialog.querySelectorAll("form") : [];
      const form =
        el.form || composedClosest(el, "form") || (dialogForms.length === 1 ? dialogForms[0] : null);
      const group = form || composedClosest(el, groupSelector) || document.body;
      buttons.push({
        key: keyOf(el),
        text: buttonText(el).slice(0, 120),
        type: (el.getAttribute("type") || (el.tagName === "BUTTON" ? "submit" : "")).toLowerCase(),
        tag: el.tagName.toLowerCase(),
        visible: visible(el),
        disabled: !!(el.disabled || el.getAttribute("aria-disabled") === "true"),
        group: noteGroup(group),
        order: all.indexOf(el),
        formKey: form ? keyOf(form) : "",
      });
    }
    return { controls, buttons, groups: Array.from(groups.values()) };
  };

  // ---- calls to action and consent banners ----------------------------------------------
  const clickables = () =>
    allElements()
      .filter(
        (el) =>
          el.matches("a[href],button,[role=button],input[type=button],input[type=submit],[onclick]") &&
          visible(el),
      )
      .map((el) => ({
        key: keyOf(el),
        text: clean(buttonText(el) || el.getAttribute("aria-label") || "").slice(0, 160),
        href: el.tagName === "A" ? el.href : "",
        tag: el.tagName.toLowerCase(),
        // A button of a form submits it, inside it or tied to it by form= (a modal's footer).
        inForm: !!composedClosest(el, "form") || !!el.form,
        card: cardText(el),
      }))
      .filter((c) => c.text);
  // The box a button sits in alone (a plan's card on a pricing page): what it is the button of.
  const cardText = (el) => {
    let card = "";
    for (let node = parentOf(el), depth = 0; node && node !== document.body && depth < 5; depth++) {
      const text = clean(node.innerText || "");
      if (text.length > 400) break;
      const buttons = node.querySelectorAll("a[href],button,[role=button],input[type=submit]");
      if (buttons.length > 1) break;
      card = text;
      node = parentOf(node);
    }
    return card.slice(0, 400);
  };

  const bannerHint =
    /cookie|consent|gdpr|cmp|privacy|onetrust|cookiebot|didomi|usercentrics|qc-cmp|truste|iubenda|klaro|osano|termly|cc-|tarteaucitron|borlabs|complianz/i;
  const banners = () => {
    const found = [];
    for (const el of allElements()) {
      if (found.some((f) => f.el.contains(el))) continue;
      const style = getComputedStyle(el);
      const overlay = style.position === "fixed" || style.position === "sticky";
      const dialog = el.matches("dialog[open],[role=dialog],[role=alertdialog]");
      const named = bannerHint.test(`${el.id} ${classText(el)} ${el.getAttribute("aria-label") || ""}`);
      if (!(overlay || dialog || named) || !visible(el)) continue;
      const text = clean(el.innerText || "");
      if (!text || text.length > 4000) continue;
      const buttons = Array.from(
        el.querySelectorAll("button,a,[role=button],input[type=button],input[type=submit]"),
      )
        .filter(visible)
        .map((b) => ({ key: keyOf(b), text: buttonText(b).slice(0, 80) }))
        .filter((b) => b.text);
      if (buttons.length === 0) continue;
      if (el.querySelector("input:not([type=hidden]):not([type=checkbox]),select,textarea")) continue;
      found.push({ el, key: keyOf(el), text: text.slice(0, 600), buttons });
    }
    return found.map(({ el, ...rest }) => rest);
  };

  // ---- filling -------------------------------------------------------------------------------
  const nativeSetter = (el, value) => {
    const proto =
      el.tagName === "TEXTAREA"
        ? HTMLTextAreaElement.prototype
        : el.tagName === "SELECT"
          ? HTMLSelectElement.prototype
          : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  };
  const digits = (s) => (s || "").replace(/\D/g, "");
  const sameValue = (el, want, loose) => {
    const got = el.isContentEditable && !el.matches("input,textarea") ? clean(el.innerText) : el.value;
    if (got === want || clean(got) === clean(want)) return true;
    if (loose === "digits") return digits(got) !== "" && digits(got) === digits(want);
    if (loose === "contains") return clean(got).includes(clean(want).slice(0, 40));
    return false;
  };
  const selectAll = (el) => {
    if (el.matches("input,textarea")) {
      try {
        el.select();
      } catch {}
      return;
    }
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };

  /** Sets each item the way typing would; answers the keys that did not take. */
  const fill = (items) => {
    const refused = [];
    for (const item of items) {
      const el = byKey(item.key);
      try {
        if (!el) throw new Error("gone");
        if (item.mode === "check" || item.mode === "uncheck") {
          const want = item.mode === "check";
          if (el.checked !== want) el.click();
          if (el.checked !== want) refused.push(item.key);
          continue;
        }
        if (item.mode === "select") {
          const option = Array.from(el.options).find((o) => o.value === item.value);
          if (!option) throw new Error("no option");
          if (el.multiple) {
            option.selected = true;
            el.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
            el.dispatchEvent(new Event("change", { bubbles: true }));
          } else nativeSetter(el, item.value);
          if (!option.selected) refused.push(item.key);
          continue;
        }
        if (item.mode === "date") {
          nativeSetter(el, item.value);
          el.dispatchEvent(new Event("blur"));
          if (el.value !== item.value) refused.push(item.key);
          continue;
        }
        el.focus();
        selectAll(el);
        let typed = false;
        try {
          typed = document.execCommand("insertText", false, item.value);
        } catch {}
        if (!typed || !sameValue(el, item.value, item.loose)) {
          if (el.matches("input,textarea")) nativeSetter(el, item.value);
          else el.textContent = item.value;
        }
        if (!sameValue(el, item.value, item.loose)) refused.push(item.key);
        el.blur();
      } catch {
        refused.push(item.key);
      }
    }
    return refused;
  };

  const optionSelector =
    "[role=option],.pac-item,.select2-results__option,.choices__item--choice,.ts-dropdown .option,.chosen-results li,.vs__dropdown-option,.nice-select .option,.dropdown-menu.show .dropdown-item,.dropdown-menu.show li,[class*=option]:not(select):not(option)";
  // A list item wrapping options is a group, not an option; an empty decoration whose class says
  // "option" (Material's mat-mdc-option-ripple) does not make its option a group.
  const hasOptionWithin = (el) =>
    Array.from(el.querySelectorAll(optionSelector)).some((inner) => clean(inner.textContent));
  /** Options shown right now by an opened widget, nearest the one that opened them first. */
  const visibleOptions = (triggerKey) => {
    const trigger = byKey(triggerKey);
    const root = trigger?.getRootNode() || document;
    let scope = trigger?.getAttribute("role") === "listbox" ? trigger : null;
    const ids = trigger
      ? `${trigger.getAttribute("aria-controls") || ""} ${trigger.getAttribute("aria-owns") || ""}`
      : "";
    for (const id of ids.split(/\s+/).filter(Boolean))
      scope = scope || (root.getElementById ? root.getElementById(id) : null);
    const pool = scope ? Array.from(scope.querySelectorAll("*")) : allElements();
    const seen = new Set();
    return (
      pool
        .filter((el) => el.matches(optionSelector) && visible(el) && !hasOptionWithin(el))
        .filter((el) => el.getAttribute("aria-disabled") !== "true" && !/disabled|group/.test(classText(el)))
        // A widget's own line in its list ("No results found", "Searching…") is no option.
        .filter(
          (el) =>
            !["alert", "status"].includes(el.getAttribute("role") || "") &&
            !/(^|[\s_-])(message|no-?results?|has-no-(results|choices)|loading(-results)?|searching)([\s_-]|$)/i.test(
              classText(el),
            ),
        )
        // An option drawn by script stands for its text unless it names a value (data-value="" is
        // a widget's placeholder): an empty value here is no placeholder the way a native one is.
        .map((el) => ({
          key: keyOf(el),
          value: el.hasAttribute("data-value") ? el.getAttribute("data-value") : ownText(el),
          text: ownText(el),
        }))
        .filter((o) => o.text && !seen.has(o.text) && seen.add(o.text))
    );
  };
  const focusedIsTyping = () => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (
      !!el && (el.matches("input:not([type=checkbox]):not([type=radio]),textarea") || el.isContentEditable)
    );
  };

  // ---- reading what happened ------------------------------------------------------------
  /** The page's visible text, including what open shadow roots render. */
  const deepText = () => {
    const parts = [document.body ? document.body.innerText : ""];
    for (const el of allElements()) {
      if (!el.shadowRoot) continue;
      for (const child of el.shadowRoot.children)
        if (!child.matches("style,script,template")) parts.push(child.innerText || "");
    }
    return parts.join("\n");
  };
  const errorSelector =
    "[role=alert],.error,.errors,.invalid-feedback,.field-error,.form-error,.error-message,.errorlist,.validation-error,.alert-danger,.alert-error,.text-danger,.is-invalid + *,[class*=error i]:not(html):not(body):not(form),[class*=invalid i]:not(input):not(select):not(textarea):not(form)";
  const evidence = (formKey) => {
    const errors = [];
    const texts = allElements()
      .filter((e) => e.matches(errorSelector) && visible(e))
      .map((e) => clean(e.innerText))
      .filter((t) => t && t.length < 300)
      .sort((a, b) => a.length - b.length);
    for (const t of texts) if (!errors.some((e) => t.includes(e))) errors.push(t);
    const form = formKey ? byKey(formKey) : null;
    const invalid = allElements()
      .filter((el) => el.matches("input,select,textarea") && el.hasAttribute("data-autobolt-key"))
      .filter((el) => visible(el) || (el.labels && Array.from(el.labels).some(visible)))
      .filter(
        (el) =>
          el.getAttribute("aria-invalid") === "true" ||
          ((formKey === "" ? !el.form : form && el.form === form) && el.matches(":invalid")),
      )
      .map((el) =>
        clean(
          labelsOf(el) || el.getAttribute("aria-label") || el.getAttribute("placeholder") || el.name || el.id,
        ),
      );
    return {
      text: deepText(),
      errors,
      invalid,
      journal: watch.journal ? watch.journal.slice() : [],
      live: allElements()
        .filter(
          (el) =>
            el.matches(
              "[role=status],[role=alert],[aria-live],output,.toast,.notification,.snackbar,.flash,.alert",
            ) && visible(el),
        )
        .map((el) => clean(el.innerText))
        .filter((t) => t && t.length < 600),
      formPresent: formKey === null ? null : formKey === "" ? true : !!(form && visible(form)),
    };
  };

  // ---- selectors for learned steps --------------------------------------------------------
  const generatedId =
    /\d{3,}|^[\d:]|:|^(ember|react|radix|headlessui|mui|mantine|rc_|uid|id-|input-|field-)\d|[0-9a-f]{8}-/i;
  const quote = (s) => JSON.stringify(s);
  const countIn = (root, selector) => {
    try {
      return root.querySelectorAll(selector).length;
    } catch {
      return 2;
    }
  };
  const localSelector = (el) => {
    const root = el.getRootNode();
    const tag = el.tagName.toLowerCase();
    if (el.id && !generatedId.test(el.id) && countIn(root, `#${CSS.escape(el.id)}`) === 1)
      return `#${CSS.escape(el.id)}`;
    const name = el.getAttribute("name");
    if (name) {
      const byName = `${tag}[name=${quote(name)}]`;
      if (countIn(root, byName) === 1) return byName;
      const withValue = `${byName}[value=${quote(el.getAttribute("value") || "")}]`;
      if (el.hasAttribute("value") && countIn(root, withValue) === 1) return withValue;
    }
    for (const attr of ["aria-label", "placeholder", "data-testid", "data-test", "data-name"]) {
      const v = el.getAttribute(attr);
      if (v && v.length < 80 && countIn(root, `${tag}[${attr}=${quote(v)}]`) === 1)
        return `${tag}[${attr}=${quote(v)}]`;
    }
    if (el.matches("button,a,[role=button],[role=option],li")) {
      const text = buttonText(el);
      if (text && text.length < 60) {
        const same = Array.from(root.querySelectorAll(tag)).filter((o) => buttonText(o) === text);
        if (same.length === 1) return `${tag}:text-is(${quote(text)})`;
      }
    }
    const path = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (
        node !== el &&
        node.id &&
        !generatedId.test(node.id) &&
        countIn(root, `#${CSS.escape(node.id)}`) === 1
      ) {
        path.unshift(`#${CSS.escape(node.id)}`);
        break;
      }
      const parent = node.parentElement;
      const t = node.tagName.toLowerCase();
      if (!parent) {
        path.unshift(t);
        break;
      }
      const same = Array.from(parent.children).filter((c) => c.tagName === node.tagName);
      path.unshift(same.length === 1 ? t : `${t}:nth-of-type(${same.indexOf(node) + 1})`);
    }
    return path.join(" > ");
  };
  /** A selector Playwright resolves to this element again, through open shadow roots. */
  const selectorOf = (key) => selectorFor(byKey(key));
  const selectorFor = (el) => {
    if (!el) return null;
    const parts = [];
    for (let node = el; node; ) {
      parts.unshift(localSelector(node));
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
    return parts.join(" >> ");
  };

  // What a page shows while its script is still sending: a button saying so, or aria-busy.
  const busyHints = () => {
    const texts = [];
    let busy = false;
    for (const el of allElements()) {
      if (!visible(el)) continue;
      if (el.getAttribute("aria-busy") === "true") busy = true;
      if (el.matches("button,input[type=submit],input[type=button],[role=button]"))
        texts.push(clean(el.matches("input") ? el.value : el.innerText || el.textContent));
    }
    return { busy, texts };
  };

  const api = {
    scan,
    busyHints,
    clickables,
    banners,
    fill,
    visibleOptions,
    focusedIsTyping,
    evidence,
    deepText,
    selectorOf,
    selectorsOf: (keys) => keys.map(selectorOf),
    selectorFor,
    keyFor: keyOf,
    visible: (key) => visible(byKey(key)),
    click: (key) => {
      const el = byKey(key);
      if (!el) return false;
      el.click();
      return true;
    },
    value: (key) => {
      const el = byKey(key);
      if (!el) return null;
      if (el.tagName === "SELECT") return el.selectedOptions[0] ? clean(el.selectedOptions[0].text) : "";
      return el.matches("input,textarea") ? el.value : clean(el.innerText || "");
    },
    changes: () => watch.count,
    journal: (on) => {
      watch.journal = on ? [] : null;
    },
    watch,
  };
  Object.defineProperty(window, "__autobolt", { value: api, enumerable: false, configurable: true });
  return api;
})();
