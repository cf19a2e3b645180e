/** A report's access level as Jira-style lozenge text. */

import type { Access } from "../../api/definition.gen";

export const ACCESS_LABELS: Record<Access, string> = {
  private: "Private",
  limited: "Limited",
  open: "Open",
};

export const ACCESS_DESCRIPTIONS: Record<Access, string> = {
  private: "Only the report's administrators can view it.",
  limited: "Administrators plus the users and groups listed below can view it.",
  open: "Everyone who can use Jira on this site can view it.",
};

export function AccessLozenge({ access }: { access: Access }) {
  const tone = access === "open" ? "rb-lozenge--success" : access === "limited" ? "rb-lozenge--information" : "";
  return <span className={`rb-lozenge ${tone}`}>{ACCESS_LABELS[access]}</span>;
}
