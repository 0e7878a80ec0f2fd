#include <flite/flite.h>
#include <flite/flite_version.h>

// Each voice library registers its voice through one function, which flite's own headers do
// not declare (its command-line program declares them itself).
cst_voice *register_cmu_us_slt(const char *voxdir);
cst_voice *register_cmu_us_kal16(const char *voxdir);
cst_voice *register_cmu_us_kal(const char *voxdir);
cst_voice *register_cmu_us_awb(const char *voxdir);
cst_voice *register_cmu_us_rms(const char *voxdir);

