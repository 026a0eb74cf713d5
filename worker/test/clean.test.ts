import { describe, expect, test } from "vitest";
import { storable, storableText } from "../src/clean.ts";

describe("[WORKER CLEAN]: what a page says is made storable before it is sent", () => {
  test("NUL characters are dropped", () => {
    expect(storableText("Error\u0000: name\u0000\u0000 required")).toBe("Error: name required");
    expect(storableText("\u0000")).toBe("");
  });

  test("lone surrogates become U+FFFD; whole pairs (emoji) are kept", () => {
    expect(storableText("ok 😀 ok")).toBe("ok 😀 ok");
    expect(storableText("high \uD83D alone")).toBe("high \uFFFD alone");
    expect(storableText("low \uDE00 alone")).toBe("low \uFFFD alone");
    expect(storableText("\uDE00\uD83D")).toBe("\uFFFD\uFFFD");
    // A message cut to its limit in the middle of an emoji keeps its length and loses only the half.
    const cut = `${"a".repeat(3)}😀`.slice(0, 4);
    expect(storableText(cut)).toBe("aaa\uFFFD");
    expect(storableText(cut)).toHaveLength(4);
  });

  test("text PostgreSQL accepts is unchanged, control characters other than NUL included", () => {
    const fine = "Café — 東京 \t\n\r \u0001 \uFFFF ✓";
    expect(storableText(fine)).toBe(fine);
  });

  test("every string of a result is cleaned, at any depth, keys too, without touching the original", () => {
    const result = {
      directoryId: "site-1",
      status: "failed",
      reason: "validation_error",
      errorMessage: "bad\u0000 \uD800",
      metadata: {
        durationMs: 12,
        ok: true,
        nothing: null,
        filledFields: ["businessName\u0000", "email"],
        "key\u0000": { deeper: ["\uDC00"] },
      },
      learned: { steps: [{ action: "fill", selector: "#name\u0000", value: "{{businessName}}" }] },
    };
    const copy = structuredClone(result);
    expect(storable(result)).toEqual({
      directoryId: "site-1",
      status: "failed",
      reason: "validation_error",
      errorMessage: "bad \uFFFD",
      metadata: {
        durationMs: 12,
        ok: true,
        nothing: null,
        filledFields: ["businessName", "email"],
        key: { deeper: ["\uFFFD"] },
      },
      learned: { steps: [{ action: "fill", selector: "#name", value: "{{businessName}}" }] },
    });
    expect(result).toEqual(copy);
    // What comes out survives the JSON PostgreSQL's jsonb parses: no \u0000, no unpaired escape.
    expect(JSON.stringify(storable(result))).not.toMatch(/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
  });
});
