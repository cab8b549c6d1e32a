#!/bin/bash
# Takes Cairo, Pango and the libraries under them off BINARY's list of libraries to load at start
# (its DT_NEEDED entries): yusuan calls them through CGraphics's table, loaded with dlopen by the
# commands that draw (Sources/CGraphics), and SwiftPM links them only because CCairo's headers
# come through pkg-config. This is what linking with --as-needed would do, had SwiftPM a place for
# the flag before pkg-config's libraries. Refuses (and leaves BINARY alone) if BINARY calls any
# of them directly: such a call must go through `gx`.
#   bash scripts/unlink-graphics.sh BINARY      (needs pkg-config, binutils and patchelf)
set -euo pipefail
bin=$1
command -v patchelf >/dev/null || { echo "unlink-graphics: patchelf is not installed (apt-get install patchelf)" >&2; exit 2; }
used=$(nm -D --undefined-only "$bin" | awk '{print $NF}' | sed 's/@.*//' | sort -u)
needed=$(readelf -d "$bin" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
drop=(); refused=0
for name in $(pkg-config --libs-only-l pangocairo | tr ' ' '\n' | sed -n 's/^-l//p'); do
  soname=$(grep -E "^lib${name//./\\.}\.so" <<<"$needed" || true)
  [ -n "$soname" ] || continue
  path=$(ldd "$bin" | awk -v s="$soname" '$1 == s {print $3}')
  [ -n "$path" ] || { echo "unlink-graphics: $soname is not found on this system" >&2; exit 1; }
  calls=$(comm -12 <(echo "$used") <(nm -D --defined-only "$path" | awk '{print $NF}' | sed 's/@.*//' | sort -u))
  if [ -n "$calls" ]; then
    echo "unlink-graphics: $bin calls $soname directly (call it through gx instead):" $calls >&2
    refused=1
  fi
  drop+=("$soname")
done
[ $refused = 0 ] || exit 1
for soname in "${drop[@]}"; do patchelf --remove-needed "$soname" "$bin"; done
echo "unlink-graphics: ${#drop[@]} libraries loaded at the first drawing instead of at start: ${drop[*]}"
