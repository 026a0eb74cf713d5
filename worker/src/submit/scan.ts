import type { Frame, Page } from "playwright-core";
import { staticSource } from "./activity.ts";
import { inPage } from "./in-page.ts";

/** What the page tells about one control; gathered in the browser by in-page.js `scan`. */
export interface Control {
  key: string;
  tag: string;
  /** The input's type attribute (or the tag for select/textarea). */
  type: string;
  /**
   * How it is filled: typed text, a native select, a scripted picker standing in for one
   * ("select" with a `standIn`) or on its own ("listbox", "listbox-inline", "combobox"), an
   * editable region (contenteditable or a rich-text editor over a hidden textarea), a date, a box.
   */
  kind:
    | "text"
    | "textarea"
    | "select"
    | "listbox"
    | "listbox-inline"
    | "combobox"
    | "editable"
    | "date"
    | "checkbox"
    | "radio"
    | "password"
    | "file"
    | "search"
    | "hidden"
    | "button"
    | "other";
  name: string;
  id: string;
  className: string;
  label: string;
  ariaLabel: string;
  placeholder: string;
  title: string;
  /** Text just before the control (a table cell, a span), when no label names it. */
  before: string;
  /** Text just after it (a floating label, a checkbox's sentence), when no label names it. */
  after: string;
  legend: string;
  describedBy: string;
  autocomplete: string;
  inputMode: string;
  pattern: string;
  maxLength: number;
  min: string;
  tabIndex: string;
  required: boolean;
  visible: boolean;
  disabled: boolean;
  readOnly: boolean;
  checked: boolean;
  value: string;
  options: Array<{ value: string; text: string; disabled?: boolean }>;
  multiple: boolean;
  /** The form (or the page region of a formless form) it belongs to. */
  group: string;
  order: number;
  parent: string;
  grandparent: string;
  /** The visible widget a script put in its place (select2, an editor), if any. */
  standIn: string;
  /** What to click or type into instead of the control itself (the widget's trigger, the editor). */
  fillKey: string;
  /** The text a scripted picker shows now. */
  display: string;
}

export interface Button {
  key: string;
  text: string;
  type: string;
  tag: string;
  visible: boolean;
  disabled: boolean;
  group: string;
  order: number;
  formKey: string;
}

export interface Group {
  key: string;
  formless: boolean;
  tag: string;
  role: string;
  /** id, name, class, action and the first heading: what the form says it is for. */
  hints: string;
  visible: boolean;
}

export interface FrameScan {
  frame: Frame;
  controls: Control[];
  buttons: Button[];
  groups: Group[];
  /** Loaded and static: nothing more will appear in it. */
  settled: boolean;
}

/** One frame's controls, buttons and forms; a frame that navigates mid-scan has nothing to offer this round. */
export async function scanFrame(frame: Frame): Promise<FrameScan> {
  try {
    const [found, settled] = await Promise.all([
      inPage<Pick<FrameScan, "controls" | "buttons" | "groups">>(frame, "scan"),
      frame.evaluate(`document.readyState === "complete" && ${staticSource}`) as Promise<boolean>,
    ]);
    return { frame, ...found, settled };
  } catch {
    return { frame, controls: [], buttons: [], groups: [], settled: false };
  }
}

/** Every frame of the page, scanned at once. */
export function scanPage(page: Page): Promise<FrameScan[]> {
  return Promise.all(page.frames().map((frame) => scanFrame(frame)));
}
