// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/monitoring/CloudWatchErrors.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace CloudWatch {
namespace Endpoint {
class CloudWatchEndpointProviderBase;
} // namespace Endpoint

using CloudWatchClientConfiguration = Aws::Client::GenericClientConfiguration;
using CloudWatchEndpointProviderBase = Endpoint::CloudWatchEndpointProviderBase;

class CloudWatchClient;

namespace Model {
class PutMetricDataRequest;

using PutMetricDataOutcome = Aws::Utils::Outcome<Aws::NoResult, CloudWatch::CloudWatchError>;
using PutMetricDataOutcomeCallable = std::future<PutMetricDataOutcome>;
} // namespace Model

using PutMetricDataResponseReceivedHandler =
    std::function<void(const CloudWatchClient *, const Model::PutMetricDataRequest &,
                       const Model::PutMetricDataOutcome &,
                       const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace CloudWatch
} // namespace Aws
