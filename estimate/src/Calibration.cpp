#include "coldstart/estimate/Calibration.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace coldstart::estimate {

namespace {

constexpr unsigned NumCoefficients = 5;

std::array<double, NumCoefficients> features(const StartupCounts &C) {
  return {1.0, static_cast<double>(C.Libraries), static_cast<double>(C.RelativeRelocations) / 1e3,
          static_cast<double>(C.SymbolicRelocations) * static_cast<double>(C.Libraries) / 1e3,
          static_cast<double>(C.StaticInitializers) / 1e3};
}

/// Least squares on the columns in Active (normal equations, Gaussian elimination with partial
/// pivoting). Returns false when the system is singular.
bool solveSubset(const std::vector<std::array<double, NumCoefficients>> &X,
                 const std::vector<double> &Y, unsigned Active,
                 std::array<double, NumCoefficients> &Beta) {
  std::vector<unsigned> Cols;
  for (unsigned J = 0; J < NumCoefficients; ++J)
    if (Active & (1u << J))
      Cols.push_back(J);
  size_t K = Cols.size();
  std::vector<std::vector<double>> A(K, std::vector<double>(K + 1, 0.0));
  for (size_t Row = 0; Row < X.size(); ++Row)
    for (size_t I = 0; I < K; ++I) {
      for (size_t J = 0; J < K; ++J)
        A[I][J] += X[Row][Cols[I]] * X[Row][Cols[J]];
      A[I][K] += X[Row][Cols[I]] * Y[Row];
    }
  for (size_t I = 0; I < K; ++I) {
    size_t Pivot = I;
    for (size_t R = I + 1; R < K; ++R)
      if (std::fabs(A[R][I]) > std::fabs(A[Pivot][I]))
        Pivot = R;
    if (std::fabs(A[Pivot][I]) < 1e-12)
      return false;
    std::swap(A[I], A[Pivot]);
    for (size_t R = 0; R < K; ++R) {
      if (R == I)
        continue;
      double F = A[R][I] / A[I][I];
      for (size_t C = I; C <= K; ++C)
        A[R][C] -= F * A[I][C];
    }
  }
  Beta.fill(0);
  for (size_t I = 0; I < K; ++I)
    Beta[Cols[I]] = A[I][K] / A[I][I];
  return true;
}

std::vector<double> ranks(const std::vector<double> &V) {
  std::vector<size_t> Order(V.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) { return V[A] < V[B]; });
  std::vector<double> R(V.size());
  for (size_t I = 0; I < Order.size();) {
    size_t J = I;
    while (J + 1 < Order.size() && V[Order[J + 1]] == V[Order[I]])
      ++J;
    double Average = (static_cast<double>(I) + static_cast<double>(J)) / 2 + 1;
    for (size_t T = I; T <= J; ++T)
      R[Order[T]] = Average;
    I = J + 1;
  }
  return R;
}

} // namespace

double CalibrationFit::predictMs(const StartupCounts &C) const {
  auto F = features(C);
  return FloorMs * F[0] + LoadLibraryMs * F[1] + RelativeUs * F[2] + SymbolLookupUs * F[3] +
         InitializerUs * F[4];
}

std::optional<CalibrationFit> fitCalibration(const std::vector<CalibrationSample> &Samples) {
  if (Samples.size() < NumCoefficients + 1)
    return std::nullopt;
  std::vector<std::array<double, NumCoefficients>> X;
  std::vector<double> Y;
  for (const CalibrationSample &S : Samples) {
    X.push_back(features(S.Counts));
    Y.push_back(S.MeasuredInitMs);
  }
  double BestResidual = INFINITY;
  std::optional<std::array<double, NumCoefficients>> Best;
  for (unsigned Active = 1; Active < (1u << NumCoefficients); ++Active) {
    std::array<double, NumCoefficients> Beta;
    if (!solveSubset(X, Y, Active, Beta))
      continue;
    if (std::any_of(Beta.begin(), Beta.end(), [](double B) { return B < 0; }))
      continue;
    double Residual = 0;
    for (size_t Row = 0; Row < X.size(); ++Row) {
      double P = 0;
      for (unsigned J = 0; J < NumCoefficients; ++J)
        P += X[Row][J] * Beta[J];
      Residual += (Y[Row] - P) * (Y[Row] - P);
    }
    if (Residual < BestResidual) {
      BestResidual = Residual;
      Best = Beta;
    }
  }
  if (!Best)
    return std::nullopt;
  CalibrationFit Fit;
  Fit.FloorMs = (*Best)[0];
  Fit.LoadLibraryMs = (*Best)[1];
  Fit.RelativeUs = (*Best)[2];
  Fit.SymbolLookupUs = (*Best)[3];
  Fit.InitializerUs = (*Best)[4];
  Fit.Samples = static_cast<unsigned>(Samples.size());
  double Mean = std::accumulate(Y.begin(), Y.end(), 0.0) / static_cast<double>(Y.size());
  double Total = 0;
  for (double V : Y)
    Total += (V - Mean) * (V - Mean);
  Fit.RSquared = Total > 0 ? 1 - BestResidual / Total : 1;
  return Fit;
}

double spearman(const std::vector<double> &A, const std::vector<double> &B) {
  if (A.size() != B.size() || A.size() < 2)
    return 0;
  std::vector<double> RA = ranks(A), RB = ranks(B);
  double MA = std::accumulate(RA.begin(), RA.end(), 0.0) / static_cast<double>(RA.size());
  double MB = std::accumulate(RB.begin(), RB.end(), 0.0) / static_cast<double>(RB.size());
  double Cov = 0, VA = 0, VB = 0;
  for (size_t I = 0; I < RA.size(); ++I) {
    Cov += (RA[I] - MA) * (RB[I] - MB);
    VA += (RA[I] - MA) * (RA[I] - MA);
    VB += (RB[I] - MB) * (RB[I] - MB);
  }
  return VA > 0 && VB > 0 ? Cov / std::sqrt(VA * VB) : 0;
}

} // namespace coldstart::estimate
