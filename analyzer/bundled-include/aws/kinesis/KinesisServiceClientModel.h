// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/kinesis/KinesisErrors.h>
#include <aws/kinesis/model/PutRecordResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace Kinesis {
namespace Endpoint {
class KinesisEndpointProviderBase;
} // namespace Endpoint

using KinesisClientConfiguration = Aws::Client::GenericClientConfiguration;
using KinesisEndpointProviderBase = Endpoint::KinesisEndpointProviderBase;

class KinesisClient;

namespace Model {
class PutRecordRequest;

using PutRecordOutcome = Aws::Utils::Outcome<PutRecordResult, Kinesis::KinesisError>;
using PutRecordOutcomeCallable = std::future<PutRecordOutcome>;
} // namespace Model

using PutRecordResponseReceivedHandler = std::function<void(
    const KinesisClient *, const Model::PutRecordRequest &, const Model::PutRecordOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace Kinesis
} // namespace Aws
