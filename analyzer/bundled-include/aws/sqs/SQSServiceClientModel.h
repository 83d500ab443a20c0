// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/sqs/SQSErrors.h>
#include <aws/sqs/model/ReceiveMessageResult.h>
#include <aws/sqs/model/SendMessageResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace SQS {
namespace Endpoint {
class SQSEndpointProviderBase;
} // namespace Endpoint

using SQSClientConfiguration = Aws::Client::GenericClientConfiguration;
using SQSEndpointProviderBase = Endpoint::SQSEndpointProviderBase;

class SQSClient;

namespace Model {
class SendMessageRequest;
class ReceiveMessageRequest;
class DeleteMessageRequest;

using SendMessageOutcome = Aws::Utils::Outcome<SendMessageResult, SQS::SQSError>;
using SendMessageOutcomeCallable = std::future<SendMessageOutcome>;
using ReceiveMessageOutcome = Aws::Utils::Outcome<ReceiveMessageResult, SQS::SQSError>;
using ReceiveMessageOutcomeCallable = std::future<ReceiveMessageOutcome>;
using DeleteMessageOutcome = Aws::Utils::Outcome<Aws::NoResult, SQS::SQSError>;
using DeleteMessageOutcomeCallable = std::future<DeleteMessageOutcome>;
} // namespace Model

using SendMessageResponseReceivedHandler = std::function<void(
    const SQSClient *, const Model::SendMessageRequest &, const Model::SendMessageOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using ReceiveMessageResponseReceivedHandler = std::function<void(
    const SQSClient *, const Model::ReceiveMessageRequest &, const Model::ReceiveMessageOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
using DeleteMessageResponseReceivedHandler = std::function<void(
    const SQSClient *, const Model::DeleteMessageRequest &, const Model::DeleteMessageOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace SQS
} // namespace Aws
