// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

#include <chrono>
#include <cstdint>

namespace Aws {
namespace Utils {

enum class DateFormat { RFC822, ISO_8601, ISO_8601_BASIC, AutoDetect };

class DateTime {
public:
  DateTime();
  DateTime(const std::chrono::system_clock::time_point &timepointToAssign);
  DateTime(int64_t millisSinceEpoch);
  DateTime(double epochMillis);
  DateTime(const Aws::String &timestamp, DateFormat format);
  DateTime(const char *timestamp, DateFormat format);

  bool operator==(const DateTime &other) const;
  bool operator<(const DateTime &other) const;
  bool operator>(const DateTime &other) const;
  bool operator!=(const DateTime &other) const;
  bool operator<=(const DateTime &other) const;
  bool operator>=(const DateTime &other) const;

  bool WasParseSuccessful() const;
  Aws::String ToLocalTimeString(DateFormat format) const;
  Aws::String ToGmtString(DateFormat format) const;
  Aws::String ToGmtString(const char *formatStr) const;
  double SecondsWithMSPrecision() const;
  int64_t Seconds() const;
  int64_t Millis() const;
  std::chrono::system_clock::time_point UnderlyingTimestamp() const;

  static DateTime Now();
  static int64_t CurrentTimeMillis();
  static Aws::String CalculateLocalTimestampAsString(const char *formatStr);
  static Aws::String CalculateGmtTimestampAsString(const char *formatStr);
};

} // namespace Utils
} // namespace Aws
