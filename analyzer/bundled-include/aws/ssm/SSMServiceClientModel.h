// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/ssm/SSMErrors.h>
#include <aws/ssm/model/GetParameterResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace SSM {
namespace Endpoint {
class SSMEndpointProviderBase;
} // namespace Endpoint

using SSMClientConfiguration = Aws::Client::GenericClientConfiguration;
using SSMEndpointProviderBase = Endpoint::SSMEndpointProviderBase;

class SSMClient;

namespace Model {
class GetParameterRequest;

using GetParameterOutcome = Aws::Utils::Outcome<GetParameterResult, SSM::SSMError>;
using GetParameterOutcomeCallable = std::future<GetParameterOutcome>;
} // namespace Model

using GetParameterResponseReceivedHandler = std::function<void(
    const SSMClient *, const Model::GetParameterRequest &, const Model::GetParameterOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace SSM
} // namespace Aws
