// Every component issue 12 names: buttons, select, tabs, lozenges, table, menu, flags, modal.
import Button from "@atlaskit/button/new";
import DropdownMenu, { DropdownItem, DropdownItemGroup } from "@atlaskit/dropdown-menu";
import DynamicTable from "@atlaskit/dynamic-table";
import Flag from "@atlaskit/flag";
import Lozenge from "@atlaskit/lozenge";
import Modal, { ModalBody, ModalHeader, ModalTitle, ModalTransition } from "@atlaskit/modal-dialog";
import Select from "@atlaskit/select";
import Tabs, { Tab, TabList, TabPanel } from "@atlaskit/tabs";
import { createRoot } from "react-dom/client";

const closed = false;
createRoot(document.getElementById("root") as HTMLElement).render(
  <div>
    <Button appearance="primary">Edit</Button>
    <Select options={[{ label: "Status", value: "status" }]} />
    <Tabs id="panes">
      <TabList>
        <Tab>General</Tab>
      </TabList>
      <TabPanel>General</TabPanel>
    </Tabs>
    <Lozenge>private</Lozenge>
    <DynamicTable head={{ cells: [{ key: "name", content: "Name" }] }} rows={[]} />
    <DropdownMenu trigger="…">
      <DropdownItemGroup>
        <DropdownItem>Export CSV</DropdownItem>
      </DropdownItemGroup>
    </DropdownMenu>
    <Flag id="saved" title="Saved" icon={<span />} />
    <ModalTransition>
      {closed ? (
        <Modal>
          <ModalHeader>
            <ModalTitle>Move report to trash?</ModalTitle>
          </ModalHeader>
          <ModalBody>Body</ModalBody>
        </Modal>
      ) : null}
    </ModalTransition>
  </div>,
);
