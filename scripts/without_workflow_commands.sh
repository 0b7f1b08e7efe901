#!/bin/sh
# Runs a command with GitHub's workflow commands switched off for everything it prints.
# The runner reads `::error …::` at the start of any line of a step's output, and the legacy
# `##[error]` anywhere in one: a build or a test that echoes a plan's text (a title, a file
# name) would otherwise let the pull request write annotations, or `::stop-commands::` the
# real ones. GitHub's own remedy: stop commands with a token no one can guess, resume after.
#   scripts/without_workflow_commands.sh make build
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
echo "::stop-commands::$token"
"$@"
status=$?
echo "::$token::"
exit $status
