// CCamprintBuildInfo: what this binary was built from (commit, build date, signature database
// version). The values are C string defines set by Package.swift from the environment of the
// build (CAMPRINT_BUILD_COMMIT, CAMPRINT_BUILD_DATE, CAMPRINT_BUILD_SIGNATURES, which
// scripts/package-build-info.sh computes for `make install` and `make deb`); Swift cannot take a
// string from the command line, a C define can. A plain `swift build` says "unknown".
// Read through CamprintBuild in Sources/CamprintReport/CamprintVersion.swift.
#ifndef CAMPRINT_BUILD_INFO_H
#define CAMPRINT_BUILD_INFO_H

const char *camprint_build_commit(void);
const char *camprint_build_date(void);
const char *camprint_build_signatures(void);

#endif
