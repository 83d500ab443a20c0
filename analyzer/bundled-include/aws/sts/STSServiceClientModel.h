// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/sts/STSErrors.h>
#include <aws/sts/model/AssumeRoleResult.h>
#include <aws/sts/model/GetCallerIdentityResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace STS {
namespace Endpoint {
class STSEndpointProviderBase;
} // namespace Endpoint

using STSClientConfiguration = Aws::Client::GenericClientConfiguration;
using STSEndpointProviderBase = Endpoint::STSEndpointProviderBase;

class STSClient;

namespace Model {
class AssumeRoleRequest;
class GetCallerIdentityRequest;

using AssumeRoleOutcome = Aws::Utils::Outcome<AssumeRoleResult, STS::STSError>;
using AssumeRoleOutcomeCallable = std::future<AssumeRoleOutcome>;
using GetCallerIdentityOutcome = Aws::Utils::Outcome<GetCallerIdentityResult, STS::STSError>;
using GetCallerIdentityOutcomeCallable = std::future<GetCallerIdentityOutcome>;
} // namespace Model

using AssumeRoleResponseReceivedHandler = std::function<void(
    const STSClient *, const Model::AssumeRoleRequest &, const Model::AssumeRoleOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using GetCallerIdentityResponseReceivedHandler =
    std::function<void(const STSClient *, const Model::GetCallerIdentityRequest &,
                       const Model::GetCallerIdentityOutcome &,
                       const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace STS
} // namespace Aws
