// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace CloudWatch {
namespace Model {

class StatisticSet {
public:
  StatisticSet();
  double GetSampleCount() const;
  void SetSampleCount(double value);
  StatisticSet &WithSampleCount(double value);
  double GetSum() const;
  void SetSum(double value);
  StatisticSet &WithSum(double value);
  double GetMinimum() const;
  void SetMinimum(double value);
  StatisticSet &WithMinimum(double value);
  double GetMaximum() const;
  void SetMaximum(double value);
  StatisticSet &WithMaximum(double value);
};

} // namespace Model
} // namespace CloudWatch
} // namespace Aws
