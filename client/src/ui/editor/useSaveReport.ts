/**
 * Saving a draft: first the JQL (with Jira) and the formulas (with the engine) are checked, and a
 * draft with problems is not sent (its problems become field errors); then create, or update from
 * the version the edit started from. A 409 becomes a
 * conflict the user resolves (reload theirs, keep editing, or knowingly overwrite) — never a
 * silent overwrite; a 422 becomes messages on the fields its `loc`s name.
 */

import { useCallback, useState } from "react";
import type { ReportPublic } from "../../api/resources.gen";
import { asApiError, errorMessage } from "../common/errors";
import { useServices } from "../services";
import type { Draft } from "./draft";
import { checkBeforeSave, type NamedAvailableField } from "./saveChecks";
import { mapServerErrors, NO_ERRORS, type FieldErrors } from "./serverErrors";

export interface Conflict {
  /** The report as the other person saved it (null when it could not be loaded). */
  readonly theirs: ReportPublic | null;
  readonly updatedByName: string | null;
  readonly currentVersion: number | null;
}

export interface SaveState {
  readonly saving: boolean;
  readonly fieldErrors: FieldErrors;
  /** Errors that name no field the editor shows, and non-validation failures. */
  readonly bannerError: string | null;
  readonly conflict: Conflict | null;
}

const IDLE: SaveState = { saving: false, fieldErrors: NO_ERRORS, bannerError: null, conflict: null };

export function useSaveReport(reportId: string | null) {
  const { api, jira } = useServices();
  const [state, setState] = useState<SaveState>(IDLE);

  const save = useCallback(
    /** The saved report, or null with the field errors the editor should show (empty when none name a field). */
    async (
      draft: Draft,
      version: number | null,
      available: readonly NamedAvailableField[] = [],
    ): Promise<{ saved: ReportPublic | null; fieldErrors: FieldErrors }> => {
      setState((s) => ({ ...s, saving: true, bannerError: null }));
      try {
        const problems = await checkBeforeSave(draft, jira, available);
        if (problems.size > 0) {
          const count = [...problems.values()].reduce((n, list) => n + list.length, 0);
          setState({
            ...IDLE,
            fieldErrors: problems,
            bannerError: `Not saved: ${count === 1 ? "1 problem needs" : `${count} problems need`} fixing first. See the marked fields.`,
          });
          return { saved: null, fieldErrors: problems };
        }
        const saved =
          reportId === null || version === null ? await api.createReport(draft) : await api.updateReport(reportId, draft, version);
        setState(IDLE);
        return { saved, fieldErrors: NO_ERRORS };
      } catch (error) {
        const apiError = asApiError(error);
        if (apiError && (apiError.status === 409 || apiError.status === 412) && apiError.code === "version_conflict" && reportId !== null) {
          const theirs = await api.getReport(reportId).catch(() => null);
          const names = theirs ? await jira.usersById([theirs.updated_by]).catch(() => new Map()) : new Map();
          const updatedByName = theirs ? (names.get(theirs.updated_by)?.displayName ?? theirs.updated_by) : null;
          setState({
            ...IDLE,
            conflict: { theirs, updatedByName, currentVersion: theirs?.version ?? apiError.currentVersion ?? null },
          });
          return { saved: null, fieldErrors: NO_ERRORS };
        }
        if (apiError && apiError.status === 422 && apiError.detail && apiError.detail.length > 0) {
          const { fields, unplaced } = mapServerErrors(apiError.detail);
          setState({
            ...IDLE,
            fieldErrors: fields,
            bannerError:
              unplaced.length > 0 ? unplaced.join("\n") : fields.size > 0 ? "The report could not be saved. Fix the marked fields." : null,
          });
          return { saved: null, fieldErrors: fields };
        }
        setState({ ...IDLE, bannerError: errorMessage(error) });
        return { saved: null, fieldErrors: NO_ERRORS };
      }
    },
    [api, jira, reportId],
  );

  const clearConflict = useCallback(() => setState((s) => ({ ...s, conflict: null })), []);
  const clearBanner = useCallback(() => setState((s) => ({ ...s, bannerError: null })), []);
  return { state, save, clearConflict, clearBanner };
}
