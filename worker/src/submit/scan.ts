import type { Frame } from "playwright-core";
import { staticSource, watchSource } from "./activity.ts";
import type { FieldDescriptor } from "./fields.ts";

export interface ButtonDescriptor {
  key: string;
  text: string;
  type: string;
  visible: boolean;
  disabled: boolean;
}

export interface ScannedForm {
  key: string;
  /** Controls outside any <form>: many script-built pages post with fetch and never use one. */
  formless: boolean;
  role: string;
  fields: FieldDescriptor[];
  buttons: ButtonDescriptor[];
}

export interface FrameScan {
  forms: ScannedForm[];
  /** The document's change count when scanned (see activity.ts), -1 if it could not be read. */
  changes: number;
  /** Loaded and static: nothing more will appear in it. */
  settled: boolean;
}

/**
 * Runs in the page. Kept as plain JavaScript source rather than a function so no bundler helper
 * (esbuild's __name and friends) leaks into code the browser has to run. Tags every control with
 * data-autobolt-key so Node can address it again with a selector.
 */
const scanSource = `(() => {
  const w = window;
  w.__autoboltSeq = w.__autoboltSeq || 0;
  // A fresh token per document: a page the form posted to must not reuse the keys already filled.
  w.__autoboltDoc = w.__autoboltDoc || Math.random().toString(36).slice(2, 8);
  const keyOf = (el) => {
    if (!el.hasAttribute("data-autobolt-key")) el.setAttribute("data-autobolt-key", w.__autoboltDoc + "-" + (++w.__autoboltSeq));
    return el.getAttribute("data-autobolt-key");
  };
  const clean = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const visible = (el) => {
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const ownText = (label) => {
    const copy = label.cloneNode(true);
    copy.querySelectorAll("input,select,textarea,option,script,style").forEach((n) => n.remove());
    return clean(copy.textContent);
  };
  const nearby = (el) => {
    let node = el;
    for (let depth = 0; depth < 3 && node; depth++) {
      let prev = node.previousSibling;
      for (let hops = 0; prev && hops < 4; hops++, prev = prev.previousSibling) {
        if (prev.nodeType === 1 && prev.matches("input,select,textarea,button")) break;
        const text = clean(prev.textContent);
        if (text) return text.length <= 80 ? text : "";
      }
      node = node.parentElement;
      if (node && node.matches("form,body,fieldset")) break;
    }
    return "";
  };
  const describe = (el) => {
    const tag = el.isContentEditable && !el.matches("input,select,textarea") ? "editable" : el.tagName.toLowerCase();
    const labels = el.labels ? Array.from(el.labels).map(ownText).filter(Boolean) : [];
    const labelledBy = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
      .map((id) => { const t = document.getElementById(id); return t ? clean(t.textContent) : ""; }).filter(Boolean);
    const label = labels.concat(labelledBy).join(" ");
    return {
      key: keyOf(el),
      tag,
      type: tag === "input" ? (el.getAttribute("type") || "text").toLowerCase() : tag,
      name: el.getAttribute("name") || "",
      id: el.id || "",
      label,
      ariaLabel: el.getAttribute("aria-label") || "",
      placeholder: el.getAttribute("placeholder") || el.getAttribute("data-placeholder") || "",
      autocomplete: el.getAttribute("autocomplete") || "",
      title: el.getAttribute("title") || "",
      nearby: label ? "" : nearby(el),
      required: !!(el.required || el.getAttribute("aria-required") === "true" || /\\*\\s*$/.test(label)),
      visible: visible(el),
      disabled: !!(el.disabled || el.readOnly),
      checked: !!el.checked,
      value: tag === "editable" ? clean(el.textContent) : (el.value || ""),
      options: tag === "select" ? Array.from(el.options).map((o) => ({ value: o.value, text: clean(o.text) })) : [],
    };
  };
  const buttonText = (b) => clean(b.innerText || b.value || b.getAttribute("aria-label") || b.getAttribute("title") || b.getAttribute("alt") || "");
  const describeButton = (b) => ({
    key: keyOf(b),
    text: buttonText(b),
    type: (b.getAttribute("type") || (b.tagName === "BUTTON" ? "submit" : "")).toLowerCase(),
    visible: visible(b),
    disabled: !!b.disabled,
  });
  const controls = "input,select,textarea";
  const buttons = "button,input[type=submit],input[type=button],input[type=image],[role=button]";
  const forms = Array.from(document.forms).map((form) => ({
    key: keyOf(form),
    formless: false,
    role: form.getAttribute("role") || "",
    fields: Array.from(form.elements).filter((el) => el.matches(controls)).map(describe),
    buttons: Array.from(new Set([...Array.from(form.elements).filter((el) => el.matches(buttons)), ...form.querySelectorAll(buttons)])).map(describeButton),
  }));
  const loose = Array.from(document.querySelectorAll(controls + ",[contenteditable=true],[contenteditable='']"))
    .filter((el) => !el.form && !el.closest("form"));
  if (loose.length) {
    forms.push({
      key: "",
      formless: true,
      role: "",
      fields: loose.map(describe),
      buttons: Array.from(document.querySelectorAll(buttons)).filter((b) => !b.form && !b.closest("form")).map(describeButton),
    });
  }
  return { forms };
})()`;

/** One synchronous evaluation: no change of the page can fall between the scan and its count. */
const scanWithStateSource = `(() => ({
  ...${scanSource},
  changes: ${watchSource}.count,
  settled: document.readyState === "complete" && ${staticSource},
}))()`;

export async function scanFrame(frame: Frame): Promise<FrameScan> {
  try {
    return (await frame.evaluate(scanWithStateSource)) as FrameScan;
  } catch {
    // A frame that navigates or detaches mid-scan has nothing to offer this round.
    return { forms: [], changes: -1, settled: false };
  }
}
