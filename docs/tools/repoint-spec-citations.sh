#!/usr/bin/env bash
# Points the code's contract citations at the repository's own contract: "SPEC §n" becomes
# "docs/contract.md §n" (docs/contract.md keeps SPEC's section numbers) and "PROTOCOLS.md"
# becomes "docs/contract.md §7". Re-runnable: a second run finds nothing to change.
#
# Covers the Java sources, the services' application.yml/.properties (their OpenAPI
# descriptions) and docs/openapi/*.json (kept equal to those descriptions by tests, so both
# change together). Not the Flyway migrations: editing an applied migration changes its
# checksum, so their header comments keep "SPEC §n", which docs/contract.md §n answers.
#
# Usage: docs/tools/repoint-spec-citations.sh   (from anywhere inside the clone)
set -euo pipefail
cd "$(dirname "$0")/../.."

mapfile -t files < <(git ls-files '*.java' '*/src/main/resources/*.yml' '*/src/main/resources/*.properties' \
	'docs/openapi/*.json')

changed=0
for file in "${files[@]}"; do
	if grep -qE 'SPEC §|PROTOCOLS\.md' "$file"; then
		sed -i -E \
			-e 's/SPEC §7, PROTOCOLS\.md/docs\/contract.md §7/g' \
			-e 's/SPEC §/docs\/contract.md §/g' \
			-e 's/PROTOCOLS\.md/docs\/contract.md §7/g' \
			"$file"
		changed=$((changed + 1))
	fi
done
echo "repointed citations in ${changed} file(s)"

# The longer citation pushes some Javadoc lines past the formatter's width: reflow them, so
# the build's format check passes.
if ((changed > 0)); then
	nice -n 10 ./mvnw -q -B spring-javaformat:apply
fi

if left=$(grep -nE 'SPEC §|PROTOCOLS\.md|\.\./shared/' "${files[@]}"); then
	echo "still citing SPEC/PROTOCOLS.md or ../shared:" >&2
	echo "$left" >&2
	exit 1
fi
echo "no 'SPEC §' or 'PROTOCOLS.md' citation left in Java sources, service configuration or docs/openapi"
