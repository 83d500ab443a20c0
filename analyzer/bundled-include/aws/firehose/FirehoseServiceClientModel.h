// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/firehose/FirehoseErrors.h>
#include <aws/firehose/model/PutRecordResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace Firehose {
namespace Endpoint {
class FirehoseEndpointProviderBase;
} // namespace Endpoint

using FirehoseClientConfiguration = Aws::Client::GenericClientConfiguration;
using FirehoseEndpointProviderBase = Endpoint::FirehoseEndpointProviderBase;

class FirehoseClient;

namespace Model {
class PutRecordRequest;

using PutRecordOutcome = Aws::Utils::Outcome<PutRecordResult, Firehose::FirehoseError>;
using PutRecordOutcomeCallable = std::future<PutRecordOutcome>;
} // namespace Model

using PutRecordResponseReceivedHandler = std::function<void(
    const FirehoseClient *, const Model::PutRecordRequest &, const Model::PutRecordOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace Firehose
} // namespace Aws
