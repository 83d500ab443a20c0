// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/DateTime.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>
#include <aws/monitoring/model/Dimension.h>
#include <aws/monitoring/model/StandardUnit.h>
#include <aws/monitoring/model/StatisticSet.h>

namespace Aws {
namespace CloudWatch {
namespace Model {

class MetricDatum {
public:
  MetricDatum();
  const Aws::String &GetMetricName() const;
  void SetMetricName(const Aws::String &value);
  MetricDatum &WithMetricName(const Aws::String &value);
  const Aws::Vector<Dimension> &GetDimensions() const;
  void SetDimensions(const Aws::Vector<Dimension> &value);
  MetricDatum &WithDimensions(const Aws::Vector<Dimension> &value);
  MetricDatum &AddDimensions(const Dimension &value);
  const Aws::Utils::DateTime &GetTimestamp() const;
  void SetTimestamp(const Aws::Utils::DateTime &value);
  MetricDatum &WithTimestamp(const Aws::Utils::DateTime &value);
  double GetValue() const;
  void SetValue(double value);
  MetricDatum &WithValue(double value);
  const StatisticSet &GetStatisticValues() const;
  void SetStatisticValues(const StatisticSet &value);
  MetricDatum &WithStatisticValues(const StatisticSet &value);
  const Aws::Vector<double> &GetValues() const;
  void SetValues(const Aws::Vector<double> &value);
  MetricDatum &WithValues(const Aws::Vector<double> &value);
  MetricDatum &AddValues(const double &value);
  const Aws::Vector<double> &GetCounts() const;
  void SetCounts(const Aws::Vector<double> &value);
  MetricDatum &WithCounts(const Aws::Vector<double> &value);
  MetricDatum &AddCounts(const double &value);
  StandardUnit GetUnit() const;
  void SetUnit(StandardUnit value);
  MetricDatum &WithUnit(StandardUnit value);
  int GetStorageResolution() const;
  void SetStorageResolution(int value);
  MetricDatum &WithStorageResolution(int value);
};

} // namespace Model
} // namespace CloudWatch
} // namespace Aws
