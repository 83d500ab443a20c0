// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>
#include <aws/monitoring/CloudWatchRequest.h>
#include <aws/monitoring/model/MetricDatum.h>

namespace Aws {
namespace CloudWatch {
namespace Model {

class PutMetricDataRequest : public CloudWatchRequest {
public:
  PutMetricDataRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetNamespace() const;
  void SetNamespace(const Aws::String &value);
  PutMetricDataRequest &WithNamespace(const Aws::String &value);
  const Aws::Vector<MetricDatum> &GetMetricData() const;
  void SetMetricData(const Aws::Vector<MetricDatum> &value);
  PutMetricDataRequest &WithMetricData(const Aws::Vector<MetricDatum> &value);
  PutMetricDataRequest &AddMetricData(const MetricDatum &value);
  bool GetStrictEntityValidation() const;
  void SetStrictEntityValidation(bool value);
  PutMetricDataRequest &WithStrictEntityValidation(bool value);
};

} // namespace Model
} // namespace CloudWatch
} // namespace Aws
