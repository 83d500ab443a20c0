// Small formatting helpers shared by the passes' messages and the writers.
#pragma once

#include <cstdint>
#include <string>

namespace coldstart::report {

/// A byte count (or any count) with thousands separators: 52428800 -> "52,428,800".
std::string groupedDigits(uint64_t N);

} // namespace coldstart::report
