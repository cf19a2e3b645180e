/** The parts of a host dialog's form the dialog tests ask with: an import's people choice and
 * ids check, and the purge's typed site URL. */

import type { DialogCheck, DialogChoice, DialogTypeToConfirm } from "../../src/host/host";

export const PEOPLE: DialogChoice = {
  name: "people",
  legend: "People",
  options: [
    { value: "keep", label: "Keep as exported" },
    { value: "importer_only", label: "Only me" },
  ],
  initial: "keep",
};

export const KEEP_IDS: DialogCheck = { name: "keepIds", label: "Keep report ids", initial: false };

export const SITE: DialogTypeToConfirm = { name: "siteUrl", label: "Site URL", expected: "https://acme.atlassian.net" };
