// Umbrella header for the CLDNS system-library target: the whole public ldns API.
// Debian: libldns-dev (installed by scripts/bootstrap).
#ifndef PREFACE_CLDNS_SHIM_H
#define PREFACE_CLDNS_SHIM_H

#include <ldns/ldns.h>

#endif
