/**
 * The `confirm` page: the frame inside the host's modal dialog. It shows the question the opening
 * frame asked (`Host.confirm`) and answers it; the host closes the dialog and tells the opener.
 */

import { useEffect, useId, useState } from "react";
import type { ConfirmRequest } from "../../host/host";
import { useServices } from "../services";

export function ConfirmScreen() {
  const { host } = useServices();
  const titleId = useId();
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const load = host.dialogRequest?.() ?? Promise.reject(new Error("no dialog"));
    load.then(
      (asked) => {
        if (!cancelled) setRequest(asked);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [host]);

  const answer = (confirmed: boolean) => host.closeDialog?.(confirmed);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") answer(false);
  };

  if (failed) {
    return (
      <section className="rb-confirm" role="alertdialog" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h1 id={titleId} className="rb-dialog__title">
          Something went wrong
        </h1>
        <p>This dialog lost its question. Close it and try again.</p>
        <div className="rb-dialog__footer">
          {/* biome-ignore lint/a11y/noAutofocus: the only way out of the dialog */}
          <button type="button" className="rb-button" onClick={() => answer(false)} autoFocus>
            Close
          </button>
        </div>
      </section>
    );
  }
  if (!request) return <p className="rb-subtle">Loading…</p>;
  return (
    <section
      className="rb-confirm"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={`${titleId}-message`}
      onKeyDown={onKeyDown}
    >
      <h1 id={titleId} className="rb-dialog__title">
        {request.title}
      </h1>
      <p id={`${titleId}-message`}>{request.message}</p>
      <div className="rb-dialog__footer">
        {/* Cancel first and focused: a stray Enter must not delete anything. */}
        {/* biome-ignore lint/a11y/noAutofocus: the dialog opens to answer this question */}
        <button type="button" className="rb-button rb-button--subtle" onClick={() => answer(false)} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className={`rb-button ${request.danger ? "rb-button--danger" : "rb-button--primary"}`}
          onClick={() => answer(true)}
        >
          {request.confirmLabel}
        </button>
      </div>
    </section>
  );
}
