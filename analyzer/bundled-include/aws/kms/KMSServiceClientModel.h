// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/kms/KMSErrors.h>
#include <aws/kms/model/DecryptResult.h>
#include <aws/kms/model/EncryptResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace KMS {
namespace Endpoint {
class KMSEndpointProviderBase;
} // namespace Endpoint

using KMSClientConfiguration = Aws::Client::GenericClientConfiguration;
using KMSEndpointProviderBase = Endpoint::KMSEndpointProviderBase;

class KMSClient;

namespace Model {
class DecryptRequest;
class EncryptRequest;

using DecryptOutcome = Aws::Utils::Outcome<DecryptResult, KMS::KMSError>;
using DecryptOutcomeCallable = std::future<DecryptOutcome>;
using EncryptOutcome = Aws::Utils::Outcome<EncryptResult, KMS::KMSError>;
using EncryptOutcomeCallable = std::future<EncryptOutcome>;
} // namespace Model

using DecryptResponseReceivedHandler = std::function<void(
    const KMSClient *, const Model::DecryptRequest &, const Model::DecryptOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using EncryptResponseReceivedHandler = std::function<void(
    const KMSClient *, const Model::EncryptRequest &, const Model::EncryptOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace KMS
} // namespace Aws
