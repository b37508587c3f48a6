#!/usr/bin/env bash
# The pull request workflow's own steps around tools/pull-request.sh (.github/workflows/pull-request.yml).
# Run by the workflow only; every value comes from the environment (never pasted into this
# script), and the step is chosen by CI_STEP:
#   CI_STEP=check    run the check (tools/pull-request.sh) on the checked-out head: --commit for
#                    a branch of this repository (SAME_REPOSITORY=true), --fork otherwise; write
#                    the comment to $RUNNER_TEMP/pull-request-comment.md and the outcome
#                    (verdict, head, committed) to $GITHUB_OUTPUT. No token is in this step.
#   CI_STEP=publish  push the check's commit to the branch (HEAD_REF), report the verdict on
#                    that new commit (a commit status named STATUS_CONTEXT: a push made with
#                    GITHUB_TOKEN starts no workflow run, so nothing else would), and post or
#                    update the one comment (found by its first line); a fork's comment goes to
#                    the job's summary only. Exits with the check's verdict (VERDICT).
#   CI_STEP=status   report a job's result (JOB_STATUS) on the check's commit (NEW_HEAD) as the
#                    commit status STATUS_CONTEXT.
# The token (GH_TOKEN) is given to the publish and status steps only; git runs there with no
# hooks of the checkout (core.hooksPath=/dev/null).
set -euo pipefail
cd "$(dirname "$0")/.."
comment="${RUNNER_TEMP:?}/pull-request-comment.md"
marker="<!-- plan-site:pull-request-check -->"

run_url() {
  printf '%s/%s/actions/runs/%s' "${GITHUB_SERVER_URL:?}" "${GITHUB_REPOSITORY:?}" "${GITHUB_RUN_ID:?}"
}

set_status() {  # set_status SHA STATE DESCRIPTION
  gh api --method POST "repos/${GITHUB_REPOSITORY:?}/statuses/$1" \
    -f state="$2" -f context="${STATUS_CONTEXT:?}" -f description="$3" -f target_url="$(run_url)" >/dev/null
}

case "${CI_STEP:-}" in
  check)
    arguments=(--base "${BASE_SHA:?}" --comment "$comment")
    if [ "${SAME_REPOSITORY:-false}" = "true" ]; then
      arguments+=(--commit)
    else
      arguments+=(--fork)
    fi
    if [ -n "${PREVIEW_URL:-}" ]; then
      arguments+=(--preview-url "$PREVIEW_URL")
    fi
    before=$(git rev-parse HEAD)
    verdict=0
    bash tools/pull-request.sh "${arguments[@]}" || verdict=$?
    after=$(git rev-parse HEAD)
    committed=false
    if [ "$before" != "$after" ]; then
      committed=true
    fi
    printf 'verdict=%s\nhead=%s\ncommitted=%s\n' "$verdict" "$after" "$committed" >>"${GITHUB_OUTPUT:?}"
    ;;
  publish)
    if [ ! -s "$comment" ]; then  # the check could not run at all: say so, with the log's address
      printf '%s\n## ⚠️ Ni allai’r gwiriad redeg · The check could not run\n\nGweler y cofnod · See the log: %s\n' "$marker" "$(run_url)" >"$comment"
    fi
    cat "$comment" >>"${GITHUB_STEP_SUMMARY:?}"
    verdict=${VERDICT:-2}
    if [ "${SAME_REPOSITORY:-false}" != "true" ]; then
      echo "A pull request from a fork: its workflow's token is read-only, so the comment is in this job's summary, and nothing is pushed."
      exit "$verdict"
    fi
    if [ "${COMMITTED:-false}" = "true" ]; then
      header=$(printf 'x-access-token:%s' "${GH_TOKEN:?}" | base64 -w0)
      echo "::add-mask::$header"
      if ! git -c core.hooksPath=/dev/null -c "http.${GITHUB_SERVER_URL:?}/.extraheader=AUTHORIZATION: basic $header" \
        push origin "HEAD:refs/heads/${HEAD_REF:?}"; then
        echo "::error::The check's commit could not be pushed: the branch has moved (a newer push runs the check again)."
        exit 1
      fi
      if [ "$verdict" = "0" ]; then
        set_status "${NEW_HEAD:?}" success "Translations recorded; the pull request can be merged"
      else
        set_status "${NEW_HEAD:?}" failure "Problems to fix: see the pull request's comment"
      fi
    fi
    number=${PULL_REQUEST_NUMBER:?}
    existing=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$number/comments" \
      --jq ".[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"$marker\"))) | .id" | head -n 1)
    if [ -n "$existing" ]; then
      gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$comment" >/dev/null
    else
      gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$number/comments" -F "body=@$comment" >/dev/null
    fi
    exit "$verdict"
    ;;
  status)
    case "${JOB_STATUS:-}" in
      success) set_status "${NEW_HEAD:?}" success "Strict build and tests passed" ;;
      cancelled) set_status "${NEW_HEAD:?}" error "Cancelled" ;;
      *) set_status "${NEW_HEAD:?}" failure "The strict build or a test failed" ;;
    esac
    ;;
  *)
    echo "CI_STEP must be check, publish or status" >&2
    exit 2
    ;;
esac
