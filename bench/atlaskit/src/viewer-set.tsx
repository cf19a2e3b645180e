// What the viewer's first screen would use: a button, a lozenge and the "…" menu.
import Button from "@atlaskit/button/new";
import DropdownMenu, { DropdownItem, DropdownItemGroup } from "@atlaskit/dropdown-menu";
import Lozenge from "@atlaskit/lozenge";
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root") as HTMLElement).render(
  <div>
    <Button appearance="primary">Edit</Button>
    <Lozenge>private</Lozenge>
    <DropdownMenu trigger="…">
      <DropdownItemGroup>
        <DropdownItem>Export CSV</DropdownItem>
      </DropdownItemGroup>
    </DropdownMenu>
  </div>,
);
