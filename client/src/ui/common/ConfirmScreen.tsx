/**
 * The `confirm` page: the frame inside the host's modal dialog. It shows the question the opening
 * frame asked (`Host.ask`), with its small form if any, and answers it with the form's values;
 * the host closes the dialog and tells the opener, which does the work.
 */

import { type CSSProperties, useEffect, useId, useRef, useState } from "react";
import { canConfirm, hasForm, initialValues } from "../../host/confirmRequest";
import type { ConfirmRequest, DialogValues } from "../../host/host";
import { useServices } from "../services";
import { DialogForm, focusStartsInForm } from "./DialogForm";

// The host gives the frame a fixed size: the buttons stay at its foot, and a form taller than the
// frame (a very long label) scrolls between title and buttons instead of pushing them out.
const SCREEN: CSSProperties = { display: "flex", flexDirection: "column", height: "calc(100vh - 32px)" };
const BODY: CSSProperties = { flex: "1 1 auto", minHeight: 0, overflow: "auto", paddingLeft: 0, paddingRight: 0 };
const EDGE: CSSProperties = { paddingLeft: 0, paddingRight: 0 };

export function ConfirmScreen() {
  const { host } = useServices();
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const [values, setValues] = useState<DialogValues>({});
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const load = host.dialogRequest?.() ?? Promise.reject(new Error("no dialog"));
    load.then(
      (asked) => {
        if (cancelled) return;
        setValues(initialValues(asked));
        setRequest(asked);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [host]);

  // Focus goes into the dialog once the question shows (see `focusStartsInForm`).
  useEffect(() => {
    if (request || failed) ref.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [request, failed]);

  const answer = (confirmed: boolean) => host.closeDialog?.(confirmed, values);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") answer(false);
  };

  if (failed) {
    return (
      <section ref={ref} className="rb-confirm" role="alertdialog" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h1 id={titleId} className="rb-dialog__title" style={EDGE}>
          Something went wrong
        </h1>
        <p>This dialog lost its question. Close it and try again.</p>
        <div className="rb-dialog__footer" style={EDGE}>
          <button type="button" className="rb-button" onClick={() => answer(false)} data-autofocus>
            Close
          </button>
        </div>
      </section>
    );
  }
  if (!request) return <p className="rb-subtle">Loading…</p>;
  const ready = canConfirm(request, values);
  return (
    <section
      ref={ref}
      className="rb-confirm"
      // A form to fill in is a dialog; a question (dangerous or not) interrupts: an alertdialog.
      role={hasForm(request) && !request.danger ? "dialog" : "alertdialog"}
      aria-labelledby={titleId}
      aria-describedby={`${titleId}-message`}
      onKeyDown={onKeyDown}
      style={SCREEN}
    >
      <h1 id={titleId} className="rb-dialog__title" style={EDGE}>
        {request.title}
      </h1>
      <div className="rb-dialog__body" style={BODY}>
        <div id={`${titleId}-message`}>
          {request.message.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
        <DialogForm request={request} values={values} onChange={setValues} onSubmit={() => answer(true)} />
      </div>
      <div className="rb-dialog__footer" style={EDGE}>
        <button
          type="button"
          className="rb-button rb-button--subtle"
          onClick={() => answer(false)}
          data-autofocus={focusStartsInForm(request) ? undefined : true}
        >
          {request.cancelLabel ?? "Cancel"}
        </button>
        <button
          type="button"
          className={`rb-button ${request.danger ? "rb-button--danger" : "rb-button--primary"}`}
          onClick={() => answer(true)}
          disabled={!ready}
        >
          {request.confirmLabel}
        </button>
      </div>
    </section>
  );
}
