/**
 * Where to report a vulnerability, as the operator configured it (`ROLLBOOK_SECURITY_CONTACT`).
 * Unconfigured, the card says so in a warning: a reporter must not be left guessing.
 */

import { useEffect, useState } from "react";
import type { SecurityContact } from "../../api/client";
import { InfoBanner } from "../common/ErrorBanner";
import { errorMessage } from "../common/errors";
import { useServices } from "../services";

type Loaded = { kind: "loading" } | { kind: "loaded"; answer: SecurityContact } | { kind: "failed"; message: string };

export function SecurityContactCard() {
  const { api } = useServices();
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });

  useEffect(() => {
    let current = true;
    api.securityContact().then(
      (answer) => current && setLoaded({ kind: "loaded", answer }),
      (error: unknown) => current && setLoaded({ kind: "failed", message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [api]);

  return (
    <section className="rb-card" aria-labelledby="rb-admin-security" data-testid="security-contact">
      <h2 id="rb-admin-security">Security contact</h2>
      {loaded.kind === "loading" ? <p className="rb-subtle">Loading…</p> : null}
      {loaded.kind === "failed" ? <p className="rb-subtle">The security contact could not be loaded: {loaded.message}</p> : null}
      {loaded.kind === "loaded" && loaded.answer.contact && loaded.answer.href ? (
        <p>
          Report a vulnerability in Rollbook to{" "}
          <a href={loaded.answer.href} target="_blank" rel="noopener noreferrer" data-testid="security-contact-link">
            {loaded.answer.contact}
          </a>
          .
        </p>
      ) : null}
      {loaded.kind === "loaded" && !loaded.answer.contact ? (
        <InfoBanner tone="warning">
          <strong>No security contact is configured.</strong> The operator of this Rollbook server must set ROLLBOOK_SECURITY_CONTACT to an
          email address or an https:// URL.
        </InfoBanner>
      ) : null}
    </section>
  );
}
