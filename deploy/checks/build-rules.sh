#!/usr/bin/env bash
# Shows that `mvn verify` refuses each kind of violation the build is meant to hold, one at a time, on a
# throw-away copy of HEAD (nothing in this checkout changes). Each case must fail with the expected message.
#   deploy/checks/build-rules.sh        # about two minutes; not part of deploy/test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d /tmp/kpi-build-rules.XXXXXX)
trap 'rm -rf "$work"' EXIT
module=deploy/kafka-local   # the cheapest module: no other module of the reactor under it
class=src/main/java/io/kpipulse/kafka/local/RuleProbe.java

fresh_copy() {
  rm -rf "$work/tree" && mkdir -p "$work/tree"
  git archive HEAD | tar -x -C "$work/tree"
}

expect_failure() {
  local name=$1 expected=$2
  if (cd "$work/tree" && mvn -B -ntp -pl "$module" package -DskipTests -Djacoco.skip=true >"$work/$name.log" 2>&1); then
    echo "FAIL  $name: the build passed" >&2; exit 1
  elif grep -q -- "$expected" "$work/$name.log"; then
    echo "ok    $name: refused with '$expected'"
  else
    echo "FAIL  $name: the build failed without '$expected' (see the log below)" >&2
    tail -40 "$work/$name.log" >&2; exit 1
  fi
}

fresh_copy
(cd "$work/tree" && mvn -B -ntp -q -pl "$module" package -DskipTests -Djacoco.skip=true) \
  && echo "ok    baseline: HEAD builds"

fresh_copy
printf 'package io.kpipulse.kafka.local;\nclass RuleProbe {   int x  =1; }\n' >"$work/tree/$module/$class"
expect_failure format "Run 'mvn spotless:apply' to fix these violations"

fresh_copy
cat >"$work/tree/$module/$class" <<'JAVA'
package io.kpipulse.kafka.local;

final class RuleProbe {
    static boolean same(Integer a, Integer b) {
        return a == b;
    }
}
JAVA
expect_failure error-prone "\[BoxedPrimitiveEquality\]\|\[ReferenceEquality\]"

fresh_copy
# The maintained lz4 fork ships the same net.jpountz classes as the org.lz4 jar the module already has.
sed -i 's|<dependency><groupId>org.lz4</groupId><artifactId>lz4-java</artifactId></dependency>|&<dependency><groupId>at.yawk.lz4</groupId><artifactId>lz4-java</artifactId><version>1.10.4</version></dependency>|' \
  "$work/tree/$module/pom.xml"
expect_failure duplicate-classes "Duplicate classes found"

fresh_copy
# httpclient 4.5.14 wants commons-codec 1.11; asking for 1.15 beside it does not converge.
sed -i 's|<dependency><groupId>org.lz4</groupId><artifactId>lz4-java</artifactId></dependency>|&<dependency><groupId>org.apache.httpcomponents</groupId><artifactId>httpclient</artifactId><version>4.5.14</version></dependency><dependency><groupId>commons-codec</groupId><artifactId>commons-codec</artifactId><version>1.15</version></dependency>|' \
  "$work/tree/$module/pom.xml"
expect_failure convergence "Dependency convergence error for commons-codec"

echo "every rule held"
