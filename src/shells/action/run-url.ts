// The address of this workflow run, from the runner's environment, for links in the job summary and
// the tracking issue. The variables are the runner's, but they end up inside Markdown links: each is
// checked against its shape, and anything else gives no link rather than a broken or forged one.
const SERVER_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const RUN_ID = /^\d{1,20}$/;

/** `https://github.com/owner/name/actions/runs/123`, or undefined when the environment lacks it. */
export function workflowRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
  if (server === undefined || !SERVER_URL.test(server)) return undefined;
  if (repository === undefined || !REPOSITORY.test(repository)) return undefined;
  if (run === undefined || !RUN_ID.test(run)) return undefined;
  return `${server}/${repository}/actions/runs/${run}`;
}
