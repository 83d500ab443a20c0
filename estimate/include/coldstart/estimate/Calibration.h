// Fitting the estimate's loading and static-initializer coefficients to measured cold starts
// on this machine (`coldstart calibrate`), and checking a fit on artifacts it has not seen.
#pragma once

#include "coldstart/estimate/StartupCounts.h"

#include <optional>
#include <string>
#include <vector>

namespace coldstart::estimate {

struct CalibrationSample {
  std::string Artifact;
  StartupCounts Counts;
  double MeasuredInitMs = 0; // median of the cold starts
};

/// init_ms = Floor + LoadLibraryMs * libraries + RelativeUs * relative/1000
///         + SymbolLookupUs * symbolic*libraries/1000 + InitializerUs * initializers/1000,
/// every coefficient >= 0 (non-negative least squares). Floor is this machine's process start
/// and Runtime API handshake: it is reported, never used in estimates (on Lambda the
/// platform part takes its place).
struct CalibrationFit {
  double FloorMs = 0;
  double LoadLibraryMs = 0;
  double RelativeUs = 0;
  double SymbolLookupUs = 0; // per symbol relocation per library in the lookup scope
  double InitializerUs = 0;
  double RSquared = 0;
  unsigned Samples = 0;

  double predictMs(const StartupCounts &C) const;
};

/// Exact NNLS over the five coefficients (every subset of active coefficients is solved by
/// least squares and the best feasible one kept). Needs at least 6 samples.
std::optional<CalibrationFit> fitCalibration(const std::vector<CalibrationSample> &Samples);

/// Spearman's rank correlation (average ranks for ties); 0 for fewer than 2 values.
double spearman(const std::vector<double> &A, const std::vector<double> &B);

} // namespace coldstart::estimate
