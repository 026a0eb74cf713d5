import { type ReactNode, useEffect, useId, useRef } from "react";
import { ErrorMessage } from "./ErrorMessage.tsx";

interface Props {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Red confirm button for things that cannot be undone. */
  destructive?: boolean;
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * A native modal <dialog>: the browser traps focus, handles Escape and restores focus to the
 * button that opened it, which a hand-rolled overlay would have to redo.
 */
export function ConfirmDialog(props: Props) {
  const { open, title, children, confirmLabel, destructive, busy, error, onConfirm, onClose } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        {error ? <ErrorMessage error={error} /> : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Keep as is
          </button>
          <button
            type="submit"
            className={destructive ? "button button-danger" : "button button-primary"}
            disabled={busy}
          >
            {busy ? "Working…" : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
