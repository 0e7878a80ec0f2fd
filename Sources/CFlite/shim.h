#include <flite/flite.h>
#include <flite/flite_version.h>
