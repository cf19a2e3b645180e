/**
 * Modal dialogs. `ConfirmDialog` asks a question, with a small form if need be (a text to type,
 * radio groups, checkboxes), in the host's own modal (`Host.ask`: Connect's AP.dialog, Forge's
 * Modal), whose backdrop covers the whole Jira page, and in a `Dialog` where the host has none.
 * `Dialog` is a modal inside the iframe: focus moves in on open and back on close, Tab stays
 * inside, Esc closes.
 */

import { type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { canConfirm, hasForm, initialValues } from "../../host/confirmRequest";
import type { ConfirmRequest, DialogAnswer, DialogCheck, DialogChoice, DialogTypeToConfirm, DialogValues, Host } from "../../host/host";
import { useServices } from "../services";
import { DialogForm, focusStartsInForm } from "./DialogForm";

export interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
  readonly width?: "small" | "medium";
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({ title, onClose, children, footer, width = "small" }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  // The latest onClose, so the key handler never calls a stale one.
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>("[data-autofocus]") ?? ref.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? ref.current)?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== "Tab" || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const firstItem = items[0];
    const lastItem = items[items.length - 1];
    if (!firstItem || !lastItem) return;
    if (event.shiftKey && document.activeElement === firstItem) {
      event.preventDefault();
      lastItem.focus();
    } else if (!event.shiftKey && document.activeElement === lastItem) {
      event.preventDefault();
      firstItem.focus();
    }
  };

  return (
    <div className="rb-dialog-backdrop">
      <div
        ref={ref}
        className={`rb-dialog rb-dialog--${width}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="rb-dialog__title">
          {title}
        </h2>
        <div className="rb-dialog__body">{children}</div>
        {footer ? <div className="rb-dialog__footer">{footer}</div> : null}
      </div>
    </div>
  );
}

export interface ConfirmDialogProps {
  readonly title: string;
  /** The question; in the host's dialog it shows as plain text. */
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  readonly danger?: boolean;
  readonly busy?: boolean;
  /** The small form, if any (see `ConfirmRequest`): its values come with `onConfirm`. */
  readonly typeToConfirm?: DialogTypeToConfirm;
  readonly choices?: readonly DialogChoice[];
  readonly checks?: readonly DialogCheck[];
  readonly onConfirm: (values: DialogValues) => void;
  readonly onCancel: () => void;
}

type Ask = (request: ConfirmRequest) => Promise<DialogAnswer>;

/** The host's way to ask, if it has a dialog of its own. */
function hostAsk(host: Host): Ask | null {
  if (host.ask) return host.ask.bind(host);
  const confirm = host.confirm?.bind(host);
  if (!confirm) return null;
  return (request) => confirm(request).then((confirmed) => ({ confirmed, values: initialValues(request) }));
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { host } = useServices();
  const ask = hostAsk(host);
  return ask ? <HostConfirm {...props} ask={ask} /> : <FrameConfirm {...props} />;
}

/** The props as a request; absent parts stay absent (the request crosses frames as is). */
function requestOf(props: ConfirmDialogProps, message: string): ConfirmRequest {
  const { title, confirmLabel, danger, cancelLabel, typeToConfirm, choices, checks } = props;
  return {
    title,
    message,
    confirmLabel,
    danger: danger === true,
    ...(cancelLabel === undefined ? {} : { cancelLabel }),
    ...(typeToConfirm === undefined ? {} : { typeToConfirm }),
    ...(choices === undefined ? {} : { choices }),
    ...(checks === undefined ? {} : { checks }),
  };
}

const PARAGRAPHS = new Set(["P", "DIV", "UL", "OL", "LI"]);

/** The text of `element` as the host's dialog shows it: paragraphs apart (a blank line between
 * them), spaces within them collapsed. */
export function plainText(element: Element): string {
  const paragraphs: string[] = [];
  let current = "";
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child instanceof Element && PARAGRAPHS.has(child.tagName)) {
        paragraphs.push(current);
        current = "";
        walk(child);
        paragraphs.push(current);
        current = "";
      } else if (child instanceof Element) walk(child);
      else current += child.textContent ?? "";
    }
  };
  walk(element);
  paragraphs.push(current);
  return paragraphs
    .map((text) => text.replace(/\s+/g, " ").trim())
    .filter((text) => text !== "")
    .join("\n\n");
}

/** Asks once, when mounted, in the host's modal. The question is the children's text: it crosses
 * into the dialog's own frame, where only plain text can go. */
function HostConfirm(props: ConfirmDialogProps & { readonly ask: Ask }) {
  const { children, onConfirm, onCancel, ask } = props;
  const messageRef = useRef<HTMLDivElement>(null);
  const answerRef = useRef({ onConfirm, onCancel });
  useLayoutEffect(() => {
    answerRef.current = { onConfirm, onCancel };
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: one question per mount; a re-render must not open a second dialog
  useEffect(() => {
    const message = messageRef.current ? plainText(messageRef.current) : "";
    // Unmounted before the answer came (the screen changed): nobody waits for it any more.
    let waiting = true;
    ask(requestOf(props, message)).then(
      (answer) => {
        if (!waiting) return;
        if (answer.confirmed) answerRef.current.onConfirm(answer.values);
        else answerRef.current.onCancel();
      },
      () => {
        if (waiting) answerRef.current.onCancel();
      },
    );
    return () => {
      waiting = false;
    };
  }, []);

  return (
    <div ref={messageRef} hidden>
      {children}
    </div>
  );
}

/** The same question and form inside the app's frame, for hosts without a dialog of their own. */
function FrameConfirm(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, cancelLabel, danger, busy, onConfirm, onCancel } = props;
  const request = requestOf(props, "");
  const [values, setValues] = useState<DialogValues>(() => initialValues(request));
  const ready = canConfirm(request, values) && !busy;
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      width={hasForm(request) ? "medium" : "small"}
      footer={
        <>
          <button
            type="button"
            className="rb-button rb-button--subtle"
            onClick={onCancel}
            data-autofocus={focusStartsInForm(request) ? undefined : true}
          >
            {cancelLabel ?? "Cancel"}
          </button>
          <button
            type="button"
            className={`rb-button ${danger ? "rb-button--danger" : "rb-button--primary"}`}
            onClick={() => onConfirm(values)}
            disabled={!ready}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
      <DialogForm request={request} values={values} onChange={setValues} onSubmit={() => onConfirm(values)} />
    </Dialog>
  );
}
