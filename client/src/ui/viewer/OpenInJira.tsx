/**
 * "Open in Jira" for a group row or the total (group null or the root): Jira's issue navigator
 * with JQL for exactly that group. Rendered by the table rows inside a `DrillDownProvider`;
 * renders nothing outside one, or for a group JQL cannot select (text values, formulas).
 *
 * An icon, named for assistive technology and in its tooltip: the words "Open in Jira" on every
 * row took the room of the group's name in the narrow first column. In a table narrowed to a
 * group, the total's link is that group's. `ShowOnlyGroup` is the row's other drill-down: inside
 * the table.
 */

import type { KeyboardEvent, MouseEvent } from "react";
import type { GroupNode } from "../../engine/index";
import { useDrillDown } from "./drillDown";

/** `tabIndex`: -1 where a grid moves focus into the cell itself (roving tab index). */
export function OpenInJira({ group, tabIndex }: { group: GroupNode | null; tabIndex?: number }) {
  const drillDown = useDrillDown();
  // The total of a table narrowed to a group is that group's total.
  const subject = group === null || group.depth === 0 ? (drillDown?.scope ?? null) : group;
  const href = drillDown?.hrefFor(subject) ?? null;
  if (drillDown === null || href === null) return null;
  const name = subject === null ? "all issues of this report" : `issues in ${drillDown.labelOf(subject)}`;
  const caveat = drillDown.filtered ? " (without the report's filters)" : "";
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    // The row around the link toggles its group on click; the link must only open.
    event.stopPropagation();
    // Modified clicks keep the browser's own behaviour (new tab, new window).
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    // The app runs in Jira's frame: the host opens the navigator outside it.
    event.preventDefault();
    drillDown.open(subject);
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
      <Glyph path={EXTERNAL_LINK} />
    </a>
  );
}

/**
 * "Show only <group>": narrows the table to the group's nested groups and issues, in the browser
 * (a breadcrumb leads back). An icon like "Open in Jira", named for assistive technology and in
 * its tooltip; in the tab order like that link, as the grid's Enter on the cell toggles the group.
 */
export function ShowOnlyGroup({ group, label }: { group: GroupNode; label: string }) {
  const drillDown = useDrillDown();
  const narrow = drillDown?.narrow;
  if (!narrow) return null;
  const name = `Show only ${label}`;
  return (
    <button
      type="button"
      className="rb-show-only"
      aria-label={name}
      title={name}
      // The row around the button must not also toggle or move focus on this click.
      onClick={(event) => {
        event.stopPropagation();
        narrow(group);
      }}
      data-testid="show-only-group"
    >
      <Glyph path={ZOOM_IN} />
    </button>
  );
}

/** A 16 px glyph in the text colour; decorative, since the control around it carries the name. */
function Glyph({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={path} />
    </svg>
  );
}

/** A magnifier with a plus: look closer at this group. */
const ZOOM_IN =
  "M7 1.5a5.5 5.5 0 0 1 4.38 8.82l3.15 3.15-1.06 1.06-3.15-3.15A5.5 5.5 0 1 1 7 1.5zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm.75 1.5v1.75H9.5v1.5H7.75V9.5h-1.5V7.75H4.5v-1.5h1.75V4.5h1.5z";

/** The usual "opens elsewhere" glyph: a box with an arrow leaving it. */
const EXTERNAL_LINK =
  "M9 2h5v5h-1.5V4.56L7.53 9.53 6.47 8.47l4.97-4.97H9V2zM3 4.5A1.5 1.5 0 0 1 4.5 3H7v1.5H4.5v7h7V9H13v2.5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 11.5v-7z";
