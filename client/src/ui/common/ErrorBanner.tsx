/** The one error banner of a screen: announced to screen readers, text only, optionally dismissable. */

import type { ReactNode } from "react";

export interface ErrorBannerProps {
  readonly title?: string;
  readonly message: string;
  readonly onDismiss?: () => void;
  readonly children?: ReactNode;
  /** Distinguishes error kinds for tests and styling (`jql`, `rate_limited`, …). */
  readonly kind?: string;
}

export function ErrorBanner({ title, message, onDismiss, children, kind }: ErrorBannerProps) {
  return (
    <div className="rb-banner rb-banner--error" role="alert" data-testid="error-banner" data-kind={kind}>
      <div className="rb-banner__body">
        {title ? <div className="rb-banner__title">{title}</div> : null}
        <div>{message}</div>
        {children}
      </div>
      {onDismiss ? (
        <button type="button" className="rb-button rb-button--subtle rb-button--compact" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      ) : null}
    </div>
  );
}

export function InfoBanner({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "warning" | "success" }) {
  return (
    <div className={`rb-banner rb-banner--${tone}`} role="status">
      <div className="rb-banner__body">{children}</div>
    </div>
  );
}
