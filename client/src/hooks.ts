import { useMatch, useRouter } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";

export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · AutoBolt`;
  }, [title]);
}

/** Input that only settles after typing pauses, so a search box does not query per keystroke. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Re-render every so often so "3 min ago" keeps telling the truth. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * A search box whose settled text lives in the address (so reload and Back keep it): typing stays
 * local and instant, the URL is written once typing pauses, and a URL changed from outside (Back,
 * a link) puts its value back in the box.
 */
export function useSearchBox(urlValue: string | undefined, write: (q: string | undefined) => void) {
  const [text, setText] = useState(urlValue ?? "");
  const settled = useDebounced(text.trim());
  const written = useRef(urlValue ?? "");
  // A search that settles after the person clicked away (a row's link within the debounce) must
  // not write itself into the page they went to, taking them back: it is written only while the
  // router is still going to (or on) the page the box belongs to. The router's location is the
  // target of a navigation in progress; the page the box was drawn for is its own match's.
  const router = useRouter();
  const page = useMatch({ strict: false, select: (match) => match.pathname });
  useEffect(() => {
    if (settled === (urlValue ?? "")) return;
    if (router.state.location.pathname !== page) return;
    written.current = settled;
    write(settled || undefined);
  }, [settled]);
  useEffect(() => {
    const value = urlValue ?? "";
    if (value !== written.current) {
      written.current = value;
      setText(value);
    }
  }, [urlValue]);
  return [text, setText] as const;
}
