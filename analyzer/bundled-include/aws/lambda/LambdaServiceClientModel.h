// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/lambda/LambdaErrors.h>
#include <aws/lambda/model/InvokeResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace Lambda {
namespace Endpoint {
class LambdaEndpointProviderBase;
} // namespace Endpoint

using LambdaClientConfiguration = Aws::Client::GenericClientConfiguration;
using LambdaEndpointProviderBase = Endpoint::LambdaEndpointProviderBase;

class LambdaClient;

namespace Model {
class InvokeRequest;

using InvokeOutcome = Aws::Utils::Outcome<InvokeResult, Lambda::LambdaError>;
using InvokeOutcomeCallable = std::future<InvokeOutcome>;
} // namespace Model

using InvokeResponseReceivedHandler =
    std::function<void(const LambdaClient *, const Model::InvokeRequest &, Model::InvokeOutcome,
                       const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace Lambda
} // namespace Aws
