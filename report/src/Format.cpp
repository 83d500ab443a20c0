#include "coldstart/report/Format.h"

namespace coldstart::report {

std::string groupedDigits(uint64_t N) {
  std::string Digits = std::to_string(N), Out;
  for (size_t I = 0; I < Digits.size(); ++I) {
    if (I && (Digits.size() - I) % 3 == 0)
      Out += ',';
    Out += Digits[I];
  }
  return Out;
}

} // namespace coldstart::report
