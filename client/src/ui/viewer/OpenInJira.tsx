/**
 * "Open in Jira" for a group row or the total (group null or the root): Jira's issue navigator
 * with JQL for exactly that group. Rendered by the table rows inside a `DrillDownProvider`;
 * renders nothing outside one, or for a group JQL cannot select (text values, formulas).
 *
 * An icon, named for assistive technology and in its tooltip: the words "Open in Jira" on every
 * row took the room of the group's name in the narrow first column.
 */

import type { KeyboardEvent, MouseEvent } from "react";
import type { GroupNode } from "../../engine/index";
import { useDrillDown } from "./drillDown";

/** `tabIndex`: -1 where a grid moves focus into the cell itself (roving tab index). */
export function OpenInJira({ group, tabIndex }: { group: GroupNode | null; tabIndex?: number }) {
  const drillDown = useDrillDown();
  const href = drillDown?.hrefFor(group) ?? null;
  if (drillDown === null || href === null) return null;
  const total = group === null || group.depth === 0;
  const name = total ? "all issues of this report" : `issues in ${drillDown.labelOf(group)}`;
  const caveat = drillDown.filtered ? " (without the report's filters)" : "";
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    // The row around the link toggles its group on click; the link must only open.
    event.stopPropagation();
    // Modified clicks keep the browser's own behaviour (new tab, new window).
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    // The app runs in Jira's frame: the host opens the navigator outside it.
    event.preventDefault();
    drillDown.open(group);
  };
  // Enter follows the link; it must not also toggle the group row the link sits in.
  const keepKey = (event: KeyboardEvent<HTMLAnchorElement>) => {
    if (event.key === "Enter") event.stopPropagation();
  };
  return (
    <a
      className="rb-open-in-jira"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      onClick={open}
      onKeyDown={keepKey}
      {...(tabIndex !== undefined ? { tabIndex } : {})}
      // The accessible name starts with the visible text, so speech input ("click Open in Jira") finds it.
      aria-label={`Open in Jira: ${name}${caveat}`}
      title={`Search ${name} in Jira${caveat}`}
      data-testid="open-in-jira"
    >
      <ExternalLinkIcon />
    </a>
  );
}

/** The usual "opens elsewhere" glyph: a box with an arrow leaving it; drawn in the text colour. */
function ExternalLinkIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M9 2h5v5h-1.5V4.56L7.53 9.53 6.47 8.47l4.97-4.97H9V2zM3 4.5A1.5 1.5 0 0 1 4.5 3H7v1.5H4.5v7h7V9H13v2.5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 11.5v-7z"
      />
    </svg>
  );
}
