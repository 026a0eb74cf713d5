import { useEffect, useRef, useState } from "react";
import { safeScreenshotUrl } from "../format.ts";

/** A proof thumbnail that opens the full-size image in a dialog (or a new tab with a modifier). */
export function Screenshot({ url, label }: { url: string | null | undefined; label: string }) {
  const src = safeScreenshotUrl(url);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  if (!src) return <span className="muted">—</span>;
  return (
    <>
      <button
        type="button"
        className="thumb"
        onClick={() => setOpen(true)}
        aria-label={`Open proof screenshot: ${label}`}
      >
        <img src={src} alt={`Proof screenshot: ${label}`} loading="lazy" width={96} height={60} />
      </button>
      <dialog
        ref={ref}
        className="dialog dialog-wide"
        aria-label={`Proof screenshot: ${label}`}
        onClose={() => setOpen(false)}
      >
        <div className="dialog-head">
          <h2>{label}</h2>
          <div className="dialog-head-actions">
            <a href={src} target="_blank" rel="noreferrer" className="button button-small">
              Open in new tab
            </a>
            <button type="button" className="button button-small" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </div>
        {open && <img className="full-shot" src={src} alt={`Proof screenshot, full size: ${label}`} />}
      </dialog>
    </>
  );
}
