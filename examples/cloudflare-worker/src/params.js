// Request parameters shared by the GET and POST routes.
import { WorkerProblem } from "./problem.js";

/** The workspace asked for, else CONTRAFORCE_WORKSPACE_ID; a 400 when neither is there. */
export function workspaceOf(value, config) {
  const workspace = value ?? config.defaultWorkspace;
  if (!workspace) {
    throw new WorkerProblem(400, "WORKSPACE_REQUIRED",
      "Say which workspace: ?workspace=<guid> (GET), \"workspace\" (POST), or set CONTRAFORCE_WORKSPACE_ID.");
  }
  return workspace;
}

/** `true`, `false`, or absent (the API's default, which includes the details). */
export function withDetailsOf(value) {
  if (value === null || value === undefined) return undefined;
  if (value === "true" || value === true) return true;
  if (value === "false" || value === false) return false;
  throw new WorkerProblem(400, "BAD_WITH_DETAILS", "withDetails must be true or false.");
}
