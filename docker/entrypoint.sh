#!/bin/sh
# Starts User Center with JDK 25's AOT cache (JEP 483/514). The first start of an image records which
# classes the service loads and links and writes the cache when the JVM exits (a graceful stop); every
# later start maps it and is healthy in about half the time. The cache is named after this image's jar,
# so a new image records its own; a cache the JVM cannot use is ignored, never fatal.
set -eu
# Writing the cache, the JVM warns about every class it cannot archive (hundreds, all harmless); only
# its errors are printed.
quiet="-Xlog:aot*=error -Xlog:cds*=error"
cache_dir=${USERCENTER_AOT_CACHE_DIR:-/app/data}
cache="$cache_dir/app-$(cksum /app/app.jar | cut -d ' ' -f 1).aot"
if [ -f "$cache" ]; then
  exec java $quiet -XX:AOTCache="$cache" -jar /app/app.jar "$@"
fi
rm -f "$cache_dir"/app-*.aot 2>/dev/null || true
exec java $quiet -XX:AOTCacheOutput="$cache" -jar /app/app.jar "$@"
