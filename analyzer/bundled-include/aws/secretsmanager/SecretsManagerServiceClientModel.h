// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/secretsmanager/SecretsManagerErrors.h>
#include <aws/secretsmanager/model/GetSecretValueResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace SecretsManager {
namespace Endpoint {
class SecretsManagerEndpointProviderBase;
} // namespace Endpoint

using SecretsManagerClientConfiguration = Aws::Client::GenericClientConfiguration;
using SecretsManagerEndpointProviderBase = Endpoint::SecretsManagerEndpointProviderBase;

class SecretsManagerClient;

namespace Model {
class GetSecretValueRequest;

using GetSecretValueOutcome =
    Aws::Utils::Outcome<GetSecretValueResult, SecretsManager::SecretsManagerError>;
using GetSecretValueOutcomeCallable = std::future<GetSecretValueOutcome>;
} // namespace Model

using GetSecretValueResponseReceivedHandler =
    std::function<void(const SecretsManagerClient *, const Model::GetSecretValueRequest &,
                       const Model::GetSecretValueOutcome &,
                       const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace SecretsManager
} // namespace Aws
