// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/sns/SNSErrors.h>
#include <aws/sns/model/PublishResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace SNS {
namespace Endpoint {
class SNSEndpointProviderBase;
} // namespace Endpoint

using SNSClientConfiguration = Aws::Client::GenericClientConfiguration;
using SNSEndpointProviderBase = Endpoint::SNSEndpointProviderBase;

class SNSClient;

namespace Model {
class PublishRequest;

using PublishOutcome = Aws::Utils::Outcome<PublishResult, SNS::SNSError>;
using PublishOutcomeCallable = std::future<PublishOutcome>;
} // namespace Model

using PublishResponseReceivedHandler = std::function<void(
    const SNSClient *, const Model::PublishRequest &, const Model::PublishOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace SNS
} // namespace Aws
